// How many outbox rows are due now, counted only up to a cap (reads at most cap + 1 entries of
// outbox_claim_prio_idx: one range per platform and priority). The Worker uses it to decide
// whether a webhook may drain the outbox itself.
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox } from '../schema';

/** Queued rows whose time has come, counted up to `cap` (returns at most cap + 1). */
export async function countDueOutbox(db: Db, now: Date, cap: number): Promise<number> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    // Every column of the index named, so SQLite seeks instead of scanning the whole outbox.
    .where(and(inArray(outbox.platform, ['telegram', 'zalo']), eq(outbox.status, 'queued'), inArray(outbox.priority, [0, 1]), lte(outbox.nextAttemptAt, now)))
    .limit(cap + 1);
  return rows.length;
}
