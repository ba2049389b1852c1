// MCN companies. `name_key` is the folded name (case, diacritics, "Công ty", "TNHH" removed) to catch duplicates.
import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

export const mcns = sqliteTable(
  'mcns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    /** Short code members type to pick it (e.g. "YEAH1"). */
    code: text('code').notNull(),
    createdByMemberId: integer('created_by_member_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mcns_name_key_uq').on(t.nameKey), uniqueIndex('mcns_code_uq').on(t.code)],
);
