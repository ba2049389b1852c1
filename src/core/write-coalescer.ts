// Group commit for the inbound path: the events stored in an event-loop turn (the inbox's "lead"
// writes, which requests are waiting on for their 200) and the effects of the events handled in
// that turn share one libSQL batch: one transaction, one WAL commit, one round trip on a remote
// database. Effects share their outbox insert and "done" update. If a combined batch fails, the
// lead writes are committed on their own first, then the effects as a group and, failing that,
// each event on its own, so one bad event cannot fail its neighbours.
import { afterThisTurn } from './after-this-turn';
import type { Db } from '../../db/client';
import type { Write } from './commands/handler-context';
import { effectsToQueries, nextClaims, type EventEffects, type NextOfCommit } from './event-effects';

interface Pending {
  effects: EventEffects;
  resolve: (next: NextOfCommit) => void;
  reject: (err: unknown) => void;
}

/** Writes that lead the next commit, with what to do with their results. */
export interface LeadWrites {
  queries: Write[];
  done(results: unknown[]): void;
  fail(err: unknown): void;
}

export interface WriteCoalescer {
  /** Commits an event's effects with the others of this turn; resolves with the next event claimed for its person (effects.claimNext). */
  commit(effects: EventEffects): Promise<NextOfCommit>;
  /**
   * Asks for a commit after this turn led by the writes `take` returns (null: nothing after all).
   * `take` runs when the commit starts, so every request of the turn can still join.
   */
  lead(take: () => LeadWrites | null): void;
}

/** Upper bound of events per combined batch (keeps a transaction short). */
const MAX_EVENTS = 500;

/** Hands a lead its results (or its error); a callback that throws turns into its `fail`. */
function settleLead(lead: LeadWrites, results: unknown[] | null, err?: unknown): void {
  try {
    if (results) lead.done(results);
    else lead.fail(err);
  } catch (thrown) {
    if (results) {
      try {
        lead.fail(thrown);
      } catch {
        /* nothing left to tell */
      }
    }
  }
}

export function createWriteCoalescer(db: Db): WriteCoalescer {
  let queue: Pending[] = [];
  const takers: (() => LeadWrites | null)[] = [];
  let scheduled = false;

  // A batch built by `build`: a throw while building rejects like a failed batch.
  const run = async (build: () => Write[]) => db.batch(build() as [Write, ...Write[]]);

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    afterThisTurn(() => void flush());
  };

  /** Hands each event of a committed group its next claim (from the results of its statements). */
  function settleGroup(group: Pending[], results: unknown[]) {
    let next: NextOfCommit[];
    try {
      next = nextClaims(group.map((p) => p.effects), results);
    } catch {
      next = group.map(() => undefined); // committed all the same: the inbox claims again on its own
    }
    group.forEach((p, i) => p.resolve(next[i]));
  }

  async function commitGroup(group: Pending[]) {
    let results: unknown[];
    try {
      results = await run(() => effectsToQueries(db, group.map((p) => p.effects)));
    } catch (err) {
      if (group.length === 1) return group[0]!.reject(err);
      for (const p of group) await run(() => effectsToQueries(db, [p.effects])).then((r) => settleGroup([p], r), p.reject);
      return;
    }
    settleGroup(group, results);
  }

  async function commitLed(leads: LeadWrites[], group: Pending[]) {
    const leadQueries = leads.flatMap((l) => l.queries);
    let results: unknown[];
    try {
      results = await run(() => (group.length ? [...leadQueries, ...effectsToQueries(db, group.map((p) => p.effects))] : leadQueries));
    } catch (err) {
      if (!group.length && leads.length === 1) return settleLead(leads[0]!, null, err);
      // The requests waiting for their 200 first, then the effects.
      for (const l of leads) await run(() => l.queries).then((r) => settleLead(l, r), (e: unknown) => settleLead(l, null, e));
      if (group.length) await commitGroup(group);
      return;
    }
    // Committed: nothing below may send these writes again.
    let at = 0;
    for (const l of leads) settleLead(l, results.slice(at, (at += l.queries.length)));
    if (group.length) settleGroup(group, results.slice(at));
  }

  async function flush() {
    scheduled = false;
    const leads: LeadWrites[] = [];
    for (const take of takers.splice(0)) {
      let l: LeadWrites | null;
      try {
        l = take();
      } catch {
        continue; // a taker that throws has settled its own waiters (the inbox's does)
      }
      if (l?.queries.length) leads.push(l);
      else if (l) settleLead(l, null, new Error('a lead write with no statements'));
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
      return new Promise<NextOfCommit>((resolve, reject) => {
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
