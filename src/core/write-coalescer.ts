// Group commit for event effects: the effects of events handled in the same event-loop turn are
// committed as one libSQL batch (one transaction, one WAL commit, one round trip on a remote
// database), sharing their outbox insert and "done" update. If the combined batch fails, each
// event is retried on its own, so one bad event cannot fail its neighbours.
import { afterThisTurn } from './after-this-turn';
import type { Db } from '../../db/client';
import type { Write } from './commands/handler-context';
import { effectsToQueries, type EventEffects } from './event-effects';

interface Pending {
  effects: EventEffects;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface WriteCoalescer {
  commit(effects: EventEffects): Promise<void>;
}

/** Upper bound of events per combined batch (keeps a transaction short). */
const MAX_EVENTS = 500;

export function createWriteCoalescer(db: Db): WriteCoalescer {
  let queue: Pending[] = [];
  let scheduled = false;

  const run = (group: EventEffects[]) => {
    const qs = effectsToQueries(db, group);
    return db.batch(qs as [Write, ...Write[]]);
  };

  async function flush() {
    scheduled = false;
    const all = queue;
    queue = [];
    for (let i = 0; i < all.length; i += MAX_EVENTS) {
      const group = all.slice(i, i + MAX_EVENTS);
      try {
        await run(group.map((p) => p.effects));
        for (const p of group) p.resolve();
      } catch (err) {
        if (group.length === 1) group[0]!.reject(err);
        else for (const p of group) await run([p.effects]).then(p.resolve, p.reject);
      }
    }
  }

  return {
    commit(effects) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ effects, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          afterThisTurn(() => void flush());
        }
      });
    },
  };
}
