// The officials' console (SPEC §7): single-use sign-in links sent by /web, and browser sessions.
// Only SHA-256 hashes of the secrets are stored; both tables are emptied for a member by /xoa.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';

export const consoleLoginTokens = sqliteTable(
  'console_login_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id').notNull(),
    /** Hex SHA-256 of the token in the link; never the token itself. */
    tokenHash: text('token_hash').notNull(),
    expiresAt: timeMs('expires_at').notNull(),
    usedAt: timeMs('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('console_login_tokens_hash_uq').on(t.tokenHash), index('console_login_tokens_member_idx').on(t.memberId)],
);

export const consoleSessions = sqliteTable(
  'console_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id').notNull(),
    /** Hex SHA-256 of the cookie value. */
    tokenHash: text('token_hash').notNull(),
    /** The console's language for this session (null: the member's own). */
    lang: text('lang', { enum: ['vi', 'en'] }),
    createdAt: createdAt(),
    lastSeenAt: timeMs('last_seen_at').notNull(),
    /** Absolute end: created + 7 days. */
    expiresAt: timeMs('expires_at').notNull(),
    /** Sign-out (or revocation). */
    endedAt: timeMs('ended_at'),
  },
  (t) => [uniqueIndex('console_sessions_hash_uq').on(t.tokenHash), index('console_sessions_member_idx').on(t.memberId)],
);
