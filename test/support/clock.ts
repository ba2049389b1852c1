// A clock tests move by hand: time is a parameter, nothing sleeps.
import type { Clock } from '../../src/core/types';

export interface TestClock extends Clock {
  set(d: Date | string): void;
  advance(ms: number): void;
}

export function createTestClock(start: Date | string = '2026-11-21T01:00:00Z'): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
