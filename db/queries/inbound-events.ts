// The inbox table: insert-once per platform event, then mark done / failed.
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { inboundEvents } from '../schema';
import type { InboundMessage } from '../../src/core/types';

export type InboundEventRow = typeof inboundEvents.$inferSelect;

/** The insert for one event; `returning` yields no row when the event key was already stored. */
export function insertInboundEventQuery(db: Db, msg: InboundMessage, at: Date) {
  return db
    .insert(inboundEvents)
    .values({
      eventKey: msg.eventKey,
      platform: msg.platform,
      externalUserId: msg.externalUserId,
      payload: msg,
      receivedAt: at,
    })
    .onConflictDoNothing({ target: inboundEvents.eventKey })
    .returning({ id: inboundEvents.id });
}

export function markEventDoneQuery(db: Db, id: number, at: Date) {
  return db
    .update(inboundEvents)
    .set({ status: 'done', payload: null, processedAt: at, lastError: null })
    .where(eq(inboundEvents.id, id));
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
