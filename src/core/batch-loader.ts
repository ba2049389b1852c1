// Tick batching for reads: the calls made in the same event-loop turn are answered by one call of
// `loadMany` (in order), so events handled at the same time share their lookups. A failure of the
// combined call is passed to every caller of that turn.
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
        for (const p of group) p.reject(err);
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
