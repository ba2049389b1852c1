// The inbox table: insert-once per platform event, then mark done / failed.
import { and, eq, getTableName, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { prebuiltAll, valuesStatement } from '../prebuilt';
import { inboundEvents } from '../schema';
import type { InboundMessage } from '../../src/core/types';

export type InboundEventRow = typeof inboundEvents.$inferSelect;

/** A column's bare name (as in an INSERT column list), kept in step with the schema. */
const col = (c: { name: string }) => sql.identifier(c.name);

const E = getTableName(inboundEvents);
const c = {
  id: inboundEvents.id.name,
  key: inboundEvents.eventKey.name,
  platform: inboundEvents.platform.name,
  user: inboundEvents.externalUserId.name,
  payload: inboundEvents.payload.name,
  status: inboundEvents.status.name,
  receivedAt: inboundEvents.receivedAt.name,
  nextAttemptAt: inboundEvents.nextAttemptAt.name,
  owner: inboundEvents.leaseOwner.name,
  until: inboundEvents.leaseUntil.name,
};

/** A person's event that is not finished: waiting, held by a claim, or failed and waiting for its retry. */
const unfinished = (alias: string, platform: string, user: string) =>
  `${alias}."${c.user}" = ${user} AND ${alias}."${c.platform}" = ${platform} AND ${alias}."${c.status}" IN ('received', 'failed') AND ${alias}."${c.payload}" IS NOT NULL`;

// The events of a turn, each row `(key, platform, user, payload, received_at, owner, lease_until)`
// with values bound directly (db/prebuilt.ts). A row that comes with an owner is claimed by its own
// insert (lease set) when its person has no unfinished event: it is then that person's oldest
// waiting event and no claim can hold another one, which is what claimNextEvent would find.
// The rows are read into a temporary table before the first is inserted (the SELECT reads the
// table it inserts into), so rows of one statement do not see each other: the caller gives an
// owner to at most one new event per person (claimOwners).
const insertEventsText = valuesStatement(
  `WITH v(k, p, u, body, at, owner, lease) AS (`,
  7,
  `) INSERT INTO "${E}" ("${c.key}", "${c.platform}", "${c.user}", "${c.payload}", "${c.receivedAt}", "${c.owner}", "${c.until}")
  SELECT k, p, u, body, at,
    CASE WHEN owner IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${E}" o WHERE ${unfinished('o', 'v.p', 'v.u')}) THEN owner END,
    CASE WHEN owner IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${E}" o WHERE ${unfinished('o', 'v.p', 'v.u')}) THEN lease END
  FROM v WHERE true
  ON CONFLICT ("${c.key}") DO NOTHING RETURNING "${c.id}" AS id, "${c.key}" AS event_key, "${c.owner}" AS lease_owner`,
);

/** What the insert of a turn tells about each new event: its id, and its claim when its insert took one. */
export interface InsertedEvent {
  id: number;
  /** The claim token when the insert claimed the event (lease set), else null. */
  leaseOwner: string | null;
}

/**
 * The insert for a group of events (the inbox's group commit), at most 1,000 per statement,
 * values bound directly (db/prebuilt.ts). Its rows are the events that were new (insertedEvents);
 * a key already stored (a platform resend) is absent. `claim` gives, per message, the claim token
 * to take the event with (null: store only) and the lease's end: give a token to at most one
 * message per person (claimOwners); the event is claimed only if its person has no unfinished event.
 */
export function insertInboundEventsQuery(db: Db, msgs: readonly InboundMessage[], at: Date, claim?: { owners: readonly (string | null)[]; leaseUntil: Date }) {
  const t = at.getTime();
  const until = claim ? claim.leaseUntil.getTime() : null;
  const params: (string | number | null)[] = [];
  msgs.forEach((m, i) => {
    const owner = claim?.owners[i] ?? null;
    params.push(m.eventKey, m.platform, m.externalUserId, JSON.stringify(m), t, owner, owner === null ? null : until);
  });
  return prebuiltAll<{ id: number; event_key: string; lease_owner: string | null }>(db, { sql: insertEventsText(msgs.length), params });
}

/**
 * Which messages of one insert may be claimed by it: the first of each person (later ones of the
 * same person wait for it; the rows of one statement do not see each other). `wants` says which
 * messages are to be claimed at all.
 */
export function claimOwners(msgs: readonly InboundMessage[], wants: (i: number) => boolean, token: () => string): (string | null)[] {
  const seen = new Set<string>();
  return msgs.map((m, i) => {
    const person = `${m.platform}\u0000${m.externalUserId}`;
    const first = !seen.has(person);
    seen.add(person);
    return first && wants(i) ? token() : null;
  });
}

/** The new events by key, from insertInboundEventsQuery's rows. */
export function insertedEvents(rows: readonly { id: number; event_key: string; lease_owner?: string | null }[], into = new Map<string, InsertedEvent>()): Map<string, InsertedEvent> {
  for (const r of rows) into.set(String(r.event_key), { id: Number(r.id), leaseOwner: r.lease_owner == null ? null : String(r.lease_owner) });
  return into;
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

/** A person whose next event the commit of their current one claims (claimNextEventsQuery). */
export interface NextClaim {
  platform: string;
  externalUserId: string;
  /** The token of the new claim (unique per claim). */
  owner: string;
  now: Date;
  leaseUntil: Date;
}

/** An event claimed by claimNextEventsQuery. */
export interface ClaimedEvent {
  id: number;
  owner: string;
  payload: InboundMessage;
}

// claimNextEvent for several people in one statement, meant to run in the batch that marks their
// current events done (after the "done" mark): no extra transaction per event, and nothing to find
// for a person who wrote once. The same conditions per person as claimNextEvent.
const claimNextText = `UPDATE "${E}" SET "${c.owner}" = n.owner, "${c.until}" = n.lease
  FROM (SELECT p.value ->> 2 AS owner, p.value ->> 4 AS lease, (
      SELECT e."${c.id}" FROM "${E}" e
      WHERE ${unfinished('e', "p.value ->> 0", "p.value ->> 1")} AND (e."${c.status}" = 'received' OR e."${c.nextAttemptAt}" <= p.value ->> 3)
      ORDER BY e."${c.id}" LIMIT 1) AS id
    FROM json_each(?) p
    WHERE NOT EXISTS (SELECT 1 FROM "${E}" o WHERE o."${c.user}" = p.value ->> 1 AND o."${c.platform}" = p.value ->> 0
      AND o."${c.status}" IN ('received', 'failed') AND o."${c.until}" > p.value ->> 3)) n
  WHERE "${E}"."${c.id}" = n.id
  RETURNING "${E}"."${c.id}" AS id, "${E}"."${c.owner}" AS owner, "${E}"."${c.payload}" AS payload`;

/** Claims the oldest waiting event of each person (as claimNextEvent does), in one statement. Rows: claimedEvents. */
export function claimNextEventsQuery(db: Db, people: readonly NextClaim[]) {
  const json = JSON.stringify(people.map((p) => [p.platform, p.externalUserId, p.owner, p.now.getTime(), p.leaseUntil.getTime()]));
  return prebuiltAll<{ id: number; owner: string; payload: string | null }>(db, { sql: claimNextText, params: [json] });
}

/** The events claimNextEventsQuery claimed, by claim token. */
export function claimedEvents(rows: readonly { id: number; owner: string; payload: string | null }[]): Map<string, ClaimedEvent> {
  const out = new Map<string, ClaimedEvent>();
  for (const r of rows) if (r.payload != null) out.set(String(r.owner), { id: Number(r.id), owner: String(r.owner), payload: JSON.parse(String(r.payload)) as InboundMessage });
  return out;
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
