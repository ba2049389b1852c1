// Tick batching for reads: the calls made in the same event-loop turn are answered by one call of
// `loadMany` (in order), so events handled at the same time share their lookups. If the combined
// call fails, each input is loaded on its own, so one bad input cannot fail its neighbours.
import { afterThisTurn } from './after-this-turn';

export type LoadOne<I, O> = (input: I) => Promise<O>;

export function createBatchLoader<I, O>(loadMany: (inputs: I[]) => Promise<O[]>, maxBatch = 500): LoadOne<I, O> {
  let queue: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;

  async function flush() {
    scheduled = false;
    const all = queue;
    queue = [];
    for (let i = 0; i < all.length; i += maxBatch) {
      const group = all.slice(i, i + maxBatch);
      try {
        const out = await loadMany(group.map((p) => p.input));
        group.forEach((p, k) => p.resolve(out[k]!));
      } catch (err) {
        if (group.length === 1) group[0]!.reject(err);
        else for (const p of group) await loadMany([p.input]).then((out) => p.resolve(out[0]!), p.reject);
      }
    }
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        afterThisTurn(() => void flush());
      }
    });
}
