// node-cron parity for the Worker's one-minute Cron Trigger: which jobs of src/jobs/schedule.ts
// would fire in a given minute, in TIMEZONE (Cron Triggers only know UTC). The expressions are
// read by croner (a maintained parser with time zones, names such as MON/JAN, `L`, `#`), not by us.
import { Cron } from 'croner';
import type { Job } from '../jobs/schedule';

const parsed = new Map<string, Cron | null>();

/** The expression as a paused croner job in `timeZone` (null: croner cannot read it). */
function cronOf(expr: string, timeZone: string): Cron | null {
  const key = `${timeZone}\n${expr}`;
  let c = parsed.get(key);
  if (c === undefined) {
    try {
      // 5 fields, or 6 with seconds (node-cron's forms); day of month OR day of week when both are
      // set (croner's default, as in standard cron).
      c = new Cron(expr.trim(), { timezone: timeZone, paused: true, mode: '5-or-6-parts' });
    } catch {
      c = null;
    }
    parsed.set(key, c);
  }
  return c;
}

/**
 * Whether a node-cron expression (5 fields, or 6 with seconds) fires at some time within the
 * minute of `now`, in `timeZone`. An expression croner cannot read runs every tick: jobs are
 * idempotent by design, so running more often is safe and skipping is not.
 */
export function cronDue(expr: string, now: Date, timeZone: string): boolean {
  const cron = cronOf(expr, timeZone);
  if (!cron) return true;
  const minuteStart = Math.floor(now.getTime() / 60_000) * 60_000;
  // The first run after the second before this minute: due if it falls inside the minute.
  const next = cron.nextRun(new Date(minuteStart - 1000));
  return next !== null && next.getTime() < minuteStart + 60_000;
}

export function dueJobs(all: Job[], now: Date, timeZone: string): Job[] {
  return all.filter((j) => cronDue(j.cron, now, timeZone));
}
