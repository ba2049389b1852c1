// One-time /lienket codes: only a SHA-256 of the 6-digit code is stored, valid 10 minutes, single use.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';

export const linkCodes = sqliteTable(
  'link_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id').notNull(),
    /** Hex SHA-256 of `loa-link:<code>`; never the code itself. */
    codeHash: text('code_hash').notNull(),
    expiresAt: timeMs('expires_at').notNull(),
    usedAt: timeMs('used_at'),
    usedByIdentityId: integer('used_by_identity_id'),
    createdAt: createdAt(),
  },
  (t) => [index('link_codes_hash_idx').on(t.codeHash), index('link_codes_member_idx').on(t.memberId)],
);
