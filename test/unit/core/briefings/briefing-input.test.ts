import { describe, expect, it } from 'vitest';
import { parseBriefingId, parseBriefingInput, parseCancelArgs, parseDisplayDateTime } from '../../../../src/core/use-cases/briefing-input';

const TZ = 'Asia/Ho_Chi_Minh';
const NOW = new Date('2026-11-21T01:00:00Z'); // 08:00 local

describe('parseDisplayDateTime', () => {
  it('reads dd/mm/yyyy hh:mm and common variants', () => {
    expect(parseDisplayDateTime('05/12/2026 14:00')).toEqual({ date: '2026-12-05', time: '14:00' });
    expect(parseDisplayDateTime('5/12/2026 9:30')).toEqual({ date: '2026-12-05', time: '09:30' });
    expect(parseDisplayDateTime('05/12/2026 14h30')).toEqual({ date: '2026-12-05', time: '14:30' });
    expect(parseDisplayDateTime('05/12/2026 14h')).toEqual({ date: '2026-12-05', time: '14:00' });
    expect(parseDisplayDateTime('05/12/2026, 14:00')).toEqual({ date: '2026-12-05', time: '14:00' });
  });
  it('rejects impossible dates and times', () => {
    for (const s of ['31/11/2026 14:00', '29/02/2027 10:00', '05/12/2026 24:00', '05/12/2026 14:60', '05/12/2026', '2026-12-05 14:00', 'mai 14:00']) {
      expect(parseDisplayDateTime(s), s).toBeNull();
    }
    expect(parseDisplayDateTime('29/02/2028 10:00')).toEqual({ date: '2028-02-29', time: '10:00' });
  });
});

describe('parseBriefingInput', () => {
  it('parses title, local time in TIMEZONE and place', () => {
    const r = parseBriefingInput('Họp báo tháng 12 | 05/12/2026 14:00 | Hội trường Sở', NOW, TZ);
    expect(r).toEqual({ ok: true, title: 'Họp báo tháng 12', startsAt: new Date('2026-12-05T07:00:00Z'), place: 'Hội trường Sở' });
  });
  it('keeps a | inside the place', () => {
    const r = parseBriefingInput('Họp | 05/12/2026 14:00 | Phòng A | tầng 2', NOW, TZ);
    expect(r).toMatchObject({ ok: true, place: 'Phòng A | tầng 2' });
  });
  it('uses the configured zone', () => {
    const r = parseBriefingInput('Họp | 05/12/2026 14:00 | Phòng A', NOW, 'UTC');
    expect(r).toMatchObject({ ok: true, startsAt: new Date('2026-12-05T14:00:00Z') });
  });
  it('explains what is wrong', () => {
    expect(parseBriefingInput('Họp báo | 05/12/2026 14:00', NOW, TZ)).toEqual({ ok: false, error: 'format' });
    expect(parseBriefingInput('Họp báo |  | Phòng', NOW, TZ)).toEqual({ ok: false, error: 'format' });
    expect(parseBriefingInput('Họp | 05/12/2026 14:00 | Phòng', NOW, TZ)).toMatchObject({ ok: true });
    expect(parseBriefingInput('Họ | 05/12/2026 14:00 | Phòng', NOW, TZ)).toEqual({ ok: false, error: 'title' });
    expect(parseBriefingInput('Họp báo | 05/12/2026 14:00 | P', NOW, TZ)).toEqual({ ok: false, error: 'place' });
    expect(parseBriefingInput('Họp báo | 32/12/2026 14:00 | Phòng', NOW, TZ)).toEqual({ ok: false, error: 'when', given: '32/12/2026 14:00' });
  });
  it('needs a time in the future', () => {
    expect(parseBriefingInput('Họp báo | 21/11/2026 08:00 | Phòng', NOW, TZ)).toEqual({
      ok: false,
      error: 'past',
      startsAt: new Date('2026-11-21T01:00:00Z'),
    });
    expect(parseBriefingInput('Họp báo | 21/11/2026 08:01 | Phòng', NOW, TZ)).toMatchObject({ ok: true });
  });
});

describe('parseCancelArgs and parseBriefingId', () => {
  it('recognises huy / hủy / cancel followed by an id', () => {
    expect(parseCancelArgs('huy 12')).toBe('12');
    expect(parseCancelArgs('Hủy #12')).toBe('12');
    expect(parseCancelArgs('cancel 3')).toBe('3');
    expect(parseCancelArgs('Hủy bỏ | 05/12/2026 14:00 | Phòng')).toBeNull();
    expect(parseCancelArgs('huy')).toBeNull();
  });
  it('reads ids', () => {
    expect(parseBriefingId('12')).toBe(12);
    expect(parseBriefingId('#12')).toBe(12);
    expect(parseBriefingId('12a')).toBeNull();
    expect(parseBriefingId('')).toBeNull();
  });
});
