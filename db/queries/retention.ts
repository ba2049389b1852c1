// Retention (SPEC §6): how long what stays. Outgoing texts at most RETENTION_DAYS after their
// final state (rows clear their own text when final: this catches what is left, e.g. shared
// bodies), dedupe keys of handled webhooks 7 days, dead webhooks RETENTION_DAYS, audit log 2 years.
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export const DAY_MS = 24 * 3600_000;
export const DEDUPE_KEEP_DAYS = 7;
export const AUDIT_KEEP_DAYS = 730;

export interface RetentionResult {
  outboxTexts: number;
  bodies: number;
  events: number;
  audit: number;
}

export async function applyRetention(db: Db, now: Date, retentionDays: number): Promise<RetentionResult> {
  const textsBefore = now.getTime() - retentionDays * DAY_MS;
  const dedupeBefore = now.getTime() - DEDUPE_KEEP_DAYS * DAY_MS;
  const auditBefore = now.getTime() - AUDIT_KEEP_DAYS * DAY_MS;
  const [texts, bodies, done, dead, audit] = await db.batch([
    // A final row's time is at most its sent time, else its creation: older than that, no text.
    db.run(sql`
      UPDATE outbox SET message = NULL
      WHERE platform IN ('telegram', 'zalo') AND status IN ('sent', 'failed', 'skipped') AND message IS NOT NULL
        AND coalesce(sent_at, created_at) < ${textsBefore}`),
    // A shared body goes once every row using it is final for longer than that (one pass over
    // the outbox a day), and it is old itself (a fan-out writes its bodies before its rows).
    db.run(sql`
      DELETE FROM outbox_bodies WHERE created_at < ${textsBefore}
        AND id NOT IN (SELECT body_id FROM outbox WHERE body_id IS NOT NULL
          AND (status IN ('queued', 'sending') OR coalesce(sent_at, created_at) >= ${textsBefore}))`),
    db.run(sql`DELETE FROM inbound_events WHERE status = 'done' AND created_at < ${dedupeBefore}`),
    db.run(sql`DELETE FROM inbound_events WHERE status = 'dead' AND created_at < ${textsBefore}`),
    db.run(sql`DELETE FROM audit_log WHERE created_at < ${auditBefore}`),
  ]);
  // Old WAL frames still hold pages as they were before a deletion until the WAL is rewound:
  // empty it once a day (an embedded database; a remote one refuses or ignores the pragma).
  await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`).catch(() => undefined);
  return { outboxTexts: texts.rowsAffected, bodies: bodies.rowsAffected, events: done.rowsAffected + dead.rowsAffected, audit: audit.rowsAffected };
}
