// OAuth pairs per platform (the Zalo access/refresh pair; refresh tokens are single-use and rotate).
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timeMs } from './columns';

export const platformTokens = sqliteTable('platform_tokens', {
  platform: text('platform').primaryKey(),
  accessToken: text('access_token').notNull(),
  refreshToken: text('refresh_token').notNull(),
  expiresAt: timeMs('expires_at').notNull(),
  updatedAt: timeMs('updated_at').notNull(),
});
