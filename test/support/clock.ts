// A clock tests move by hand: time is a parameter, nothing sleeps.
import type { Clock } from '../../src/core/types';

export interface TestClock extends Clock {
  sleep(ms: number): Promise<void>;
  set(d: Date | string): void;
  advance(ms: number): void;
}

export function createTestClock(start: Date | string = '2026-11-21T01:00:00Z'): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    // Sleeping moves time to the end of the sleep (never backwards): sleepers that started at the
    // same time wake at the later of their ends, like on a real clock, but without waiting.
    sleep: async (ms) => {
      const until = t + Math.max(0, ms);
      await new Promise<void>((resolve) => setImmediate(resolve));
      t = Math.max(t, until);
    },
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
