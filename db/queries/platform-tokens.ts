// The stored Zalo OAuth pair: a TokenStore backed by the platform_tokens table.
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { platformTokens } from '../schema';
import type { TokenPair, TokenStore } from '../../src/core/outbox/sender-port';

export function createDbTokenStore(db: Db, platform = 'zalo'): TokenStore {
  return {
    async load() {
      const row = await db.query.platformTokens.findFirst({ where: eq(platformTokens.platform, platform) });
      return row ? { accessToken: row.accessToken, refreshToken: row.refreshToken, expiresAt: row.expiresAt, updatedAt: row.updatedAt } : null;
    },
    async save(pair: TokenPair) {
      await db
        .insert(platformTokens)
        .values({ platform, ...pair })
        .onConflictDoUpdate({
          target: platformTokens.platform,
          set: { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: pair.expiresAt, updatedAt: pair.updatedAt },
        });
    },
  };
}
