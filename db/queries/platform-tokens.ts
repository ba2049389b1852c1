// The stored Zalo OAuth pair: a TokenStore backed by the platform_tokens table, with the refresh
// lease in the leases table (one refresh at a time across every process on the database).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { leases, platformTokens } from '../schema';
import type { TokenPair, TokenStore } from '../../src/core/outbox/sender-port';

/**
 * Takes the named lease for `owner` until `until` if nobody holds it at `now` (never taken,
 * released, or expired). One statement (an upsert whose update is conditional), so it needs no
 * interactive transaction and works the same over Turso's HTTP protocol; the row comes back only
 * when this owner got the lease.
 */
export async function tryTakeLease(db: Db, name: string, owner: string, now: Date, until: Date): Promise<boolean> {
  const rows = await db
    .insert(leases)
    .values({ name, owner, until })
    .onConflictDoUpdate({
      target: leases.name,
      set: { owner: sql`excluded.owner`, until: sql`excluded.until` },
      setWhere: sql`${leases.until} <= ${now.getTime()}`,
    })
    .returning({ owner: leases.owner });
  return rows.length === 1 && rows[0]!.owner === owner;
}

/** Ends the lease at once if `owner` still holds it (someone who took it over keeps it). */
export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.update(leases).set({ until: new Date(0) }).where(and(eq(leases.name, name), eq(leases.owner, owner)));
}

export function createDbTokenStore(db: Db, platform = 'zalo'): TokenStore {
  const leaseName = `${platform}_refresh`;
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
    tryLease: (owner, now, until) => tryTakeLease(db, leaseName, owner, now, until),
    releaseLease: (owner) => releaseLease(db, leaseName, owner),
  };
}
