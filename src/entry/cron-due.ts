// node-cron parity for the Worker's one-minute Cron Trigger: which jobs of src/jobs/schedule.ts
// node-cron would fire in a given minute, in TIMEZONE (Cron Triggers only know UTC).
import type { Job } from '../jobs/schedule';

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(now: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', minute: 'numeric', hour: 'numeric', day: 'numeric', month: 'numeric', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(now).map((x) => [x.type, x.value]));
  return { minute: Number(p.minute), hour: Number(p.hour), day: Number(p.day), month: Number(p.month), weekday: WEEKDAYS[p.weekday ?? ''] ?? -1 };
}

/** One cron field (`*`, `n`, `a-b`, `*\/s`, `a-b/s`, lists of these) against a value; null = unsupported. */
function fieldMatches(field: string, value: number, min: number, max: number): boolean | null {
  let any = false;
  for (const part of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (value >= from && value <= to && (value - from) % step === 0) any = true;
  }
  return any;
}

function or(a: boolean | null, b: boolean | null): boolean | null {
  return a === null || b === null ? null : a || b;
}

/**
 * Whether a node-cron expression (5 fields, or 6 with seconds, which are ignored) fires in the
 * minute of `now` in `timeZone`. Anything this does not parse (names, `L`, `?`) runs every tick:
 * jobs are idempotent by design, so running more often is safe and skipping is not.
 */
export function cronDue(expr: string, now: Date, timeZone: string): boolean {
  const fields = expr.trim().split(/\s+/);
  if (fields.length === 6) fields.shift();
  if (fields.length !== 5) return true;
  const t = zonedParts(now, timeZone);
  const [mi, h, dom, mon, dow] = fields as [string, string, string, string, string];
  const minute = fieldMatches(mi, t.minute, 0, 59);
  const hour = fieldMatches(h, t.hour, 0, 23);
  const month = fieldMatches(mon, t.month, 1, 12);
  const day = fieldMatches(dom, t.day, 1, 31);
  // Sunday is 0 or 7.
  const weekday = dow === '*' ? true : t.weekday === 0 ? or(fieldMatches(dow, 0, 0, 7), fieldMatches(dow, 7, 0, 7)) : fieldMatches(dow, t.weekday, 0, 7);
  if ([minute, hour, month, day, weekday].includes(null)) return true;
  // Standard cron: when both day fields are restricted, either may match.
  const dayOk = dom !== '*' && dow !== '*' ? Boolean(day) || Boolean(weekday) : Boolean(day) && Boolean(weekday);
  return Boolean(minute && hour && month && dayOk);
}

export function dueJobs(all: Job[], now: Date, timeZone: string): Job[] {
  return all.filter((j) => cronDue(j.cron, now, timeZone));
}
