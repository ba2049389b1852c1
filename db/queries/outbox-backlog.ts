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

/**
 * Due rows and the oldest due time (/healthz, /metrics, progress lines), per platform through the
 * claim index (platform, status, priority, next_attempt_at): a range scan over the due rows only.
 */
export async function queueBacklog(db: Db, now: Date, platforms: readonly string[] = ['telegram', 'zalo']): Promise<QueueBacklog> {
  const rows = await db.all<{ n: number; oldest: number | null }>(sql`
    SELECT count(*) AS n, min(next_attempt_at) AS oldest FROM outbox
    WHERE platform IN (${sql.join(platforms.map((p) => sql`${p}`), sql`, `)}) AND status = 'queued' AND priority IN (0, 1)
      AND next_attempt_at <= ${now.getTime()}`);
  const r = rows[0];
  const due = Number(r?.n ?? 0);
  return { due, oldestDueAt: due > 0 && r?.oldest != null ? new Date(Number(r.oldest)) : null };
}
