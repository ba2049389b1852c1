// A conversation in progress (registration, announcement preview...) is a row, not memory,
// so it survives restarts and runs on Workers. One open conversation per identity.
import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timeMs } from './columns';

export const conversations = sqliteTable(
  'conversations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    identityId: integer('identity_id').notNull(),
    flow: text('flow').notNull(),
    step: text('step').notNull(),
    /** Answers so far (may hold personal data until the flow ends). */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    expiresAt: timeMs('expires_at').notNull(),
    updatedAt: timeMs('updated_at').notNull(),
  },
  (t) => [uniqueIndex('conversations_identity_uq').on(t.identityId)],
);
