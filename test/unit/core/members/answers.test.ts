// The registration answer parsers and the small pure helpers of the member features.
import { describe, expect, it } from 'vitest';
import {
  closestMcns,
  consentAnswer,
  isConfirm,
  isConfirmDelete,
  isNoMcn,
  isSkip,
  mcnNameKey,
  parseChannelLinks,
  parseFullName,
  parseGrantArgs,
  parseLangArg,
  parseMcnName,
  parsePhone,
  parseRoleAnswer,
  pickMcnCode,
} from '../../../../src/core/features/members/answers';
import { hashLinkCode, randomLinkCode } from '../../../../src/core/use-cases/link-identity';
import { nextStep } from '../../../../src/core/features/members/registration';

describe('parseFullName', () => {
  it('keeps Vietnamese names exactly, as NFC, with spaces collapsed', () => {
    expect(parseFullName('  Nguyễn   Thị Ánh Tuyết ')).toEqual({ ok: true, value: 'Nguyễn Thị Ánh Tuyết' });
    const nfd = 'Nguyễn Thị Ánh Tuyết'.normalize('NFD');
    expect(parseFullName(nfd)).toEqual({ ok: true, value: 'Nguyễn Thị Ánh Tuyết'.normalize('NFC') });
    expect(parseFullName("Đặng Thị Ngọc-Ánh O'Neil")).toMatchObject({ ok: true });
  });
  it('gives a reason for a wrong name', () => {
    expect(parseFullName('A')).toEqual({ ok: false, reason: 'name_length' });
    expect(parseFullName('x'.repeat(101))).toEqual({ ok: false, reason: 'name_length' });
    expect(parseFullName('Tuyết 99')).toEqual({ ok: false, reason: 'name_chars' });
    expect(parseFullName('https://tiktok.com')).toEqual({ ok: false, reason: 'name_chars' });
  });
});

describe('parsePhone', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['091.234.5678', '+84912345678'],
    ['+84912345678', '+84912345678'],
    ['+84 3 1234 5678', '+84312345678'],
    ['84912345678', '+84912345678'], // Zalo forms
  ])('%s → %s', (input, out) => expect(parsePhone(input)).toEqual({ ok: true, value: out }));
  it.each(['12345', '0212345678', '091234567', '09123456789', '+1 555 123 4567', 'bỏ qua'])('rejects %s', (input) =>
    expect(parsePhone(input)).toEqual({ ok: false, reason: 'phone_invalid' }),
  );
  it('knows how to skip', () => {
    expect(isSkip('Bỏ qua')).toBe(true);
    expect(isSkip('bo qua.')).toBe(true);
    expect(isSkip('skip')).toBe(true);
    expect(isSkip('0912345678')).toBe(false);
  });
});

describe('roles, consent and confirmations', () => {
  it('reads the role', () => {
    expect(parseRoleAnswer('1')).toEqual({ ok: true, value: 'creator' });
    expect(parseRoleAnswer(' 2 ')).toEqual({ ok: true, value: 'mcn_lead' });
    expect(parseRoleAnswer('Trưởng MCN')).toEqual({ ok: true, value: 'mcn_lead' });
    expect(parseRoleAnswer('Nhà sáng tạo')).toEqual({ ok: true, value: 'creator' });
    expect(parseRoleAnswer('3')).toEqual({ ok: false, reason: 'role_unknown' });
    expect(parseRoleAnswer('official')).toEqual({ ok: false, reason: 'role_unknown' });
  });
  it('takes only an explicit agreement as consent', () => {
    for (const a of ['đồng ý', 'Đồng Ý', 'dong y', 'Đồng ý.', 'I agree', 'agree', 'Tôi đồng ý', 'toi dong y']) expect(consentAnswer(a)).toBe('agree');
    for (const a of ['không đồng ý', 'khong', 'từ chối', 'I do not agree', 'no']) expect(consentAnswer(a)).toBe('refuse');
    for (const a of ['ok', 'ừ', 'có', 'yes', '', 'đồng ý một phần', '👍']) expect(consentAnswer(a)).toBe('unclear');
  });
  it('confirms only with the words', () => {
    expect(isConfirm('Xác nhận')).toBe(true);
    expect(isConfirm('xac nhan')).toBe(true);
    expect(isConfirm('ok')).toBe(false);
    expect(isConfirmDelete('Xác nhận xoá')).toBe(true);
    expect(isConfirmDelete('xác nhận xóa')).toBe(true);
    expect(isConfirmDelete('xác nhận')).toBe(false);
  });
});

describe('MCN names', () => {
  it('folds case, diacritics, company words and spaces', () => {
    expect(mcnNameKey('Công ty TNHH Yeah1 Network')).toBe('yeah1network');
    expect(mcnNameKey('YEAH 1 network')).toBe('yeah1network');
    expect(mcnNameKey('CÔNG TY CỔ PHẦN Sao Việt')).toBe('saoviet');
    expect(mcnNameKey('Cty TNHH MTV Đất Việt')).toBe('datviet');
    expect(mcnNameKey('Công ty')).toBe('congty'); // nothing but company words: keep them
  });
  it('validates the name and understands "không"', () => {
    expect(parseMcnName('  Yeah1 ')).toEqual({ ok: true, value: 'Yeah1' });
    expect(parseMcnName('Y')).toEqual({ ok: false, reason: 'mcn_length' });
    expect(isNoMcn('Không')).toBe(true);
    expect(isNoMcn('độc lập')).toBe(true);
    expect(isNoMcn('Yeah1')).toBe(false);
  });
  it('picks a free short code', () => {
    expect(pickMcnCode('yeah1network', new Set())).toBe('YEAH1N');
    expect(pickMcnCode('yeah1network', new Set(['YEAH1N', 'YEAH1N2']))).toBe('YEAH1N3');
    expect(pickMcnCode('a', new Set())).toBe('MCNA');
  });
  it('suggests the closest names', () => {
    const list = [
      { nameKey: 'yeah1network', name: 'Yeah1' },
      { nameKey: 'saoviet', name: 'Sao Việt' },
      { nameKey: 'metub', name: 'METUB' },
    ];
    expect(closestMcns('Yeah2 Netwrk', list).map((m) => m.name)).toEqual(['Yeah1']);
    expect(closestMcns('sao', list).map((m) => m.name)).toEqual(['Sao Việt']);
    expect(closestMcns('zzzzzzzz', list)).toEqual([]);
  });
});

describe('channel links', () => {
  it('accepts one or more links, normalised', () => {
    expect(parseChannelLinks('https://www.tiktok.com/@a?utm_source=x và youtube.com/@b')).toEqual({
      ok: true,
      value: ['https://tiktok.com/@a', 'https://youtube.com/@b'],
    });
    expect(parseChannelLinks('', ['https://facebook.com/c'])).toEqual({ ok: true, value: ['https://facebook.com/c'] });
  });
  it('explains what is wrong', () => {
    expect(parseChannelLinks('kênh của tôi')).toEqual({ ok: false, reason: 'links_none' });
    expect(parseChannelLinks('ftp://tiktok.com/@a')).toMatchObject({ ok: false, reason: 'links_rejected', rejected: ['ftp://tiktok.com/@a'] });
  });
});

describe('/capquyen arguments', () => {
  it('reads a member number or a phone, a role and an optional MCN code', () => {
    expect(parseGrantArgs('12 official')).toEqual({ ok: true, value: { target: { memberId: 12 }, role: 'official' } });
    expect(parseGrantArgs('#12 mcn_lead yeah1n')).toEqual({ ok: true, value: { target: { memberId: 12 }, role: 'mcn_lead', mcnCode: 'YEAH1N' } });
    expect(parseGrantArgs('0912345678 cán bộ')).toEqual({ ok: true, value: { target: { phone: '+84912345678' }, role: 'official' } });
    expect(parseGrantArgs('12 trưởng MCN ABC')).toEqual({ ok: true, value: { target: { memberId: 12 }, role: 'mcn_lead', mcnCode: 'ABC' } });
  });
  it('refuses anything else', () => {
    for (const a of ['', '12', 'abc official', '12 admin', '12 official X Y']) expect(parseGrantArgs(a)).toEqual({ ok: false, reason: 'usage' });
  });
});

describe('small helpers', () => {
  it('languages', () => {
    expect(parseLangArg('EN')).toBe('en');
    expect(parseLangArg('tiếng Việt')).toBe('vi');
    expect(parseLangArg('fr')).toBeNull();
  });
  it('link codes: six digits, hashed', async () => {
    for (let i = 0; i < 50; i++) expect(randomLinkCode()).toMatch(/^\d{6}$/);
    const hash = await hashLinkCode('123456');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(await hashLinkCode('123456'));
    expect(hash).not.toBe(await hashLinkCode('123457'));
  });
  it('the next registration question skips what is answered (prefill) and what officials are not asked', () => {
    expect(nextStep({})).toBe('name');
    expect(nextStep({ name: 'Nguyễn Văn A', phone: '+84912345678' })).toBe('role');
    expect(nextStep({ name: 'Nguyễn Văn A', role: 'creator', mcn: null, links: ['https://x.com/a'], phone: '+84912345678' })).toBe('consent');
    expect(nextStep({ name: 'Nguyễn Văn A', role: 'official', phone: null })).toBe('consent');
    expect(nextStep({ name: 'Nguyễn Văn A', role: 'official', phone: null, consentAt: 1 })).toBe('confirm');
  });
});
