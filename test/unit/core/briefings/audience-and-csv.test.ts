import { describe, expect, it } from 'vitest';
import { countRecipients, describeAudience, isInAudience, splitAudiencePrefix } from '../../../../src/core/use-cases/announcement-audience';
import { formatWhen, timeLeft } from '../../../../src/core/use-cases/announcement-messages';
import { csvCell, toCsv } from '../../../../src/core/text/csv';
import { messagesFor } from '../../../../src/i18n';
import type { Recipient } from '../../../../db/queries/recipients';

const vi = messagesFor('vi');
const en = messagesFor('en');

describe('audience prefixes', () => {
  it('splits leading @ words from the text as typed', () => {
    expect(splitAudiencePrefix('@mcn:YEAH1 @creator  Xin chào\nDòng 2')).toEqual({ tokens: ['mcn:YEAH1', 'creator'], rest: 'Xin chào\nDòng 2' });
    expect(splitAudiencePrefix('Xin chào @creator')).toEqual({ tokens: [], rest: 'Xin chào @creator' });
    expect(splitAudiencePrefix('@creator')).toEqual({ tokens: ['creator'], rest: '' });
  });
  it('describes the audience in the reader language', () => {
    expect(describeAudience(vi, {})).toBe('tất cả thành viên');
    expect(describeAudience(vi, { roles: ['creator'], mcnId: 3, mcnCode: 'BXM', mcnName: 'Bé Xinh' })).toBe('nhà sáng tạo · thành viên của MCN Bé Xinh (BXM)');
    expect(describeAudience(en, { roles: ['mcn_lead'] })).toBe('MCN leads');
  });
  it('tells whether a member belongs to it (officials always do)', () => {
    expect(isInAudience({}, { role: 'creator', mcnId: null })).toBe(true);
    expect(isInAudience({ roles: ['mcn_lead'] }, { role: 'creator', mcnId: null })).toBe(false);
    expect(isInAudience({ mcnId: 2 }, { role: 'creator', mcnId: 2 })).toBe(true);
    expect(isInAudience({ mcnId: 2 }, { role: 'creator', mcnId: 3 })).toBe(false);
    expect(isInAudience({ mcnId: 2, roles: ['creator'] }, { role: 'official', mcnId: null })).toBe(true);
  });
  it('counts recipients per platform with the Zalo window and the Telegram private chat', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    const r = (memberId: number, platform: 'telegram' | 'zalo', daysAgo: number | null, privateChat = true): Recipient => ({
      memberId,
      identityId: memberId * 10 + (platform === 'zalo' ? 1 : 0),
      platform,
      chatId: String(memberId),
      lang: 'vi',
      role: 'creator',
      mcnId: null,
      lastInboundAt: daysAgo == null ? null : new Date(now.getTime() - daysAgo * 86_400_000),
      privateChatAt: privateChat ? now : null,
    });
    expect(countRecipients([r(1, 'telegram', null), r(4, 'telegram', 1, false), r(1, 'zalo', 1), r(2, 'zalo', 8), r(3, 'zalo', null)], now)).toEqual({
      members: 4,
      telegram: 2,
      telegramNoPrivateChat: 1,
      zalo: 3,
      zaloReachable: 1,
      zaloOutsideWindow: 2,
    });
  });
});

describe('dates in messages', () => {
  it('formats the start in the zone with the weekday', () => {
    const d = new Date('2026-11-25T07:00:00Z');
    expect(formatWhen(vi, d, 'Asia/Ho_Chi_Minh')).toBe('14:00, Thứ Tư 25/11/2026');
    expect(formatWhen(en, d, 'Asia/Ho_Chi_Minh')).toBe('14:00, Wednesday 25/11/2026');
    expect(formatWhen(vi, new Date('2026-11-21T17:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('00:30, Chủ nhật 22/11/2026');
  });
  it('says how long is left', () => {
    expect(timeLeft(vi, 24 * 3600_000)).toBe('24 giờ');
    expect(timeLeft(vi, 3600_000)).toBe('1 giờ');
    expect(timeLeft(vi, 59 * 60_000)).toBe('59 phút');
    expect(timeLeft(en, 3600_000)).toBe('1 hour');
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('Nguyễn An')).toBe('Nguyễn An');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+84901234567')).toBe("'+84901234567");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(null)).toBe('');
  });
  it('starts with a BOM and ends rows with CRLF', () => {
    expect(toCsv([['a', 'b'], ['c', 'd']])).toBe('\uFEFFa,b\r\nc,d\r\n');
  });
});
