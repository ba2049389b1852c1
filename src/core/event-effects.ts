// What handling one inbound event writes, kept apart by kind so that events handled at the same
// time can share statements: one outbox insert, one "done" update and one identity touch for the
// whole group (each statement is a round trip on a remote database and real work on a local
// one, so fewer statements is faster).
import type { Db } from '../../db/client';
import { touchIdentitiesQuery } from '../../db/queries/inbound-context';
import { markEventsDoneQuery } from '../../db/queries/inbound-events';
import { insertOutboxQuery, OUTBOX_CHUNK, type OutboxInsert } from '../../db/queries/outbox';
import type { Write } from './commands/handler-context';

export interface EventEffects {
  /** The handler's own writes (and conversation changes), in order. */
  writes: Write[];
  /** Replies and other messages to queue. */
  outbox: OutboxInsert[];
  /** The event to mark done. */
  eventId: number;
  at: Date;
  /** The sender's last inbound time (null when this event created the identity with it). */
  touch: { identityId: number; at: Date; clientLang: string | null } | null;
}

/** The statements of a group of events, in one atomic batch: each event's writes, then the shared ones. */
export function effectsToQueries(db: Db, group: EventEffects[]): Write[] {
  const queries: Write[] = group.flatMap((e) => e.writes);
  const rows = group.flatMap((e) => e.outbox);
  for (let i = 0; i < rows.length; i += OUTBOX_CHUNK) queries.push(insertOutboxQuery(db, rows.slice(i, i + OUTBOX_CHUNK), group[0]!.at));
  const touches = group.flatMap((e) => (e.touch ? [e.touch] : []));
  if (touches.length) queries.push(touchIdentitiesQuery(db, touches));
  queries.push(markEventsDoneQuery(db, group.map((e) => e.eventId), group[0]!.at));
  return queries;
}

export async function commitEffectsAlone(db: Db, e: EventEffects): Promise<void> {
  const qs = effectsToQueries(db, [e]);
  await db.batch(qs as [Write, ...Write[]]);
}
