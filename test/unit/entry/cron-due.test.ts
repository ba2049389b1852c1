// The Worker's one-minute tick runs the jobs node-cron would run that minute, in TIMEZONE.
import { describe, expect, it } from 'vitest';
import { cronDue, dueJobs } from '../../../src/entry/cron-due';
import { jobs } from '../../../src/jobs/schedule';
import { Cron } from 'croner';

const TZ = 'Asia/Ho_Chi_Minh'; // UTC+7, no DST

describe('cronDue', () => {
  it('reads the minute in the time zone, not in UTC', () => {
    // 03:17 in Ho Chi Minh City is 20:17 UTC the day before.
    expect(cronDue('17 3 * * *', new Date('2026-11-20T20:17:00Z'), TZ)).toBe(true);
    expect(cronDue('17 3 * * *', new Date('2026-11-21T03:17:00Z'), TZ)).toBe(false);
    expect(cronDue('0 7 * * *', new Date('2026-11-21T00:00:30Z'), TZ)).toBe(true);
  });

  it('handles steps, ranges and lists', () => {
    const at = (hhmm: string) => new Date(`2026-11-21T${hhmm}:00+07:00`);
    expect(cronDue('*/10 * * * *', at('08:20'), TZ)).toBe(true);
    expect(cronDue('*/10 * * * *', at('08:25'), TZ)).toBe(false);
    expect(cronDue('*/30 * * * *', at('08:30'), TZ)).toBe(true);
    expect(cronDue('5-15/5 8,9 * * *', at('09:10'), TZ)).toBe(true);
    expect(cronDue('5-15/5 8,9 * * *', at('10:10'), TZ)).toBe(false);
    expect(cronDue('* * * * *', at('23:59'), TZ)).toBe(true);
  });

  it('treats Sunday as 0 or 7, and either day field matching when both are set', () => {
    const sunday = new Date('2026-11-22T09:00:00+07:00');
    expect(cronDue('0 9 * * 0', sunday, TZ)).toBe(true);
    expect(cronDue('0 9 * * 7', sunday, TZ)).toBe(true);
    expect(cronDue('0 9 * * 1-5', sunday, TZ)).toBe(false);
    expect(cronDue('0 9 1 * 0', sunday, TZ)).toBe(true); // the 22nd, but a Sunday
  });

  it('reads a seconds field as a run within that minute', () => {
    expect(cronDue('30 */10 * * * *', new Date('2026-11-21T01:10:00Z'), TZ)).toBe(true);
    expect(cronDue('30 */10 * * * *', new Date('2026-11-21T01:11:00Z'), TZ)).toBe(false);
  });

  it('reads names, L and # (croner), and runs what it cannot parse every tick', () => {
    // Saturday 2026-11-21, 08:10 in Ho Chi Minh City.
    const sat = new Date('2026-11-21T01:10:00Z');
    expect(cronDue('10 8 * * SAT', sat, TZ)).toBe(true);
    expect(cronDue('10 8 * * MON', sat, TZ)).toBe(false);
    expect(cronDue('10 8 * NOV *', sat, TZ)).toBe(true);
    expect(cronDue('0 9 L * *', new Date('2026-11-30T09:00:00+07:00'), TZ)).toBe(true);
    expect(cronDue('0 9 L * *', new Date('2026-11-29T09:00:00+07:00'), TZ)).toBe(false);
    expect(cronDue('0 9 * * 6#3', sat, TZ)).toBe(false); // the 21st is the third Saturday, but 08:10
    expect(cronDue('10 8 * * 6#3', sat, TZ)).toBe(true);
    expect(cronDue('10 8 * * 6#4', sat, TZ)).toBe(false);
    expect(cronDue('not a cron', sat, TZ)).toBe(true);
    expect(cronDue('61 * * * *', sat, TZ)).toBe(true);
  });
});

describe('dueJobs', () => {
  it('every configured cron is one croner reads (none falls back to every tick)', () => {
    for (const j of jobs) expect(() => new Cron(j.cron, { paused: true, mode: '5-or-6-parts' }), j.name).not.toThrow();
  });

  it('fires each configured job exactly as often as its cron says over a whole day', () => {
    const start = new Date('2026-11-20T17:00:00Z').getTime(); // 00:00 in Ho Chi Minh City
    const fired = new Map<string, number>();
    for (let m = 0; m < 24 * 60; m++) for (const j of dueJobs(jobs, new Date(start + m * 60_000 + 30_000), TZ)) fired.set(j.name, (fired.get(j.name) ?? 0) + 1);
    const perDay: Record<string, number> = { '* * * * *': 1440, '*/30 * * * *': 48, '*/5 * * * *': 288, '*/10 * * * *': 144, '*/15 * * * *': 96, '17 3 * * *': 1 };
    for (const j of jobs) expect(fired.get(j.name) ?? 0, j.name).toBe(perDay[j.cron]);
  });

  it('runs the every-minute jobs on every tick and the others at their time', () => {
    const names = (iso: string) => dueJobs(jobs, new Date(iso), TZ).map((j) => j.name);
    const everyMinute = jobs.filter((j) => j.cron === '* * * * *').map((j) => j.name);
    expect(names('2026-11-21T01:01:00Z')).toEqual(expect.arrayContaining(everyMinute));
    expect(names('2026-11-21T01:01:00Z')).not.toContain('zalo-token-refresh');
    expect(names('2026-11-21T01:10:00Z')).toContain('zalo-token-refresh');
    expect(names('2026-11-20T20:17:00Z')).toContain('retention');
  });
});
