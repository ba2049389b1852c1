// Outbox SQL: enqueue (idempotent), claim due rows with a lease, record outcomes.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client';
import { prebuiltRun, valuesStatement } from '../prebuilt';
import type { ResultSet } from '@libsql/client';
import { chatIdentities, outbox } from '../schema';
import { QUESTION_ANSWER_REF } from './questions';
import type { OutboundMessage, Platform } from '../../src/core/types';

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * The ref of the message confirming a deletion (/xoa, Zalo user_withdraw): it goes to a chat no
 * identity holds any more, and its chat id is cleared with its text when it reaches its final state.
 */
export const ERASURE_REF = 'erasure';

export interface OutboxInsert {
  idempotencyKey: string;
  ref: string;
  platform: Platform;
  chatId: string;
  identityId?: number | null;
  memberId?: number | null;
  message: OutboundMessage;
  /** The same message stored once in outbox_bodies (shareBodies): the row then keeps no copy. */
  bodyId?: number | null;
  /** Set to `skipped` (with lastError as the reason) to record a message that will not be sent. */
  status?: 'queued' | 'skipped';
  lastError?: string | null;
  /** 0 = claimed before broadcasts; default: priorityOf(ref). */
  priority?: 0 | 1;
}

/** Messages to one person about their own doing: a reply, an answer to their question, a deletion, link or grant notice. */
const PERSONAL_REFS = new Set(['reply', ERASURE_REF, QUESTION_ANSWER_REF, 'link', 'grant']);

/**
 * Answers to a person's own message go before any broadcast (SPEC §4): priority 0 for those,
 * 1 for digests, announcements, reminders and the rest.
 */
export const priorityOf = (ref: string): 0 | 1 => (PERSONAL_REFS.has(ref) ? 0 : 1);
export type OutboxPriority = 0 | 1;
/** Every priority a dispatcher sends (rows of any other priority are never claimed). */
export const ALL_PRIORITIES: readonly OutboxPriority[] = [0, 1];
/** Answers to a person's own message only. */
export const REPLY_PRIORITIES: readonly OutboxPriority[] = [0];
/** A priority list as SQL literals (always 0 or 1, so the claim index's range scans stay planned). */
const inList = (priorities: readonly OutboxPriority[]) => sql.raw(priorities.map((p) => (p === 0 ? '0' : '1')).join(', '));

const INSERT_COLUMNS =
  'idempotency_key, ref, platform, chat_id, identity_id, member_id, message, status, last_error, body_id, next_attempt_at, created_at, priority';
const INSERT_COLUMN_COUNT = 13;

const outboxInsertText = valuesStatement(`INSERT INTO outbox (${INSERT_COLUMNS})`, INSERT_COLUMN_COUNT, 'ON CONFLICT (idempotency_key) DO NOTHING');

/** The bound values of one row, in INSERT_COLUMNS order. */
function pushInsertValues(params: (string | number | null)[], r: OutboxInsert, at: number): void {
  // /xoa finds a person's rows by identity (outbox_identity_ref_idx): a member's row names one.
  if (r.memberId != null && r.identityId == null) throw new Error(`outbox row ${r.idempotencyKey} names a member but no identity`);
  params.push(
    r.idempotencyKey,
    r.ref,
    r.platform,
    r.chatId,
    r.identityId ?? null,
    r.memberId ?? null,
    // A row recorded as not sent keeps no text (SPEC §6 Retention: texts live until the final state).
    r.bodyId == null && (r.status ?? 'queued') === 'queued' ? JSON.stringify(r.message) : null,
    r.status ?? 'queued',
    r.lastError ?? null,
    r.bodyId ?? null,
    at,
    at,
    r.priority ?? priorityOf(r.ref),
  );
}

/**
 * Builds the insert for a chunk of rows (at most OUTBOX_CHUNK); a row whose key exists already
 * is left alone; `insertedRows` of its result counts the new rows. Values are bound directly
 * (db/prebuilt.ts).
 */
export function insertOutboxQuery(db: Db, rows: OutboxInsert[], now: Date) {
  const at = now.getTime();
  const params: (string | number | null)[] = [];
  for (const r of rows) pushInsertValues(params, r, at);
  return prebuiltRun(db, { sql: outboxInsertText(rows.length), params });
}

/** Answered messages from one chat a minute, past which Loa sends one "slow down" notice and no more replies (SPEC §4). */
export const REPLIES_PER_MINUTE = 20;
const REPLY_WINDOW_MS = 60_000;
/** The idempotency key of the replies to one inbound event: `reply:<eventKey>:<n>`. */
export const replyKey = (eventKey: string, n: number) => `reply:${eventKey}:${n}`;
/** The idempotency key of the "slow down" notice an event triggered (its ref is `reply`). */
export const slowDownKey = (eventKey: string) => `slow-down:${eventKey}`;

export interface CappedReplies {
  /** The event's replies, all to its chat, keyed replyKey(eventKey, n). */
  rows: OutboxInsert[];
  /** The "slow down" notice to queue instead when the chat is over the cap, keyed slowDownKey(eventKey). */
  notice: OutboxInsert;
  eventKey: string;
}

/** Rows per capped-replies statement (16 bound values each: well under SQLite's limit). */
const CAPPED_CHUNK = 500;

/**
 * The answered messages of the row's chat in the last minute (one per answered event: its first
 * reply, `reply:<eventKey>:0`), not counting the row's own event's (a retried event counts
 * itself once). v.column3/4: platform and chat; v.column15: `reply:<eventKey>:`; v.column16: the
 * window's start. A range scan of outbox_chat_replies_idx (the literal ref = 'reply' lets SQLite
 * use that partial index).
 */
const ANSWERED = `(SELECT count(*) FROM outbox o
  WHERE o.platform = v.column3 AND o.chat_id = v.column4 AND o.ref = 'reply' AND o.created_at > v.column16
    AND o.idempotency_key LIKE 'reply:%:0' AND substr(o.idempotency_key, 1, length(v.column15)) <> v.column15)`;
const NOTICED = `EXISTS (SELECT 1 FROM outbox o
  WHERE o.platform = v.column3 AND o.chat_id = v.column4 AND o.ref = 'reply' AND o.created_at > v.column16 AND o.idempotency_key LIKE 'slow-down:%')`;

const cappedRepliesText = valuesStatement(
  `INSERT INTO outbox (${INSERT_COLUMNS}) SELECT ${Array.from({ length: INSERT_COLUMN_COUNT }, (_, i) => `v.column${i + 1}`).join(', ')} FROM (`,
  INSERT_COLUMN_COUNT + 3,
  // v.column14: 0 for a reply (queued under the cap), 1 for the event's "slow down" notice
  // (queued at the cap, once a minute).
  `) AS v
  WHERE CASE v.column14 WHEN 0 THEN ${ANSWERED} < ${REPLIES_PER_MINUTE} ELSE ${ANSWERED} >= ${REPLIES_PER_MINUTE} AND NOT ${NOTICED} END
  ON CONFLICT (idempotency_key) DO NOTHING`,
);

/**
 * Queues the replies of events handled together, each only if its chat got answers to fewer than
 * REPLIES_PER_MINUTE other messages in the last minute; otherwise the event's "slow down" notice
 * instead, unless that chat got one in the last minute already (SPEC §4: one notice, then silence
 * for that minute).
 *
 * Count and insert are one statement, so they are one atomic step even when two processes answer
 * the same group chat at once. SQLite computes an INSERT … SELECT that reads its own table before
 * inserting, so the rows of one statement do not see each other: a statement holds at most one
 * event per chat, in rounds (the first event of every chat, then the second…), and each round sees
 * the replies of the rounds before it. Usually every event of a batch has a chat of its own: one
 * statement for all (it was one per event: the batch's time per webhook went 131 → 94–100 µs,
 * scripts/bench/profile.ts).
 */
export function insertCappedRepliesQueries(db: Db, events: readonly { replies: CappedReplies; at: Date }[]) {
  const rounds: { replies: CappedReplies; at: Date }[][] = [];
  const seen = new Map<string, number>();
  for (const e of events) {
    const first = e.replies.rows[0] ?? e.replies.notice;
    const chat = `${first.platform}\u0000${first.chatId}`;
    const round = seen.get(chat) ?? 0;
    seen.set(chat, round + 1);
    (rounds[round] ??= []).push(e);
  }
  const statements: ReturnType<typeof prebuiltRun>[] = [];
  for (const round of rounds) {
    let params: (string | number | null)[] = [];
    let rows = 0;
    const flush = () => {
      if (rows) statements.push(prebuiltRun(db, { sql: cappedRepliesText(rows), params }));
      params = [];
      rows = 0;
    };
    for (const { replies: r, at } of round) {
      if (rows + r.rows.length + 1 > CAPPED_CHUNK) flush();
      const first = r.rows[0] ?? r.notice;
      const now = at.getTime();
      const since = now - REPLY_WINDOW_MS;
      const own = replyKey(r.eventKey, 0).slice(0, -1); // `reply:<eventKey>:`
      for (const [row, notice] of [...r.rows.map((x) => [x, 0] as const), [r.notice, 1] as const]) {
        if (notice === 0 && (row.ref !== 'reply' || row.chatId !== first.chatId || row.platform !== first.platform)) throw new Error('capped replies: one chat, ref reply');
        pushInsertValues(params, row, now);
        params.push(notice, own, since);
        rows++;
      }
    }
    flush();
  }
  return statements;
}

/** How many rows an insertOutboxQuery added (a key already queued adds none). */
export function insertedRows(result: unknown): number {
  return (result as ResultSet).rowsAffected;
}

/** The content key of a shared body: hex SHA-256 of the message's JSON (Web Crypto: Node and Workers). */
export async function bodyKey(message: OutboundMessage): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(message)));
  return `sha256:${Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A message that several rows send (a fan-out builds one per language and shares the object) is
 * stored once in outbox_bodies and the rows point at it; a message of one row stays in its row.
 * Bodies are keyed by content, so writing them again (a retried fan-out) adds nothing.
 */
export async function shareBodies(db: Db, rows: OutboxInsert[]): Promise<OutboxInsert[]> {
  const uses = new Map<OutboundMessage, number>();
  for (const r of rows) uses.set(r.message, (uses.get(r.message) ?? 0) + 1);
  const shared = [...uses].filter(([, n]) => n > 1).map(([m]) => m);
  if (shared.length === 0) return rows;
  const keys = new Map<OutboundMessage, string>();
  for (const m of shared) keys.set(m, await bodyKey(m));
  const ids = await writeSharedBodies(db, shared.map((m) => ({ key: keys.get(m)!, message: m })));
  return rows.map((r) => {
    const key = keys.get(r.message);
    return key === undefined ? r : { ...r, bodyId: ids.get(key)! };
  });
}

/**
 * Stores messages shared by many rows once (idempotent by key: a second call with a key keeps
 * the first message) and returns their ids by key.
 */
export async function writeSharedBodies(db: Db, bodies: { key: string; message: OutboundMessage }[]): Promise<Map<string, number>> {
  const rows = JSON.stringify(bodies.map((b) => [b.key, JSON.stringify(b.message)]));
  const keys = JSON.stringify(bodies.map((b) => b.key));
  const [, found] = await db.batch([
    db.run(sql`INSERT INTO outbox_bodies (key, message) SELECT value ->> 0, value ->> 1 FROM json_each(${rows}) WHERE true ON CONFLICT (key) DO NOTHING`),
    db.all<{ id: number; key: string }>(sql`SELECT id, key FROM outbox_bodies WHERE key IN (SELECT value FROM json_each(${keys}))`),
  ]);
  return new Map((found as { id: number; key: string }[]).map((r) => [String(r.key), Number(r.id)]));
}

/** Rows per insert statement: big enough to be fast, small enough to keep libsql's memory flat. */
export const OUTBOX_CHUNK = 500;

/**
 * Enqueue many rows (a digest for 100,000 members) in chunks, all chunks in one atomic batch.
 * Returns how many rows were new.
 */
export async function enqueueMany(db: Db, rows: OutboxInsert[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const queries = [];
  for (let i = 0; i < rows.length; i += OUTBOX_CHUNK) queries.push(insertOutboxQuery(db, rows.slice(i, i + OUTBOX_CHUNK), now));
  const results = await db.batch(queries as [ReturnType<typeof insertOutboxQuery>, ...ReturnType<typeof insertOutboxQuery>[]]);
  return results.reduce((n, r) => n + insertedRows(r), 0);
}

/** A claimed row: what the dispatcher needs, with the message still as stored JSON text. */
export interface ClaimedRow {
  id: number;
  chatId: string;
  identityId: number | null;
  /** The message as stored (JSON); a digest's rows share one text, so it is parsed and rendered once. */
  messageJson: string;
  attempts: number;
  partsSent: number;
}

/** How many due rows a claim looks at to find `limit` rows of different chats. */
export const claimWindow = (limit: number) => Math.max(limit * 4, 400);

/**
 * Claims up to `limit` due rows of one platform in one statement for `owner` (one claim of one
 * dispatcher: `<instance>:<claim>`) and leases them until `leaseUntil`. Rows whose lease expired
 * (their dispatcher died) are first put back in the queue.
 *
 * Fair (SPEC §4): at most one row per chat, the chat's first in order; a chat with a row still
 * `sending` (under any claim, in any process) is skipped, which keeps each chat's order across
 * processes; so are `skipChats` (chats this dispatcher sent to less than the per-chat gap ago) and
 * chats any process sent to less than `perChatGapMs` ago. So
 * no claim ever waits on one slow chat, and priority 0 (answers to a person) comes before
 * broadcasts. The candidates are the first claimWindow(limit) due rows of each priority (range
 * scans on outbox_claim_prio_idx); only those are sorted by chat. No transaction stays open.
 */
export async function claimDueRows(
  db: Db,
  now: Date,
  leaseUntil: Date,
  limit: number,
  platform: Platform,
  owner: string,
  skipChats: readonly string[] = [],
  perChatGapMs = 0,
  priorities: readonly OutboxPriority[] = ALL_PRIORITIES,
): Promise<ClaimedRow[]> {
  const nowMs = now.getTime();
  await db.run(sql`
    UPDATE outbox SET status = 'queued', lease_until = NULL, lease_owner = NULL
    WHERE platform = ${platform} AND status = 'sending' AND lease_until < ${nowMs}`);
  const skip = JSON.stringify(skipChats);
  const window = claimWindow(limit);
  // A chat any process sent to less than the per-chat gap ago (a sent row keeps its send time in
  // next_attempt_at, so this is a short range scan of the claim index).
  const recentlySent =
    perChatGapMs > 0
      ? sql`AND chat_id NOT IN (SELECT chat_id FROM outbox WHERE platform = ${platform} AND status = 'sent' AND priority IN (0, 1) AND next_attempt_at > ${nowMs - perChatGapMs})`
      : sql``;
  // One range scan per priority, each ending at the first row not due yet.
  const candidates = (priority: 0 | 1) => sql`SELECT * FROM (
          SELECT id, chat_id, priority, next_attempt_at FROM outbox
          WHERE platform = ${platform} AND status = 'queued' AND priority = ${sql.raw(String(priority))} AND next_attempt_at <= ${nowMs}
            AND chat_id NOT IN (SELECT chat_id FROM outbox WHERE platform = ${platform} AND status = 'sending')
            AND chat_id NOT IN (SELECT value FROM json_each(${skip}))
            ${recentlySent}
          ORDER BY next_attempt_at, id
          LIMIT ${window})`;
  const rows = await db.all<{ id: number; chat_id: string; identity_id: number | null; attempts: number; parts_sent: number }>(sql`
    UPDATE outbox SET status = 'sending', lease_until = ${leaseUntil.getTime()}, lease_owner = ${owner}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM (
        SELECT id, priority, next_attempt_at,
          row_number() OVER (PARTITION BY chat_id ORDER BY priority, next_attempt_at, id) AS nth
        FROM (${sql.join(
          priorities.map((p) => candidates(p)),
          sql` UNION ALL `,
        )})
      )
      WHERE nth = 1
      ORDER BY priority, next_attempt_at, id
      LIMIT ${limit}
    )
    RETURNING id, chat_id, identity_id, attempts, parts_sent`);
  if (rows.length === 0) return [];
  // The messages in a second query, each distinct one once: a broadcast's 500 rows share one
  // 4 KB body (outbox_bodies), and reading it 500 times would be most of a claim's cost.
  const ids = JSON.stringify(rows.map((r) => Number(r.id)));
  const messages = await db.all<{ message: string; ids: string }>(sql`
    SELECT coalesce(o.message, b.message) AS message, json_group_array(o.id) AS ids
    FROM outbox o LEFT JOIN outbox_bodies b ON b.id = o.body_id
    WHERE o.id IN (SELECT value FROM json_each(${ids})) GROUP BY o.body_id, o.message`);
  const messageOf = new Map<number, string>();
  for (const m of messages) {
    if (m.message == null) continue; // a body that is gone: the row is sent as an empty message, not as "null"
    for (const id of JSON.parse(String(m.ids)) as number[]) messageOf.set(id, String(m.message));
  }
  return rows
    .map((r) => ({
      id: Number(r.id),
      chatId: String(r.chat_id),
      identityId: r.identity_id == null ? null : Number(r.identity_id),
      messageJson: messageOf.get(Number(r.id)) ?? '{"lines":[]}',
      attempts: Number(r.attempts),
      partsSent: Number(r.parts_sent),
    }))
    .sort((a, b) => a.id - b.id);
}

/** Last inbound time and unfollow state of the identities behind some rows (for the Zalo window). */
export async function identityStates(db: Db, identityIds: number[]) {
  const map = new Map<number, { lastInboundAt: Date | null; unfollowedAt: Date | null }>();
  if (identityIds.length === 0) return map;
  const rows = await db
    .select({ id: chatIdentities.id, lastInboundAt: chatIdentities.lastInboundAt, unfollowedAt: chatIdentities.unfollowedAt })
    .from(chatIdentities)
    .where(inArray(chatIdentities.id, identityIds));
  for (const r of rows) map.set(r.id, { lastInboundAt: r.lastInboundAt, unfollowedAt: r.unfollowedAt });
  return map;
}

/** What a row forgets when it reaches its final state: its text (and a deletion confirmation its chat). */
const FORGET_AT_FINAL = {
  message: null,
  chatId: sql<string>`CASE WHEN ${outbox.ref} = ${ERASURE_REF} THEN '' ELSE ${outbox.chatId} END`,
};

export type OutboxOutcome =
  | { id: number; status: 'sent'; at: Date; providerMessageId?: string | undefined; partsSent: number }
  | { id: number; status: 'queued'; nextAttemptAt: Date; error: string; partsSent: number }
  | {
      id: number;
      status: 'failed' | 'skipped';
      at: Date;
      error: string;
      partsSent: number;
      /** The person closed this chat (blocked the bot): mark their identity unfollowed if it is their own chat. */
      recipientGone?: boolean | undefined;
    };

/** How many outcomes were recorded, and how many were ignored because their claim had lost the row. */
export interface RecordedOutcomes {
  accepted: number;
  ignored: number;
}

/**
 * Records outcomes of one claim (`owner`) in one atomic batch: all successes in one statement (the
 * common case of a broadcast), the rest row by row. Only rows still leased by that claim (`sending`
 * with `lease_owner = owner`) are touched: a dispatcher whose lease expired and whose rows another
 * one took records nothing (counted in `ignored`). A recipient who blocked the bot is marked
 * unfollowed, as an unfollow event would (pushes stop), but only for their private chat (chat id
 * = their own id), never for a group they wrote from.
 */
export async function recordOutcomes(db: Db, outcomes: OutboxOutcome[], owner: string): Promise<RecordedOutcomes> {
  if (outcomes.length === 0) return { accepted: 0, ignored: 0 };
  const sent = outcomes.filter((o): o is Extract<OutboxOutcome, { status: 'sent' }> => o.status === 'sent');
  const qs: BatchItem<'sqlite'>[] = [];
  /** Indexes in `qs` of the statements whose changed rows are outcomes accepted. */
  const counted: number[] = [];
  if (sent.length) {
    const json = JSON.stringify(sent.map((o) => ({ i: o.id, t: o.at.getTime(), m: o.providerMessageId ?? null, p: o.partsSent })));
    counted.push(qs.length);
    qs.push(
      db.run(sql`
        UPDATE outbox SET status = 'sent', sent_at = j.value ->> '$.t', next_attempt_at = j.value ->> '$.t', provider_message_id = j.value ->> '$.m',
          parts_sent = j.value ->> '$.p', lease_until = NULL, lease_owner = NULL, last_error = NULL, message = NULL,
          chat_id = CASE WHEN ref = ${ERASURE_REF} THEN '' ELSE chat_id END
        FROM json_each(${json}) AS j
        WHERE outbox.id = j.value ->> '$.i' AND outbox.status = 'sending' AND outbox.lease_owner = ${owner}`),
    );
  }
  for (const o of outcomes) {
    if (o.status === 'sent') continue;
    const where = and(eq(outbox.id, o.id), eq(outbox.status, 'sending'), eq(outbox.leaseOwner, owner));
    if (o.status !== 'queued' && o.recipientGone) {
      // The row's identity, when the row went to that identity's own chat (before the row is
      // released: the same claim must still hold it).
      qs.push(
        db.run(sql`
          UPDATE chat_identities SET unfollowed_at = ${o.at.getTime()}
          FROM outbox WHERE outbox.id = ${o.id} AND outbox.status = 'sending' AND outbox.lease_owner = ${owner}
            AND chat_identities.id = outbox.identity_id
            AND chat_identities.external_id = outbox.chat_id AND chat_identities.unfollowed_at IS NULL`),
      );
    }
    counted.push(qs.length);
    qs.push(
      o.status === 'queued'
        ? db
            .update(outbox)
            .set({ status: 'queued', nextAttemptAt: o.nextAttemptAt, leaseUntil: null, leaseOwner: null, lastError: o.error, partsSent: o.partsSent })
            .where(where)
        : db
            .update(outbox)
            .set({ status: o.status, leaseUntil: null, leaseOwner: null, lastError: o.error, sentAt: null, partsSent: o.partsSent, ...FORGET_AT_FINAL })
            .where(where),
    );
  }
  const results = await db.batch(qs as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const accepted = counted.reduce((n, i) => n + (results[i] as ResultSet).rowsAffected, 0);
  return { accepted, ignored: outcomes.length - accepted };
}

export async function outboxCountsByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function deliveriesByRef(db: Db, ref: string) {
  return db
    .select({
      id: outbox.id,
      memberId: outbox.memberId,
      platform: outbox.platform,
      status: outbox.status,
      attempts: outbox.attempts,
      reason: outbox.lastError,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(eq(outbox.ref, ref))
    .orderBy(asc(outbox.id));
}

/**
 * When rows are due but a claim took none because every such chat got a message less than
 * `perChatGapMs` ago (from any process): the time (ms) the first of those chats is free again;
 * null if none (their chats are being sent to, or nothing is due).
 */
export async function nextChatFreeAt(
  db: Db,
  platform: Platform,
  now: Date,
  perChatGapMs: number,
  priorities: readonly OutboxPriority[] = ALL_PRIORITIES,
): Promise<number | null> {
  if (perChatGapMs <= 0) return null;
  const t = now.getTime();
  const rows = await db.all<{ t: number | null }>(sql`
    SELECT min(next_attempt_at) AS t FROM outbox
    WHERE platform = ${platform} AND status = 'sent' AND priority IN (0, 1) AND next_attempt_at > ${t - perChatGapMs}
      AND chat_id IN (SELECT chat_id FROM outbox WHERE platform = ${platform} AND status = 'queued' AND priority IN (${inList(priorities)}) AND next_attempt_at <= ${t})`);
  const at = rows[0]?.t;
  return at == null ? null : Number(at) + perChatGapMs;
}

/** Whether a row to one of these chats is queued and due. */
export async function dueRowsIn(
  db: Db,
  platform: Platform,
  chats: readonly string[],
  now: Date,
  priorities: readonly OutboxPriority[] = ALL_PRIORITIES,
): Promise<boolean> {
  if (chats.length === 0) return false;
  const rows = await db.all<{ x: number }>(sql`
    SELECT 1 AS x FROM outbox
    WHERE platform = ${platform} AND status = 'queued' AND priority IN (${inList(priorities)}) AND next_attempt_at <= ${now.getTime()}
      AND chat_id IN (SELECT value FROM json_each(${JSON.stringify(chats)}))
    LIMIT 1`);
  return rows.length > 0;
}

/** Earliest time a queued row becomes due, to know when to wake up. */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const rows = await db
    .select({ t: sql<number | null>`min(${outbox.nextAttemptAt})` })
    .from(outbox)
    .where(eq(outbox.status, 'queued'));
  const t = rows[0]?.t;
  return t == null ? null : new Date(Number(t));
}
