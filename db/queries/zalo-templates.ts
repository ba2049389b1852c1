// The paid template fallback (SPEC §4): members a digest skipped because they were outside the
// Zalo 7-day window get the approved ZBS template instead, within a daily budget.
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { ZALO_OUTSIDE_WINDOW } from '../../src/core/outbox/zalo-window';

export interface TemplateFallback {
  /** The digest's ref (`digest:<date>`): its skipped rows are the candidates. */
  digestRef: string;
  /** The template rows' ref (`zalo-template:<digest date>`); also the prefix of their keys. */
  templateRef: string;
  bodyId: number;
  dailyMax: number;
  /** Start of today in TIMEZONE: the budget counts template rows created since. */
  dayStart: Date;
  now: Date;
}

/**
 * Queues template rows for the digest's Zalo members outside the window, oldest interaction
 * first, up to what is left of the day's budget. One INSERT … SELECT: the budget is read and
 * spent in the same statement, so two processes cannot both spend the last ones; the keys keep a
 * second run from sending anyone a second template for the same digest. Returns the rows added.
 */
export async function queueTemplateFallbackRows(db: Db, f: TemplateFallback): Promise<number> {
  const now = f.now.getTime();
  const key = sql`${f.templateRef + ':'} || o.identity_id`;
  const res = await db.run(sql`
    INSERT INTO outbox (idempotency_key, ref, platform, chat_id, identity_id, member_id, body_id, status, next_attempt_at, created_at)
    SELECT ${key}, ${f.templateRef}, 'zalo', o.chat_id, o.identity_id, o.member_id, ${f.bodyId}, 'queued', ${now}, ${now}
    FROM outbox o JOIN chat_identities i ON i.id = o.identity_id
    WHERE o.ref = ${f.digestRef} AND o.platform = 'zalo' AND o.status = 'skipped' AND o.last_error = ${ZALO_OUTSIDE_WINDOW}
      AND (i.unfollowed_at IS NULL OR i.unfollowed_at < i.last_inbound_at)
      AND NOT EXISTS (SELECT 1 FROM outbox t WHERE t.idempotency_key = ${key})
    ORDER BY i.last_inbound_at ASC, o.id ASC
    LIMIT max(0, ${f.dailyMax} - (${usedSince(f.dayStart)}))
    ON CONFLICT (idempotency_key) DO NOTHING`);
  return res.rowsAffected;
}

/** Every template row (of any digest) created since `dayStart`: what today's budget has spent. */
function usedSince(dayStart: Date) {
  // The refs share the prefix `zalo-template:`; ';' is the character after ':', so the range uses outbox_ref_idx.
  return sql`SELECT count(*) FROM outbox b WHERE b.ref >= ${TEMPLATE_REF_PREFIX} AND b.ref < 'zalo-template;' AND b.created_at >= ${dayStart.getTime()}`;
}

export const TEMPLATE_REF_PREFIX = 'zalo-template:';

export async function templatesUsedSince(db: Db, dayStart: Date): Promise<number> {
  const rows = await db.all<{ n: number }>(sql`SELECT (${usedSince(dayStart)}) AS n`);
  return Number(rows[0]?.n ?? 0);
}

export interface TemplateUsage {
  /** Template messages queued for the day (all states). */
  queued: number;
  sent: number;
  /** Answered with an error, per user (e.g. -230/-232) or final. */
  notSent: number;
  /** Still queued or being sent. */
  unfinished: number;
}

/** A digest's template rows by outcome. */
export async function templateUsage(db: Db, templateRef: string): Promise<TemplateUsage> {
  const rows = await db.all<{ status: string; n: number }>(sql`SELECT status, count(*) AS n FROM outbox WHERE ref = ${templateRef} GROUP BY status`);
  const usage: TemplateUsage = { queued: 0, sent: 0, notSent: 0, unfinished: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    usage.queued += n;
    if (r.status === 'sent') usage.sent += n;
    else if (r.status === 'failed' || r.status === 'skipped') usage.notSent += n;
    else usage.unfinished += n;
  }
  return usage;
}
