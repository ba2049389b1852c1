// Group commit for event effects: the final batches of events processed in the same event-loop
// turn are committed as one libSQL batch (one transaction, one WAL commit, one round trip on a
// remote database). If the combined batch fails, each event's batch is retried on its own, so one
// bad event cannot fail its neighbours.
import type { Db } from '../../db/client';
import type { Write } from './commands/handler-context';

interface Pending {
  queries: Write[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface WriteCoalescer {
  commit(queries: Write[]): Promise<void>;
}

/** Upper bound of statements per combined batch (keeps a transaction short). */
const MAX_STATEMENTS = 2000;

export function createWriteCoalescer(db: Db): WriteCoalescer {
  let queue: Pending[] = [];
  let scheduled = false;

  const run = (qs: Write[]) => db.batch(qs as [Write, ...Write[]]);

  async function flush() {
    scheduled = false;
    const all = queue;
    queue = [];
    for (let i = 0; i < all.length; ) {
      const group: Pending[] = [];
      let n = 0;
      while (i < all.length && (group.length === 0 || n + all[i]!.queries.length <= MAX_STATEMENTS)) {
        n += all[i]!.queries.length;
        group.push(all[i++]!);
      }
      if (group.length === 1) {
        await run(group[0]!.queries).then(group[0]!.resolve, group[0]!.reject);
        continue;
      }
      try {
        await run(group.flatMap((p) => p.queries));
        for (const p of group) p.resolve();
      } catch {
        for (const p of group) await run(p.queries).then(p.resolve, p.reject);
      }
    }
  }

  return {
    commit(queries) {
      if (queries.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ queries, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setTimeout(() => void flush(), 0);
        }
      });
    },
  };
}
