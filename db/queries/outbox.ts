// Outbox SQL: enqueue (idempotent), claim due rows with a lease, record outcomes.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { chatIdentities, outbox, type OutboxStatus } from '../schema';
import type { OutboundMessage, Platform } from '../../src/core/types';

export type OutboxRow = typeof outbox.$inferSelect;

export interface OutboxInsert {
  idempotencyKey: string;
  ref: string;
  platform: Platform;
  chatId: string;
  identityId?: number | null;
  memberId?: number | null;
  message: OutboundMessage;
  /** Set to `skipped` (with lastError as the reason) to record a message that will not be sent. */
  status?: 'queued' | 'skipped';
  lastError?: string | null;
}

/** Builds the insert for a chunk of rows; a row whose key exists already is left alone. */
export function insertOutboxQuery(db: Db, rows: OutboxInsert[], now: Date) {
  return db
    .insert(outbox)
    .values(
      rows.map((r) => ({
        idempotencyKey: r.idempotencyKey,
        ref: r.ref,
        platform: r.platform,
        chatId: r.chatId,
        identityId: r.identityId ?? null,
        memberId: r.memberId ?? null,
        message: r.message,
        status: r.status ?? 'queued',
        lastError: r.lastError ?? null,
        nextAttemptAt: now,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .returning({ id: outbox.id });
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
  return results.reduce((n, r) => n + r.length, 0);
}

export interface ClaimedRow extends OutboxRow {
  /** The recipient identity's last inbound event (for the Zalo window), if known. */
  lastInboundAt: Date | null;
  unfollowedAt: Date | null;
}

/**
 * Claims up to `limit` due rows in one statement (queued and due, or sending with an expired
 * lease after a crash) and leases them until `leaseUntil`. No transaction stays open.
 */
export async function claimDueRows(db: Db, now: Date, leaseUntil: Date, limit: number, platforms: Platform[]): Promise<OutboxRow[]> {
  if (platforms.length === 0) return [];
  const nowMs = now.getTime();
  const placeholders = platforms.map((p) => sql`${p}`);
  const rows = await db.all<Record<string, unknown>>(sql`
    UPDATE outbox SET status = 'sending', lease_until = ${leaseUntil.getTime()}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE platform IN (${sql.join(placeholders, sql`, `)})
        AND ((status = 'queued' AND next_attempt_at <= ${nowMs}) OR (status = 'sending' AND lease_until < ${nowMs}))
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
    )
    RETURNING *`);
  return rows.map(rowFromSql).sort((a, b) => a.id - b.id);
}

function rowFromSql(r: Record<string, unknown>): OutboxRow {
  const date = (v: unknown) => (v == null ? null : new Date(Number(v)));
  return {
    id: Number(r.id),
    idempotencyKey: String(r.idempotency_key),
    ref: String(r.ref),
    platform: r.platform as Platform,
    chatId: String(r.chat_id),
    identityId: r.identity_id == null ? null : Number(r.identity_id),
    memberId: r.member_id == null ? null : Number(r.member_id),
    message: JSON.parse(String(r.message)) as OutboundMessage,
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    partsSent: Number(r.parts_sent),
    nextAttemptAt: new Date(Number(r.next_attempt_at)),
    leaseUntil: date(r.lease_until),
    lastError: r.last_error == null ? null : String(r.last_error),
    providerMessageId: r.provider_message_id == null ? null : String(r.provider_message_id),
    createdAt: new Date(Number(r.created_at)),
    sentAt: date(r.sent_at),
  };
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

export type OutboxOutcome =
  | { id: number; status: 'sent'; at: Date; providerMessageId?: string | undefined; partsSent: number }
  | { id: number; status: 'queued'; nextAttemptAt: Date; error: string; partsSent: number }
  | { id: number; status: 'failed' | 'skipped'; at: Date; error: string; partsSent: number };

/** Records outcomes, many rows in one atomic batch. Only rows still leased by us are touched. */
export async function recordOutcomes(db: Db, outcomes: OutboxOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const qs = outcomes.map((o) => {
    const where = and(eq(outbox.id, o.id), eq(outbox.status, 'sending'));
    switch (o.status) {
      case 'sent':
        return db
          .update(outbox)
          .set({ status: 'sent', sentAt: o.at, leaseUntil: null, lastError: null, providerMessageId: o.providerMessageId ?? null, partsSent: o.partsSent })
          .where(where);
      case 'queued':
        return db
          .update(outbox)
          .set({ status: 'queued', nextAttemptAt: o.nextAttemptAt, leaseUntil: null, lastError: o.error, partsSent: o.partsSent })
          .where(where);
      default:
        return db
          .update(outbox)
          .set({ status: o.status, leaseUntil: null, lastError: o.error, sentAt: null, partsSent: o.partsSent })
          .where(where);
    }
  });
  await db.batch(qs as [(typeof qs)[number], ...(typeof qs)[number][]]);
}

/** Progress of a multi-part message, so a retry does not resend delivered parts. */
export async function recordPartsSent(db: Db, id: number, partsSent: number): Promise<void> {
  await db.update(outbox).set({ partsSent }).where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
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

/** Earliest time a queued row becomes due, to know when to wake up. */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const rows = await db
    .select({ t: sql<number | null>`min(${outbox.nextAttemptAt})` })
    .from(outbox)
    .where(eq(outbox.status, 'queued'));
  const t = rows[0]?.t;
  return t == null ? null : new Date(Number(t));
}
