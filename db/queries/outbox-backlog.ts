// How many outbox rows are due now, counted only up to a cap (reads at most cap + 1 index entries
// of outbox_due_idx). The Worker uses it to decide whether a webhook may drain the outbox itself.
import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox } from '../schema';

/** Queued rows whose time has come, counted up to `cap` (returns at most cap + 1). */
export async function countDueOutbox(db: Db, now: Date, cap: number): Promise<number> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, now)))
    .limit(cap + 1);
  return rows.length;
}
