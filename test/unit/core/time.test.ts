import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, localDate, localTime, parseDisplayDate, zonedToUtc } from '../../../src/core/time';

const TZ = 'Asia/Ho_Chi_Minh';

describe('time in the office time zone', () => {
  it('shows UTC instants as Vietnam dates and times', () => {
    const d = new Date('2026-11-21T17:30:00Z'); // 00:30 on the 22nd in Vietnam
    expect(localDate(d, TZ)).toBe('2026-11-22');
    expect(localTime(d, TZ)).toBe('00:30');
    expect(formatDate(d, TZ)).toBe('22/11/2026');
    expect(formatDateTime(d, TZ)).toBe('22/11/2026 00:30');
  });

  it('turns a local wall-clock time into UTC', () => {
    expect(zonedToUtc('2026-11-21', '07:00', TZ).toISOString()).toBe('2026-11-21T00:00:00.000Z');
    expect(zonedToUtc('2026-03-29', '02:30', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('parses dd/mm/yyyy and rejects impossible dates', () => {
    expect(parseDisplayDate('21/11/2026')).toBe('2026-11-21');
    expect(parseDisplayDate('1/2/2027')).toBe('2027-02-01');
    expect(parseDisplayDate('31/02/2026')).toBeNull();
    expect(parseDisplayDate('2026-11-21')).toBeNull();
  });
});
