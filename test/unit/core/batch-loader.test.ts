// The tick batch loader: calls of one turn share one load, in order; a failing combined load
// falls back to one load per input, so only the bad input fails.
import { expect, it } from 'vitest';
import { createBatchLoader } from '../../../src/core/batch-loader';

it('answers the calls of one turn with one combined load, in order', async () => {
  const calls: string[][] = [];
  const load = createBatchLoader(async (xs: string[]) => {
    calls.push(xs);
    return xs.map((x) => x.toUpperCase());
  });
  expect(await Promise.all([load('a'), load('b'), load('c')])).toEqual(['A', 'B', 'C']);
  expect(calls).toEqual([['a', 'b', 'c']]);
});

it('fails only the input that fails on its own', async () => {
  const load = createBatchLoader(async (xs: string[]) => {
    if (xs.includes('bad')) throw new Error('bad input');
    return xs.map((x) => x.toUpperCase());
  });
  const out = await Promise.allSettled([load('a'), load('bad'), load('c')]);
  expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((out[0] as PromiseFulfilledResult<string>).value).toBe('A');
});
