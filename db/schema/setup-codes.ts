// One-time setup codes (SPEC §9): while no official exists the server prints one at start; the
// first person to send `/quantri <code>` in a private chat becomes the first official. Only a
// SHA-256 of the code is stored; valid 24 h, single use.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';

export const setupCodes = sqliteTable(
  'setup_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Hex SHA-256 of `loa-setup:<code>`; never the code itself. */
    codeHash: text('code_hash').notNull(),
    expiresAt: timeMs('expires_at').notNull(),
    usedAt: timeMs('used_at'),
    usedByIdentityId: integer('used_by_identity_id'),
    createdAt: createdAt(),
  },
  (t) => [index('setup_codes_hash_idx').on(t.codeHash)],
);
