// Group commit for the inbound path: the events stored in an event-loop turn (the inbox's "lead"
// writes, which requests are waiting on for their 200) and the effects of the events handled in
// that turn share one libSQL batch: one transaction, one WAL commit, one round trip on a remote
// database. Effects share their outbox insert and "done" update. If a combined batch fails, the
// lead writes are committed on their own first, then the effects as a group and, failing that,
// each event on its own, so one bad event cannot fail its neighbours.
import { afterThisTurn } from './after-this-turn';
import type { Db } from '../../db/client';
import type { Write } from './commands/handler-context';
import { effectsToQueries, type EventEffects } from './event-effects';

interface Pending {
  effects: EventEffects;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Writes that lead the next commit, with what to do with their results. */
export interface LeadWrites {
  queries: Write[];
  done(results: unknown[]): void;
  fail(err: unknown): void;
}

export interface WriteCoalescer {
  /** Commits an event's effects with the others of this turn. */
  commit(effects: EventEffects): Promise<void>;
  /**
   * Asks for a commit after this turn led by the writes `take` returns (null: nothing after all).
   * `take` runs when the commit starts, so every request of the turn can still join.
   */
  lead(take: () => LeadWrites | null): void;
}

/** Upper bound of events per combined batch (keeps a transaction short). */
const MAX_EVENTS = 500;

const batch = (db: Db, qs: Write[]) => db.batch(qs as [Write, ...Write[]]);

export function createWriteCoalescer(db: Db): WriteCoalescer {
  let queue: Pending[] = [];
  const takers: (() => LeadWrites | null)[] = [];
  let scheduled = false;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    afterThisTurn(() => void flush());
  };

  async function commitGroup(group: Pending[]) {
    try {
      await batch(db, effectsToQueries(db, group.map((p) => p.effects)));
      for (const p of group) p.resolve();
    } catch (err) {
      if (group.length === 1) group[0]!.reject(err);
      else for (const p of group) await batch(db, effectsToQueries(db, [p.effects])).then(p.resolve, p.reject);
    }
  }

  async function commitLed(leads: LeadWrites[], group: Pending[]) {
    const leadQueries = leads.flatMap((l) => l.queries);
    try {
      const results = await batch(db, group.length ? [...leadQueries, ...effectsToQueries(db, group.map((p) => p.effects))] : leadQueries);
      let at = 0;
      for (const l of leads) {
        l.done(results.slice(at, (at += l.queries.length)));
      }
      for (const p of group) p.resolve();
    } catch (err) {
      if (!group.length && leads.length === 1) return leads[0]!.fail(err);
      // The requests waiting for their 200 first, then the effects.
      for (const l of leads) await batch(db, l.queries).then(l.done, l.fail);
      if (group.length) await commitGroup(group);
    }
  }

  async function flush() {
    scheduled = false;
    const leads: LeadWrites[] = [];
    for (const take of takers.splice(0)) {
      const l = take();
      if (l?.queries.length) leads.push(l);
      else l?.done([]);
    }
    const all = queue;
    queue = [];
    let i = 0;
    if (leads.length) {
      i = Math.min(all.length, MAX_EVENTS);
      await commitLed(leads, all.slice(0, i));
    }
    for (; i < all.length; i += MAX_EVENTS) await commitGroup(all.slice(i, i + MAX_EVENTS));
  }

  return {
    commit(effects) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ effects, resolve, reject });
        schedule();
      });
    },
    lead(take) {
      takers.push(take);
      schedule();
    },
  };
}
