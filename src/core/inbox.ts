// The inbox: a webhook stores its event durably (group commit: concurrent requests share one
// write) and only then answers 200; processing runs after the store, one event at a time per
// person, and a failure leaves the event for the retry job instead of losing it.
// Order and once-only hold across processes: events are claimed in the database (a lease with a
// claim token, at most one live lease per person, oldest event first), and "done" plus the
// event's effects commit only while the claim still holds the event.
import {
  claimNextEvent,
  eventAttempts,
  insertedEventIds,
  insertInboundEventsQuery,
  isLeaseLost,
  markEventFailed,
  peopleWithDueEvents,
} from '../../db/queries/inbound-events';
import type { Registry } from './commands/registry';
import type { CoreDeps } from './context';
import { errorFields, safeErrorMessage } from './logger';
import { loadInboundContexts, recordSendersQuery } from '../../db/queries/inbound-context';
import { senderOf } from './inbound-sender';
import { createBatchLoader } from './batch-loader';
import { processInboundEvent, type EventIo } from './process-inbound';
import { createWriteCoalescer, type LeadWrites } from './write-coalescer';
import type { Write } from './commands/handler-context';
import type { InboundMessage } from './types';

export const MAX_EVENT_ATTEMPTS = 5;
/** An event still `received` this long after arrival was abandoned by a crash: process it again. */
export const STALE_EVENT_MS = 60_000;
/** How long a claim holds an event (a process that dies mid-event frees it after this). */
export const EVENT_LEASE_MS = 60_000;

interface Pending {
  msg: InboundMessage;
  resolve: (r: { id: number } | null) => void;
  reject: (e: unknown) => void;
}

export interface Inbox {
  /** Durably store; resolves `null` when this event was stored before (a duplicate). */
  store(msg: InboundMessage): Promise<{ id: number } | null>;
  /** Store then process in the background (deps.defer). Resolves once stored. */
  accept(msg: InboundMessage): Promise<'stored' | 'duplicate'>;
  /** Process this person's waiting events, oldest first, while this process can claim them. */
  drain(person: { platform: string; externalUserId: string }): Promise<number>;
  /** Reprocess failed events whose time has come and events abandoned by a crash. */
  retryDue(): Promise<number>;
  /** Wait until every background processing has settled (tests, shutdown). */
  idle(): Promise<void>;
}

export function createInbox(deps: CoreDeps, registry: Registry): Inbox {
  let queue: Pending[] = [];
  let scheduled = false;
  const background = new Set<Promise<unknown>>();
  // Events stored in a turn and the effects of events handled in it share one commit (group
  // commit); events handled in the same turn also share their lookups.
  const writer = createWriteCoalescer(deps.db);
  const io: EventIo = {
    load: createBatchLoader((inputs) => loadInboundContexts(deps.db, inputs)),
    commit: writer.commit,
  };

  /** The events queued this turn and their senders, as the writes that lead the next commit. */
  function takeQueued(): LeadWrites | null {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return null;
    const fail = (err: unknown) => {
      for (const p of batch) p.reject(err);
    };
    try {
      const now = deps.clock.now();
      // The events (at most 1,000 per statement), then their senders: new people created and
      // known ones marked "last seen" (recordSendersQuery).
      const queries: Write[] = [];
      for (let i = 0; i < batch.length; i += 1000) queries.push(insertInboundEventsQuery(deps.db, batch.slice(i, i + 1000).map((p) => p.msg), now));
      const inserts = queries.length;
      for (let i = 0; i < batch.length; i += 1000) queries.push(recordSendersQuery(deps.db, batch.slice(i, i + 1000).map((p) => senderOf(p.msg, now))));
      return {
        queries,
        done(results) {
          const ids = new Map<string, number>();
          for (const rows of results.slice(0, inserts)) insertedEventIds(rows as { id: number; event_key: string }[], ids);
          // Two copies of the same event in one group: only the first gets the new id.
          for (const p of batch) {
            const id = ids.get(p.msg.eventKey);
            ids.delete(p.msg.eventKey);
            p.resolve(id === undefined ? null : { id });
          }
        },
        fail,
      };
    } catch (err) {
      fail(err);
      return null;
    }
  }

  function store(msg: InboundMessage) {
    return new Promise<{ id: number } | null>((resolve, reject) => {
      queue.push({ msg, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        writer.lead(takeQueued);
      }
    });
  }

  const instance = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let claims = 0;

  async function handle(id: number, msg: InboundMessage, owner: string): Promise<void> {
    const started = performance.now();
    const took = () => (performance.now() - started) / 1000;
    try {
      await processInboundEvent(deps, registry, id, msg, io, owner);
      const seconds = took();
      deps.metrics?.handled('done', seconds);
      deps.log.debug('inbound event handled', { eventId: id, platform: msg.platform, kind: msg.kind, ...commandField(msg), ms: Math.round(seconds * 1000) });
    } catch (err) {
      if (isLeaseLost(err)) {
        deps.metrics?.handled('lease_lost', took());
        // Another process claimed it after our lease ran out: its outcome counts, ours is dropped.
        deps.log.warn('inbound event lease lost', { eventId: id, platform: msg.platform });
        return;
      }
      deps.metrics?.handled('failed', took());
      deps.log.error('inbound event failed', { eventId: id, platform: msg.platform, ...errorFields(err) });
      try {
        const attempts = (await eventAttempts(deps.db, id)) + 1;
        const delay = Math.min(30_000 * 2 ** (attempts - 1), 3600_000);
        const reason = err instanceof Error ? `${err.name}: ${safeErrorMessage(err)}` : 'error';
        await markEventFailed(deps.db, id, owner, reason, new Date(deps.clock.now().getTime() + delay), attempts >= MAX_EVENT_ATTEMPTS);
      } catch (e) {
        deps.log.error('could not mark event failed', { eventId: id, ...errorFields(e) });
      }
    }
  }

  /** Claim and handle this person's events one at a time until none is claimable by us. */
  async function drain(person: { platform: string; externalUserId: string }): Promise<number> {
    let n = 0;
    for (;;) {
      const now = deps.clock.now();
      const owner = `${instance}:${++claims}`;
      const claimed = await claimNextEvent(deps.db, person, owner, now, new Date(now.getTime() + EVENT_LEASE_MS));
      if (!claimed) return n;
      n++;
      await handle(claimed.id, claimed.payload, owner);
    }
  }

  function track<T>(p: Promise<T>): Promise<T> {
    background.add(p);
    void p.finally(() => background.delete(p)).catch(() => undefined);
    return p;
  }

  return {
    store,
    async accept(msg) {
      const stored = await store(msg);
      if (!stored) return 'duplicate';
      const work = track(drain({ platform: msg.platform, externalUserId: msg.externalUserId }).catch((err) => {
        deps.log.error('inbound claim failed', { platform: msg.platform, ...errorFields(err) });
      }));
      if (deps.defer) deps.defer(work);
      return 'stored';
    },
    drain,
    async retryDue() {
      const now = deps.clock.now();
      const people = await peopleWithDueEvents(deps.db, now, new Date(now.getTime() - STALE_EVENT_MS), 200);
      let n = 0;
      for (const p of people) n += await drain(p);
      return n;
    },
    async idle() {
      while (background.size) await Promise.allSettled([...background]);
    },
  };
}

/** The command word of a text event (`/dangky`), never the rest of the text (personal data). */
function commandField(msg: InboundMessage): { command?: string } {
  if (msg.kind !== 'text') return {};
  const m = /^\/([a-z_]{1,32})\b/i.exec(msg.text);
  return m ? { command: m[1]!.toLowerCase() } : {};
}
