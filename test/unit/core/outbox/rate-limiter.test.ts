import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../src/core/outbox/rate-limiter';
import { backoffMs } from '../../../../src/core/outbox/retry-policy';
import { isInsideZaloWindow } from '../../../../src/core/outbox/zalo-window';
import { createTestClock } from '../../../support/clock';

/** A limiter on the test clock: sleeping advances time, so the test measures the schedule, not the machine. */
function virtualLimiter(perSecond: number, perChatGapMs: number) {
  const clock = createTestClock(new Date(0));
  const limiter = new RateLimiter({ perSecond, perChatGapMs }, clock);
  return { limiter, now: () => clock.now().getTime() };
}

describe('RateLimiter', () => {
  it('spaces sends to the platform rate', async () => {
    const v = virtualLimiter(30, 0);
    for (let i = 0; i < 30; i++) await v.limiter.acquire(`chat${i}`);
    expect(v.now()).toBeGreaterThanOrEqual(29 * (1000 / 30) - 1);
    expect(v.now()).toBeLessThan(1000);
  });

  it('keeps one chat to one message a second', async () => {
    const v = virtualLimiter(1000, 1000);
    await v.limiter.acquire('a');
    await v.limiter.acquire('a');
    await v.limiter.acquire('a');
    expect(v.now()).toBe(2000);
  });

  it('waits out a pause after a 429', async () => {
    const v = virtualLimiter(1000, 0);
    v.limiter.pause(5000);
    await v.limiter.acquire('a');
    expect(v.now()).toBe(5000);
  });

  it('lets sends to different chats that wait for the same second wake together', async () => {
    const v = virtualLimiter(1000, 1000);
    await Promise.all([v.limiter.acquire('a'), v.limiter.acquire('b')]);
    await Promise.all([v.limiter.acquire('a'), v.limiter.acquire('b')]);
    // Both second sends were due at 1000 and 1001 ms: the clock is not pushed to 2000.
    expect(v.now()).toBe(1001);
  });
});

describe('retry policy and the Zalo window', () => {
  it('backs off exponentially but never below retry_after', () => {
    const mid = () => 0.5;
    expect(backoffMs(1, undefined, mid)).toBe(5000);
    expect(backoffMs(3, undefined, mid)).toBe(20_000);
    expect(backoffMs(1, 30_000, mid)).toBe(30_000);
    expect(backoffMs(30, undefined, mid)).toBe(30 * 60_000);
  });

  it('counts 7 days from the last inbound message', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    expect(isInsideZaloWindow(new Date('2026-11-15T00:00:00Z'), now)).toBe(true);
    expect(isInsideZaloWindow(new Date('2026-11-13T23:00:00Z'), now)).toBe(false);
    expect(isInsideZaloWindow(null, now)).toBe(false);
  });
});
