// Commits a fan-out: its outbox rows (500 per statement, keys make them idempotent; a message
// shared by many rows is stored once, see shareBodies) and the state
// change that goes with it (announcement sent, reminder handled, briefing cancelled) in ONE batch,
// so a crash leaves either both or neither, and a retry adds nothing. Kept out of the inbound
// event's own batch so a big fan-out does not weigh on other events' group commit.
import type { Db } from '../../../db/client';
import { insertedRows, insertOutboxQuery, OUTBOX_CHUNK, shareBodies, type OutboxInsert } from '../../../db/queries/outbox';
import type { Write } from '../commands/handler-context';

/** Returns how many outbox rows were new. */
export async function commitFanOut(db: Db, all: OutboxInsert[], now: Date, writes: Write[] = []): Promise<number> {
  // Bodies go first, in their own write: if the batch below fails, they wait unused for the retry.
  const rows = await shareBodies(db, all);
  const inserts: ReturnType<typeof insertOutboxQuery>[] = [];
  for (let i = 0; i < rows.length; i += OUTBOX_CHUNK) inserts.push(insertOutboxQuery(db, rows.slice(i, i + OUTBOX_CHUNK), now));
  const queries = [...writes, ...inserts];
  if (queries.length === 0) return 0;
  const results = await db.batch(queries as [Write, ...Write[]]);
  return results.slice(writes.length).reduce((n: number, r) => n + insertedRows(r), 0);
}
