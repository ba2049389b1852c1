// When to try a failed send again: exponential back-off with jitter, at least what the platform asked.

export const MAX_SEND_ATTEMPTS = 8;

/** Delay before attempt `attempts + 1`: 5 s, 10 s, 20 s ... capped at 30 min, ±20 % jitter. */
export function backoffMs(attempts: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
  const jittered = base * (0.8 + 0.4 * random());
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}
