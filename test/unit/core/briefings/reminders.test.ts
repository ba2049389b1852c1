import { describe, expect, it } from 'vitest';
import { dueReminder } from '../../../../src/core/use-cases/send-briefing-reminders';

const start = new Date('2026-11-25T07:00:00Z');
const at = (iso: string) => new Date(iso);
const base = { startsAt: start, announcedAt: at('2026-11-20T00:00:00Z'), reminded24hAt: null, reminded1hAt: null };

describe('dueReminder', () => {
  it('nothing before 24 h', () => {
    expect(dueReminder(base, at('2026-11-24T06:59:59Z'))).toBeNull();
  });
  it('the 24 h reminder from 24 h until the 1 h mark', () => {
    expect(dueReminder(base, at('2026-11-24T07:00:00Z'))).toEqual({ which: '24h', skip: false });
    expect(dueReminder(base, at('2026-11-25T05:59:59Z'))).toEqual({ which: '24h', skip: false });
  });
  it('only the 1 h reminder from the 1 h mark until the start', () => {
    expect(dueReminder(base, at('2026-11-25T06:00:00Z'))).toEqual({ which: '1h', skip: false });
    expect(dueReminder(base, at('2026-11-25T06:59:59Z'))).toEqual({ which: '1h', skip: false });
    expect(dueReminder(base, at('2026-11-25T07:00:00Z'))).toBeNull();
  });
  it('once each', () => {
    expect(dueReminder({ ...base, reminded24hAt: at('2026-11-24T07:00:00Z') }, at('2026-11-24T08:00:00Z'))).toBeNull();
    expect(dueReminder({ ...base, reminded24hAt: at('2026-11-24T07:00:00Z') }, at('2026-11-25T06:00:00Z'))).toEqual({ which: '1h', skip: false });
    expect(dueReminder({ ...base, reminded1hAt: at('2026-11-25T06:00:00Z') }, at('2026-11-25T06:10:00Z'))).toBeNull();
  });
  it('skips a reminder whose window the invitation itself fell in', () => {
    const late = { ...base, announcedAt: at('2026-11-24T20:00:00Z') };
    expect(dueReminder(late, at('2026-11-24T20:01:00Z'))).toEqual({ which: '24h', skip: true });
    expect(dueReminder(late, at('2026-11-25T06:00:00Z'))).toEqual({ which: '1h', skip: false });
  });
});
