// What handling one inbound event writes, kept apart by kind so that events handled at the same
// time can share statements: one outbox insert and one "done" update for the whole group (the
// senders' "last inbound" times are written when the events are stored). Each statement is a
// round trip on a remote database and real work on a local one, so fewer statements is faster.
import type { Db } from '../../db/client';
import { claimedEvents, claimNextEventsQuery, markEventsDoneQuery, type ClaimedEvent, type NextClaim } from '../../db/queries/inbound-events';
import { insertCappedRepliesQueries, insertOutboxQuery, OUTBOX_CHUNK, type CappedReplies, type OutboxInsert } from '../../db/queries/outbox';
import type { Write } from './commands/handler-context';

export interface EventEffects {
  /** The handler's own writes (and conversation changes), in order. */
  writes: Write[];
  /** Messages to queue (to other people, or not answers). */
  outbox: OutboxInsert[];
  /** The answers to this event's chat: queued only under the per-chat cap (else one "slow down" notice). */
  replies?: CappedReplies | undefined;
  /** The event to mark done. */
  eventId: number;
  /** The claim that handled it: "done" (and these effects) commit only if it still holds the event. */
  leaseOwner?: string;
  /**
   * Claim this person's next waiting event in the same batch, after the "done" mark (the person's
   * events then run one after the other without a claim statement of their own).
   */
  claimNext?: NextClaim | undefined;
  at: Date;
}

/** What a commit tells about an event's person: the next event it claimed, null (none waiting), undefined (not asked). */
export type NextOfCommit = ClaimedEvent | null | undefined;

/** The statements of a group of events, in one atomic batch: each event's writes, then the shared ones. */
export function effectsToQueries(db: Db, group: EventEffects[]): Write[] {
  const queries: Write[] = group.flatMap((e) => e.writes);
  const rows = group.flatMap((e) => e.outbox);
  for (let i = 0; i < rows.length; i += OUTBOX_CHUNK) queries.push(insertOutboxQuery(db, rows.slice(i, i + OUTBOX_CHUNK), group[0]!.at));
  // The events' replies under each chat's cap: two events of one group chat in one batch are
  // counted one after the other (db/queries/outbox.ts).
  queries.push(...insertCappedRepliesQueries(db, group.flatMap((e) => (e.replies ? [{ replies: e.replies, at: e.at }] : []))));
  queries.push(markEventsDoneQuery(db, group.map((e) => ({ id: e.eventId, leaseOwner: e.leaseOwner })), group[0]!.at));
  // Last: it must see the "done" marks above (a person's current event no longer holds a lease).
  const next = group.flatMap((e) => (e.claimNext ? [e.claimNext] : []));
  if (next.length) queries.push(claimNextEventsQuery(db, next));
  return queries;
}

/** Each event's next claim, from the results of effectsToQueries(db, group) (the claim is their last statement). */
export function nextClaims(group: readonly EventEffects[], results: readonly unknown[]): NextOfCommit[] {
  if (!group.some((e) => e.claimNext)) return group.map(() => undefined);
  const claimed = claimedEvents(results[results.length - 1] as { id: number; owner: string; payload: string | null }[]);
  return group.map((e) => (e.claimNext ? (claimed.get(e.claimNext.owner) ?? null) : undefined));
}

export async function commitEffectsAlone(db: Db, e: EventEffects): Promise<NextOfCommit> {
  const qs = effectsToQueries(db, [e]);
  return nextClaims([e], await db.batch(qs as [Write, ...Write[]]))[0];
}
