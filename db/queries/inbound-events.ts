// The inbox table: insert-once per platform event, then mark done / failed.
import { and, eq, getTableName, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { prebuiltAll, valuesStatement } from '../prebuilt';
import { inboundEvents } from '../schema';
import type { InboundMessage } from '../../src/core/types';

export type InboundEventRow = typeof inboundEvents.$inferSelect;

/** A column's bare name (as in an INSERT column list), kept in step with the schema. */
const col = (c: { name: string }) => sql.identifier(c.name);

const insertEventsText = valuesStatement(
  `INSERT INTO "${getTableName(inboundEvents)}" ("${inboundEvents.eventKey.name}", "${inboundEvents.platform.name}", "${inboundEvents.externalUserId.name}", "${inboundEvents.payload.name}", "${inboundEvents.receivedAt.name}")`,
  5,
  `ON CONFLICT ("${inboundEvents.eventKey.name}") DO NOTHING RETURNING "${inboundEvents.id.name}" AS id, "${inboundEvents.eventKey.name}" AS event_key`,
);

/**
 * The insert for a group of events (the inbox's group commit), at most 1,000 per statement,
 * values bound directly (db/prebuilt.ts). Its rows are the events that were new (insertedEventIds);
 * a key already stored (a platform resend) is absent.
 */
export function insertInboundEventsQuery(db: Db, msgs: readonly InboundMessage[], at: Date) {
  const t = at.getTime();
  const params: (string | number)[] = [];
  for (const m of msgs) params.push(m.eventKey, m.platform, m.externalUserId, JSON.stringify(m), t);
  return prebuiltAll<{ id: number; event_key: string }>(db, { sql: insertEventsText(msgs.length), params });
}

/** The ids of the new events by key, from insertInboundEventsQuery's rows. */
export function insertedEventIds(rows: readonly { id: number; event_key: string }[], into = new Map<string, number>()): Map<string, number> {
  for (const r of rows) into.set(String(r.event_key), Number(r.id));
  return into;
}

/** The error a "done" mark raises when another claim took the event (the whole batch rolls back). */
export const LEASE_LOST = 'inbound_lease_lost';

/** True when a commit failed because the event's lease was taken by another claim. */
export const isLeaseLost = (err: unknown): boolean =>
  err instanceof Error && (err.message.includes('malformed JSON') || String((err as { cause?: unknown }).cause ?? '').includes('malformed JSON'));

/**
 * Marks events handled and forgets their payloads (they may hold personal data), only where the
 * claim that handled them still holds the event: a row whose `lease_owner` is not the claim token
 * (an expired lease taken by another process) makes the statement fail with an error
 * (`json('…')` of a non-JSON text), so the whole batch with the event's effects rolls back.
 * An event committed without a claim (`leaseOwner` undefined) requires no holder.
 */
export function markEventsDoneQuery(db: Db, events: readonly { id: number; leaseOwner?: string }[], at: Date) {
  const owners: Record<string, string> = {};
  for (const e of events) if (e.leaseOwner) owners[String(e.id)] = e.leaseOwner;
  return db.run(sql`
    UPDATE ${inboundEvents} SET ${col(inboundEvents.status)} = 'done', ${col(inboundEvents.payload)} = NULL,
      ${col(inboundEvents.processedAt)} = CASE
        WHEN ${col(inboundEvents.leaseOwner)} IS json_extract(${JSON.stringify(owners)}, '$."' || ${col(inboundEvents.id)} || '"')
        THEN ${at.getTime()} ELSE json(${LEASE_LOST}) END,
      ${col(inboundEvents.lastError)} = NULL, ${col(inboundEvents.leaseOwner)} = NULL, ${col(inboundEvents.leaseUntil)} = NULL
    WHERE ${col(inboundEvents.id)} IN (SELECT value FROM json_each(${JSON.stringify(events.map((e) => e.id))}))`);
}

/**
 * Claims the oldest event of one person that is waiting (received, or failed and due) for
 * `owner` until `leaseUntil`, unless another event of that person is held by a live lease:
 * at most one event per person is processed at a time, across processes. One statement.
 */
export async function claimNextEvent(
  db: Db,
  person: { platform: string; externalUserId: string },
  owner: string,
  now: Date,
  leaseUntil: Date,
): Promise<{ id: number; payload: InboundMessage } | null> {
  const t = now.getTime();
  const rows = await db.all<{ id: number; payload: string | null }>(sql`
    UPDATE ${inboundEvents} SET ${col(inboundEvents.leaseOwner)} = ${owner}, ${col(inboundEvents.leaseUntil)} = ${leaseUntil.getTime()}
    WHERE ${col(inboundEvents.id)} = (
      SELECT e.${col(inboundEvents.id)} FROM ${inboundEvents} e
      WHERE e.${col(inboundEvents.externalUserId)} = ${person.externalUserId} AND e.${col(inboundEvents.platform)} = ${person.platform}
        AND e.${col(inboundEvents.status)} IN ('received', 'failed') AND e.${col(inboundEvents.payload)} IS NOT NULL
        AND (e.${col(inboundEvents.status)} = 'received' OR e.${col(inboundEvents.nextAttemptAt)} <= ${t})
      ORDER BY e.${col(inboundEvents.id)} LIMIT 1)
    AND NOT EXISTS (
      SELECT 1 FROM ${inboundEvents} o
      WHERE o.${col(inboundEvents.externalUserId)} = ${person.externalUserId} AND o.${col(inboundEvents.platform)} = ${person.platform}
        AND o.${col(inboundEvents.status)} IN ('received', 'failed') AND o.${col(inboundEvents.leaseUntil)} > ${t})
    RETURNING ${col(inboundEvents.id)} AS id, ${col(inboundEvents.payload)} AS payload`);
  const r = rows[0];
  if (!r || r.payload == null) return null;
  return { id: Number(r.id), payload: JSON.parse(String(r.payload)) as InboundMessage };
}

/** After MAX attempts the event is dead (kept for an operator, payload cleared by /xoa). Only the lease holder may record it. */
export async function markEventFailed(db: Db, id: number, owner: string, error: string, nextAttemptAt: Date, dead: boolean) {
  await db
    .update(inboundEvents)
    .set({
      status: dead ? 'dead' : 'failed',
      attempts: sql`${inboundEvents.attempts} + 1`,
      lastError: error.slice(0, 500),
      nextAttemptAt,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(inboundEvents.id, id), eq(inboundEvents.leaseOwner, owner)));
}

/** The attempts made so far (to compute the back-off). */
export async function eventAttempts(db: Db, id: number): Promise<number> {
  const [row] = await db.select({ attempts: inboundEvents.attempts }).from(inboundEvents).where(eq(inboundEvents.id, id));
  return row?.attempts ?? 0;
}

/**
 * People with events to (re)process: failed ones whose retry time has come, and received ones
 * left behind by a crash (lease expired, or never claimed and older than `staleBefore`).
 */
export async function peopleWithDueEvents(db: Db, now: Date, staleBefore: Date, limit: number): Promise<{ platform: string; externalUserId: string }[]> {
  return db
    .selectDistinct({ platform: inboundEvents.platform, externalUserId: inboundEvents.externalUserId })
    .from(inboundEvents)
    .where(
      or(
        and(eq(inboundEvents.status, 'failed'), lte(inboundEvents.nextAttemptAt, now)),
        and(eq(inboundEvents.status, 'received'), lte(inboundEvents.leaseUntil, now)),
        and(eq(inboundEvents.status, 'received'), isNull(inboundEvents.leaseUntil), lt(inboundEvents.receivedAt, staleBefore)),
      ),
    )
    .limit(limit);
}

/** Forget processed events after the dedupe window (platforms resend for hours, not weeks). */
export async function purgeProcessedEvents(db: Db, before: Date): Promise<number> {
  const res = await db
    .delete(inboundEvents)
    .where(and(inArray(inboundEvents.status, ['done']), lt(inboundEvents.receivedAt, before)));
  return res.rowsAffected;
}
