// The inbox: a webhook stores its event durably (group commit: concurrent requests share one
// write) and only then answers 200; processing runs after the store, one event at a time per
// person, and a failure leaves the event for the retry job instead of losing it.
// Order and once-only hold across processes: events are claimed in the database (a lease with a
// claim token, at most one live lease per person, oldest event first), and "done" plus the
// event's effects commit only while the claim still holds the event. The claims ride on
// statements that run anyway: a webhook's event is claimed by its own insert when its person has
// no unfinished event, and the batch that marks an event done claims the person's next one; a
// claim statement of its own runs only when these could not claim (claimNextEvent).
import {
  claimNextEvent,
  claimOwners,
  eventAttempts,
  insertedEvents,
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
import type { NextOfCommit } from './event-effects';
import type { Write } from './commands/handler-context';
import type { InboundMessage } from './types';

export const MAX_EVENT_ATTEMPTS = 5;
/** An event still `received` this long after arrival was abandoned by a crash: process it again. */
export const STALE_EVENT_MS = 60_000;
/** How long a claim holds an event (a process that dies mid-event frees it after this). */
export const EVENT_LEASE_MS = 60_000;

interface Pending {
  msg: InboundMessage;
  /** Claim the event with its insert (when its person has no unfinished event). */
  claim: boolean;
  resolve: (r: Stored | null) => void;
  reject: (e: unknown) => void;
}

interface Stored {
  id: number;
  /** The claim token when the insert claimed the event. */
  leaseOwner: string | null;
}

export interface Inbox {
  /** Durably store (not claimed); resolves `null` when this event was stored before (a duplicate). */
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
  const instance = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let claims = 0;
  const nextToken = () => `${instance}:${++claims}`;
  /** The events being handled under a claim: their person (the commit claims their next event). */
  const handling = new Map<number, { platform: string; externalUserId: string }>();
  /** What the commit of a handled event claimed next for its person (drain reads it). */
  const claimedNext = new Map<number, NextOfCommit>();
  const io: EventIo = {
    load: createBatchLoader((inputs) => loadInboundContexts(deps.db, inputs)),
    async commit(effects) {
      const person = handling.get(effects.eventId);
      if (!person || !effects.leaseOwner) return writer.commit(effects);
      const now = deps.clock.now();
      const next = await writer.commit({ ...effects, claimNext: { ...person, owner: nextToken(), now, leaseUntil: new Date(now.getTime() + EVENT_LEASE_MS) } });
      claimedNext.set(effects.eventId, next);
      return next;
    },
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
      // The first event of each person (accept) is claimed by its insert when nothing else of
      // that person is unfinished.
      const msgs = batch.map((p) => p.msg);
      const owners = claimOwners(msgs, (i) => batch[i]!.claim, nextToken);
      const claim = { leaseUntil: new Date(now.getTime() + EVENT_LEASE_MS) };
      for (let i = 0; i < batch.length; i += 1000) queries.push(insertInboundEventsQuery(deps.db, msgs.slice(i, i + 1000), now, { ...claim, owners: owners.slice(i, i + 1000) }));
      const inserts = queries.length;
      for (let i = 0; i < batch.length; i += 1000) queries.push(recordSendersQuery(deps.db, batch.slice(i, i + 1000).map((p) => senderOf(p.msg, now))));
      return {
        queries,
        done(results) {
          const stored = new Map<string, Stored>();
          for (const rows of results.slice(0, inserts)) insertedEvents(rows as { id: number; event_key: string; lease_owner: string | null }[], stored);
          // Two copies of the same event in one group: only the first gets the new id.
          for (const p of batch) {
            const s = stored.get(p.msg.eventKey);
            stored.delete(p.msg.eventKey);
            p.resolve(s ?? null);
          }
        },
        fail,
      };
    } catch (err) {
      fail(err);
      return null;
    }
  }

  function store(msg: InboundMessage, claim = false) {
    return new Promise<Stored | null>((resolve, reject) => {
      queue.push({ msg, claim, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        writer.lead(takeQueued);
      }
    });
  }

  async function handle(id: number, msg: InboundMessage, owner: string): Promise<void> {
    const started = performance.now();
    const took = () => (performance.now() - started) / 1000;
    handling.set(id, { platform: msg.platform, externalUserId: msg.externalUserId });
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
    } finally {
      handling.delete(id);
    }
  }

  /** A claim statement of its own: this person's oldest waiting event, unless a claim holds one. */
  async function claim(person: { platform: string; externalUserId: string }) {
    const now = deps.clock.now();
    const owner = nextToken();
    const claimed = await claimNextEvent(deps.db, person, owner, now, new Date(now.getTime() + EVENT_LEASE_MS));
    return claimed && { ...claimed, owner };
  }

  /**
   * Handle this person's events one at a time, starting with `first` (already claimed) or with a
   * claim, until none is claimable by us. After each event the commit that marked it done has
   * claimed the next one (or found none waiting); only when it did not run (the handler failed,
   * the lease was lost) does a claim statement of its own follow.
   */
  async function drain(person: { platform: string; externalUserId: string }, first?: { id: number; payload: InboundMessage; owner: string }): Promise<number> {
    let n = 0;
    let claimed = first ?? (await claim(person));
    while (claimed) {
      n++;
      await handle(claimed.id, claimed.payload, claimed.owner);
      const next = claimedNext.get(claimed.id);
      claimedNext.delete(claimed.id);
      claimed = next === undefined ? await claim(person) : next;
    }
    return n;
  }

  function track<T>(p: Promise<T>): Promise<T> {
    background.add(p);
    void p.finally(() => background.delete(p)).catch(() => undefined);
    return p;
  }

  return {
    store: (msg) => store(msg),
    async accept(msg) {
      const stored = await store(msg, true);
      if (!stored) return 'duplicate';
      const first = stored.leaseOwner === null ? undefined : { id: stored.id, payload: msg, owner: stored.leaseOwner };
      const work = track(drain({ platform: msg.platform, externalUserId: msg.externalUserId }, first).catch((err) => {
        deps.log.error('inbound claim failed', { platform: msg.platform, ...errorFields(err) });
      }));
      if (deps.defer) deps.defer(work);
      return 'stored';
    },
    drain: (person) => drain(person),
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
