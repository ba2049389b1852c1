// Named leases shared by every process on the database (Node replicas, Workers isolates on Turso):
// one holder at a time, taken with one conditional statement, so no interactive transaction is needed.
// Used for the Zalo token refresh ('zalo_refresh'): refresh tokens are single-use.
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timeMs } from './columns';

export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  /** Who holds it (a random id per process or isolate). */
  owner: text('owner').notNull(),
  /** Held until then; afterwards anyone may take it. */
  until: timeMs('until').notNull(),
});
