// Digest SQL: the per-date digest row, the fan-out batch, delivery counts and pages for a ref,
// "Dùng bài" picks, and the press-feed candidates.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { chatIdentities, digestPicks, digests, feedCandidates, jobRuns, members, outbox, outboxCounts } from '../schema';
import { outboxCountsOf } from './audience-counts';
import { bodyKey, insertOutboxQuery, writeSharedBodies, type OutboxInsert } from './outbox';
import { TELEGRAM_NO_PRIVATE_CHAT } from '../../src/core/outbox/private-chat';
import { ZALO_OUTSIDE_WINDOW } from '../../src/core/outbox/zalo-window';
import type { Lang, OutboundMessage } from '../../src/core/types';

export type DigestRow = typeof digests.$inferSelect;
export type FeedCandidateRow = typeof feedCandidates.$inferSelect;

export async function findDigest(db: Db, date: string): Promise<DigestRow | undefined> {
  const rows = await db.select().from(digests).where(eq(digests.date, date)).limit(1);
  return rows[0];
}

/** The latest digest date (≤ `upTo`) that was queued for everyone. */
export async function latestQueuedDigestDate(db: Db, upTo: string): Promise<string | null> {
  const rows = await db
    .select({ date: digests.date })
    .from(digests)
    .where(and(eq(digests.status, 'queued'), lte(digests.date, upTo)))
    .orderBy(desc(digests.date))
    .limit(1);
  return rows[0]?.date ?? null;
}

export interface DigestFanout {
  date: string;
  ref: string;
  articleIds: number[];
  trigger: DigestRow['trigger'];
  /** The digest per member language (the same for both platforms; the senders format it). */
  messages: Record<Lang, OutboundMessage>;
  /** A Zalo identity whose last inbound event is at or before this is outside the 7-day window. */
  zaloCutoff: Date;
  now: Date;
}

/**
 * The push audience of pushRecipients (db/queries/recipients.ts) as SQL conditions over
 * `members` and `chat_identities`: registered, consenting, active, not unfollowed. Kept in step
 * with it by the test "the fan-out reaches exactly pushRecipients()".
 */
const pushAudience = sql`${members.status} = 'active' AND ${members.registeredAt} IS NOT NULL AND ${members.consentAt} IS NOT NULL AND ${chatIdentities.unfollowedAt} IS NULL`;

/**
 * How long one fan-out step may hold the event loop (a local libSQL call is synchronous): webhooks
 * that arrive meanwhile wait that long. The step's size in members follows from the last step's
 * time (first step FANOUT_FIRST_STEP members, then at most ×2 or ÷4 per step, within
 * FANOUT_MIN_STEP..FANOUT_MAX_STEP). Measured here: 10,000 members a step held it 120–440 ms, and
 * a webhook's p99 while a million members were queued was 817 ms; 25 ms steps growing up to ×4
 * gave 55–69 ms, 20 ms growing up to ×2 (and smaller WAL checkpoints, db/client.ts) 33–45 ms,
 * with the queue time about unchanged (7.2–8.3 s; 15 ms steps: 10.1 s, the sends taking the turns
 * between).
 */
export const FANOUT_STEP_MS = 20;
export const FANOUT_FIRST_STEP = 1000;
const FANOUT_MIN_STEP = 200;
const FANOUT_MAX_STEP = 20_000;

/**
 * Writes a digest's outbox rows for the whole push audience, then the digest row. Each step is
 * an INSERT … SELECT per kind (to send; Zalo outside the window or Telegram without a private chat, recorded as skipped) over a
 * range of member ids, so the rows are built inside SQLite rather than as 100,000 JS objects and
 * bound parameters (measured in the first session: ~0.2 ms per row through drizzle's insert builder).
 * Steps are separate batches because a local libSQL call blocks the event loop while it runs:
 * between steps webhooks are answered and `afterStep` can wake the dispatcher. The digest row
 * comes with the last step, so it exists only once every row does; after a crash in between
 * the next tick runs again and the idempotency keys
 * (`digest:<date>:member:<id>:<platform>:<identityId>`) let only the missing rows in.
 */
export async function writeDigestFanout(
  db: Db,
  f: DigestFanout,
  opts: { stepMembers?: number; afterStep?: () => Promise<void> } = {},
): Promise<{ queued: number; skipped: number; existing: number }> {
  // A fixed step (tests), or one sized to FANOUT_STEP_MS.
  let step = opts.stepMembers ?? FANOUT_FIRST_STEP;
  // Rows of a run that crashed part-way, from the kept counts (not a count of the ref index).
  const existing = Number((await db.select({ n: sql<number>`coalesce(sum(${outboxCounts.n}), 0)` }).from(outboxCounts).where(eq(outboxCounts.ref, f.ref)))[0]?.n ?? 0);
  // Two subqueries: SQLite answers a lone min() or max() with one seek of the primary key, but
  // reads the whole table for both in one SELECT (a million members: 52 ms, the event loop held).
  const [range] = await db.all<{ lo: number | null; hi: number | null }>(sql`SELECT (SELECT min(${members.id}) FROM ${members}) AS lo, (SELECT max(${members.id}) FROM ${members}) AS hi`);
  const now = f.now.getTime();
  const cutoff = f.zaloCutoff.getTime();
  // The digest text is stored once per language (outbox_bodies), not 4 KB in each of 100,000
  // rows (measured for 100,000 members: queue 3.0 s → 0.9 s, ~400 MB less written per digest).
  // Keyed by content (the key every shared body uses): a run after a crash that builds another
  // text gets its own body, as the rows it adds would have had their own text.
  const [viKey, enKey] = await Promise.all([bodyKey(f.messages.vi), bodyKey(f.messages.en)]);
  const bodies = await writeSharedBodies(db, [
    { key: viKey, message: f.messages.vi },
    { key: enKey, message: f.messages.en },
  ]);
  const vi = bodies.get(viKey)!;
  const en = bodies.get(enKey)!;
  // `+platform`: no index on the platform for these. Otherwise SQLite reads the skipped kinds
  // through chat_identities_inbound_idx (platform = ?), every identity of the platform in every
  // step (a million members: 30 s to queue, O(members²/step)), instead of the step's member range.
  const outside = sql`(+${chatIdentities.platform} = 'zalo' AND (${chatIdentities.lastInboundAt} IS NULL OR ${chatIdentities.lastInboundAt} <= ${cutoff}))`;
  const noPrivateChat = sql`(+${chatIdentities.platform} = 'telegram' AND ${chatIdentities.privateChatAt} IS NULL)`;
  // One INSERT … SELECT per outcome: to send, or skipped with its reason.
  const kinds = [
    { status: 'queued' as const, reason: null, where: sql`NOT ${outside} AND NOT ${noPrivateChat}` },
    { status: 'skipped' as const, reason: ZALO_OUTSIDE_WINDOW, where: outside },
    { status: 'skipped' as const, reason: TELEGRAM_NO_PRIVATE_CHAT, where: noPrivateChat },
  ];
  // No ORDER BY: SQLite walks chat_identities by member id already.
  const insert = (kind: (typeof kinds)[number], lo: number, hi: number) =>
    db.run(sql`
      INSERT INTO ${outbox} (idempotency_key, ref, platform, chat_id, identity_id, member_id, body_id, status, last_error, next_attempt_at, created_at)
      SELECT ${'digest:' + f.date + ':member:'} || ${members.id} || ':' || ${chatIdentities.platform} || ':' || ${chatIdentities.id},
             ${f.ref}, ${chatIdentities.platform}, ${chatIdentities.chatId}, ${chatIdentities.id}, ${members.id},
             CASE ${members.lang} WHEN 'en' THEN ${en} ELSE ${vi} END,
             ${kind.status}, ${kind.reason}, ${now}, ${now}
      FROM ${members} JOIN ${chatIdentities} ON ${chatIdentities.memberId} = ${members.id}
      WHERE ${members.id} BETWEEN ${lo} AND ${hi} AND ${pushAudience} AND ${kind.where}
      ON CONFLICT (idempotency_key) DO NOTHING`);
  const counts = { queued: 0, skipped: 0, existing };
  const lo0 = Number(range?.lo ?? 1);
  const hi0 = Number(range?.hi ?? 0);
  if (hi0 < lo0) {
    await upsertQueuedDigestQuery(db, f);
    return counts;
  }
  for (let lo = lo0; lo <= hi0; ) {
    const hi = Math.min(lo + step - 1, hi0);
    const [queued, outsideWindow, noPrivate] = kinds.map((k) => insert(k, lo, hi)) as [ReturnType<typeof insert>, ...ReturnType<typeof insert>[]];
    const started = performance.now();
    const results = hi === hi0
      ? await db.batch([queued, outsideWindow!, noPrivate!, upsertQueuedDigestQuery(db, f)])
      : await db.batch([queued, outsideWindow!, noPrivate!]);
    const took = performance.now() - started;
    counts.queued += results[0].rowsAffected;
    counts.skipped += results[1].rowsAffected + results[2].rowsAffected;
    lo = hi + 1;
    if (opts.stepMembers === undefined) {
      const scale = Math.min(2, Math.max(0.25, FANOUT_STEP_MS / Math.max(took, 0.1)));
      step = Math.min(FANOUT_MAX_STEP, Math.max(FANOUT_MIN_STEP, Math.round(step * scale)));
    }
    await opts.afterStep?.();
  }
  return counts;
}

/**
 * Marks the date queued (first time: snapshot of the articles); the count is the outbox rows of
 * the ref, from the trigger-kept outbox_counts (exact within this transaction: its rows are
 * written with the outbox's) rather than counting a million rows of the ref index (36 ms).
 */
function upsertQueuedDigestQuery(db: Db, b: DigestFanout) {
  const recipients = sql<number>`(SELECT coalesce(sum(${outboxCounts.n}), 0) FROM ${outboxCounts} WHERE ${outboxCounts.ref} = ${b.ref})`;
  return db
    .insert(digests)
    .values({
      date: b.date,
      status: 'queued',
      articleIds: b.articleIds,
      trigger: b.trigger,
      recipients,
      queuedAt: b.now,
      updatedAt: b.now,
    })
    .onConflictDoUpdate({
      target: digests.date,
      set: {
        status: 'queued',
        // An empty day that is sent later (API) gets its articles now; a queued one keeps its own.
        articleIds: sql`CASE WHEN ${digests.status} = 'queued' THEN ${digests.articleIds} ELSE excluded.article_ids END`,
        queuedAt: sql`coalesce(${digests.queuedAt}, excluded.queued_at)`,
        recipients,
        updatedAt: b.now,
      },
    });
}

/** Records that the day had nothing to send; returns the row only for the caller that created it. */
export function insertEmptyDigestQuery(db: Db, date: string, now: Date) {
  return db
    .insert(digests)
    .values({ date, status: 'empty', trigger: 'schedule', emptyNoticeAt: now, updatedAt: now })
    .onConflictDoNothing({ target: digests.date })
    .returning({ date: digests.date });
}

/** Queued digests whose officials' summary has not gone out yet. */
export async function digestsAwaitingSummary(db: Db): Promise<DigestRow[]> {
  return db
    .select()
    .from(digests)
    .where(and(eq(digests.status, 'queued'), isNull(digests.summarySentAt)))
    .orderBy(asc(digests.date));
}

export function markSummarySentQuery(db: Db, date: string, now: Date) {
  return db
    .update(digests)
    .set({ summarySentAt: now, updatedAt: now })
    .where(and(eq(digests.date, date), isNull(digests.summarySentAt)))
    .returning({ date: digests.date });
}

/** Writes the summary rows and the "summary sent" mark together. */
export async function writeSummary(db: Db, date: string, rows: OutboxInsert[], now: Date): Promise<boolean> {
  const mark = markSummarySentQuery(db, date, now);
  const results = rows.length ? await db.batch([mark, insertOutboxQuery(db, rows, now)]) : await db.batch([mark]);
  return (results[0] as { date: string }[]).length > 0;
}

export interface DeliveryCount {
  platform: 'telegram' | 'zalo';
  status: string;
  reason: string | null;
  n: number;
}

/**
 * Outbox rows of a ref counted by platform, status and reason, from the trigger-kept
 * outbox_counts (db/schema/console-counts.ts): a read of a few rows, not of the ref's 100,000.
 */
export async function deliveryCounts(db: Db, ref: string): Promise<DeliveryCount[]> {
  const sums = new Map<string, DeliveryCount>();
  for (const r of await outboxCountsOf(db, [ref])) {
    const k = `${r.platform}\u0000${r.status}\u0000${r.reason ?? ''}`;
    const c = sums.get(k);
    if (c) c.n += r.n;
    else sums.set(k, { platform: r.platform, status: r.status, reason: r.reason, n: r.n });
  }
  return [...sums.values()];
}

/** One page of a ref's deliveries (per recipient and platform), by outbox id. */
export async function deliveriesPage(db: Db, ref: string, opts: { afterId?: number; limit: number; status?: string }) {
  const conds = [eq(outbox.ref, ref)];
  if (opts.afterId) conds.push(gt(outbox.id, opts.afterId));
  if (opts.status) conds.push(eq(outbox.status, opts.status as 'queued'));
  return db
    .select({
      id: outbox.id,
      memberId: outbox.memberId,
      identityId: outbox.identityId,
      platform: outbox.platform,
      status: outbox.status,
      attempts: outbox.attempts,
      reason: outbox.lastError,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(and(...conds))
    .orderBy(asc(outbox.id))
    .limit(opts.limit);
}

// ---- picks -------------------------------------------------------------------------------

export async function findPick(db: Db, articleId: number, memberId: number) {
  const rows = await db
    .select({ id: digestPicks.id })
    .from(digestPicks)
    .where(and(eq(digestPicks.articleId, articleId), eq(digestPicks.memberId, memberId)))
    .limit(1);
  return rows[0];
}

export function insertPickQuery(
  db: Db,
  p: { digestDate: string; articleId: number; memberId: number; mcnId: number | null; platform: 'telegram' | 'zalo'; at: Date },
) {
  return db
    .insert(digestPicks)
    .values({ digestDate: p.digestDate, articleId: p.articleId, memberId: p.memberId, mcnId: p.mcnId, platform: p.platform, pickedAt: p.at })
    .onConflictDoNothing({ target: [digestPicks.articleId, digestPicks.memberId] });
}

/** Picks per article of a date: members and distinct MCNs. */
export async function pickCounts(db: Db, digestDate: string): Promise<Map<number, { members: number; mcns: number }>> {
  const rows = await db
    .select({
      articleId: digestPicks.articleId,
      members: sql<number>`count(*)`,
      mcns: sql<number>`count(DISTINCT ${digestPicks.mcnId})`,
    })
    .from(digestPicks)
    .where(eq(digestPicks.digestDate, digestDate))
    .groupBy(digestPicks.articleId);
  return new Map(rows.map((r) => [r.articleId, { members: Number(r.members), mcns: Number(r.mcns) }]));
}

// ---- feed candidates ---------------------------------------------------------------------

export async function insertFeedCandidates(db: Db, rows: (typeof feedCandidates.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const qs = [];
  for (let i = 0; i < rows.length; i += 200) {
    qs.push(
      db
        .insert(feedCandidates)
        .values(rows.slice(i, i + 200))
        .onConflictDoNothing({ target: feedCandidates.urlKey })
        .returning({ id: feedCandidates.id }),
    );
  }
  const results = await db.batch(qs as [(typeof qs)[number], ...(typeof qs)[number][]]);
  return results.reduce((n, r) => n + r.length, 0);
}

/** Candidates fetched since `since`, newest first (published time, else fetch time). */
export async function listFeedCandidates(db: Db, opts: { since: Date; limit: number }): Promise<FeedCandidateRow[]> {
  return db
    .select()
    .from(feedCandidates)
    .where(gte(feedCandidates.fetchedAt, opts.since))
    .orderBy(desc(sql`coalesce(${feedCandidates.publishedAt}, ${feedCandidates.fetchedAt})`), desc(feedCandidates.id))
    .limit(opts.limit);
}

export async function feedCandidatesByIds(db: Db, ids: number[]): Promise<FeedCandidateRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(feedCandidates).where(inArray(feedCandidates.id, ids));
}

/** Drops old candidates and the feeds job's old period marks. */
export async function pruneFeedCandidates(db: Db, before: Date): Promise<void> {
  await db.batch([
    db.delete(feedCandidates).where(lt(feedCandidates.fetchedAt, before)),
    db.delete(jobRuns).where(and(sql`${jobRuns.key} LIKE 'feeds:%'`, lt(jobRuns.ranAt, before))),
  ]);
}

/** Claims a job period (e.g. `feeds:2026-11-21T07:30`); true only for the first caller. */
export async function claimJobRun(db: Db, key: string, now: Date, detail?: Record<string, unknown>): Promise<boolean> {
  const rows = await db
    .insert(jobRuns)
    .values({ key, detail: detail ?? null, ranAt: now })
    .onConflictDoNothing({ target: jobRuns.key })
    .returning({ key: jobRuns.key });
  return rows.length > 0;
}

/**
 * Welcome back (issue 20): a member who writes again gets the day's digest at once if it skipped
 * them (Zalo outside the window; on Telegram no private chat yet, and this is one). Their own
 * skipped row goes back to the queue, so it is sent once, counts as reached, and a second message
 * finds nothing to revive. Checked against the member as the same batch leaves them (a /xoa or a
 * stop in this very message wins).
 */
export function welcomeBackQuery(db: Db, f: { ref: string; identityId: number; privateChat: boolean; now: Date }) {
  const reasons = f.privateChat ? [ZALO_OUTSIDE_WINDOW, TELEGRAM_NO_PRIVATE_CHAT] : [ZALO_OUTSIDE_WINDOW];
  return db
    .update(outbox)
    .set({ status: 'queued', lastError: null, nextAttemptAt: f.now })
    .where(
      and(
        eq(outbox.identityId, f.identityId),
        eq(outbox.ref, f.ref),
        eq(outbox.status, 'skipped'),
        inArray(outbox.lastError, reasons),
        sql`EXISTS (SELECT 1 FROM ${members} JOIN ${chatIdentities} ON ${chatIdentities.memberId} = ${members.id}
                    WHERE ${members.id} = ${outbox.memberId} AND ${chatIdentities.id} = ${f.identityId} AND ${pushAudience})`,
      ),
    );
}
