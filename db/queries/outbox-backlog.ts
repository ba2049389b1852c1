// How many outbox rows are due now, counted only up to a cap (reads at most cap + 1 entries of
// outbox_claim_prio_idx: one range per platform and priority). The Worker uses it to decide
// whether a webhook may drain the outbox itself.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox } from '../schema';
import { ALL_PRIORITIES, type OutboxPriority } from './outbox';

/** Queued rows whose time has come, counted up to `cap` (returns at most cap + 1); `priorities` narrows it (e.g. replies only). */
export async function countDueOutbox(db: Db, now: Date, cap: number, priorities: readonly OutboxPriority[] = ALL_PRIORITIES): Promise<number> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    // Every column of the index named, so SQLite seeks instead of scanning the whole outbox.
    .where(and(inArray(outbox.platform, ['telegram', 'zalo']), eq(outbox.status, 'queued'), inArray(outbox.priority, [...priorities]), lte(outbox.nextAttemptAt, now)))
    .limit(cap + 1);
  return rows.length;
}

export interface QueueBacklog {
  /** Queued rows whose time has come. */
  due: number;
  /** When the oldest of them became due (null when none is due). */
  oldestDueAt: Date | null;
}

/** Up to this many due rows are counted through the claim index; beyond, from the kept counts. */
export const BACKLOG_INDEX_COUNT_CAP = 10_000;

/**
 * Due rows and the oldest due time (/healthz, /metrics, progress lines). Every read is bounded, so
 * a check during a million-member digest does not hold the event loop (counting a million due
 * entries of the claim index took 40–70 ms each time, on every /healthz):
 * - the due rows are counted through the claim index (platform, status, priority,
 *   next_attempt_at) up to BACKLOG_INDEX_COUNT_CAP; past it, as the queued rows of the
 *   trigger-kept outbox_counts (a few rows per ref, read whole: thousands after a year) minus
 *   those not due yet (a range of the index: rows waiting for a retry's back-off or a chat's gap,
 *   normally few);
 * - the oldest due time is the smallest next_attempt_at of each (platform, priority) range: one
 *   seek each.
 * One statement, so both numbers come from one snapshot.
 */
export async function queueBacklog(db: Db, now: Date, platforms: readonly string[] = ['telegram', 'zalo']): Promise<QueueBacklog> {
  const list = sql.join(platforms.map((p) => sql`${p}`), sql`, `);
  const t = now.getTime();
  const queued = sql`platform IN (${list}) AND status = 'queued' AND priority IN (0, 1)`;
  const firsts = platforms.flatMap((p) => [0, 1].map((prio) => sql`SELECT min(next_attempt_at) AS at FROM outbox WHERE platform = ${p} AND status = 'queued' AND priority = ${sql.raw(String(prio))}`));
  const rows = await db.all<{ n: number; oldest: number | null }>(sql`
    SELECT CASE WHEN capped.n <= ${BACKLOG_INDEX_COUNT_CAP} THEN capped.n
      ELSE (SELECT coalesce(sum(n), 0) FROM outbox_counts WHERE platform IN (${list}) AND status = 'queued')
         - (SELECT count(*) FROM outbox WHERE ${queued} AND next_attempt_at > ${t}) END AS n,
      (SELECT min(at) FROM (${sql.join(firsts, sql` UNION ALL `)})) AS oldest
    FROM (SELECT count(*) AS n FROM (SELECT 1 FROM outbox WHERE ${queued} AND next_attempt_at <= ${t} LIMIT ${BACKLOG_INDEX_COUNT_CAP + 1})) AS capped`);
  const r = rows[0];
  const due = Number(r?.n ?? 0);
  return { due, oldestDueAt: due > 0 && r?.oldest != null && Number(r.oldest) <= t ? new Date(Number(r.oldest)) : null };
}
