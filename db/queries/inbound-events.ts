// The inbox table: insert-once per platform event, then mark done / failed.
import { and, asc, eq, getTableName, inArray, lt, lte, or, sql } from 'drizzle-orm';
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

/** Marks events handled and forgets their payloads (they may hold personal data). */
export function markEventsDoneQuery(db: Db, ids: number[], at: Date) {
  return db.run(sql`
    UPDATE ${inboundEvents} SET ${col(inboundEvents.status)} = 'done', ${col(inboundEvents.payload)} = NULL,
      ${col(inboundEvents.processedAt)} = ${at.getTime()}, ${col(inboundEvents.lastError)} = NULL
    WHERE ${col(inboundEvents.id)} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
}

/** After MAX attempts the event is dead (kept for an operator, payload cleared by /xoa). */
export async function markEventFailed(db: Db, id: number, error: string, nextAttemptAt: Date, dead: boolean) {
  await db
    .update(inboundEvents)
    .set({
      status: dead ? 'dead' : 'failed',
      attempts: sql`${inboundEvents.attempts} + 1`,
      lastError: error.slice(0, 500),
      nextAttemptAt,
    })
    .where(eq(inboundEvents.id, id));
}

/** Events to (re)process: failed ones whose retry time has come, and received ones left behind by a crash. */
export async function dueInboundEvents(db: Db, now: Date, staleBefore: Date, limit: number): Promise<InboundEventRow[]> {
  return db
    .select()
    .from(inboundEvents)
    .where(
      or(
        and(eq(inboundEvents.status, 'failed'), lte(inboundEvents.nextAttemptAt, now)),
        and(eq(inboundEvents.status, 'received'), lt(inboundEvents.receivedAt, staleBefore)),
      ),
    )
    .orderBy(asc(inboundEvents.id))
    .limit(limit);
}

/** Forget processed events after the dedupe window (platforms resend for hours, not weeks). */
export async function purgeProcessedEvents(db: Db, before: Date): Promise<number> {
  const res = await db
    .delete(inboundEvents)
    .where(and(inArray(inboundEvents.status, ['done']), lt(inboundEvents.receivedAt, before)));
  return res.rowsAffected;
}
