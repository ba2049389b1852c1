// The export CSV: RFC 4180 quoting, formula-injection guard, BOM and bilingual header.
import { describe, expect, it } from 'vitest';
import { postCsvHeader, postCsvRow, POST_CSV_HEADER } from '../../../../src/core/features/campaigns/csv';
import { CSV_BOM, csvCell, csvLine } from '../../../../src/core/text/csv';
import type { PostView } from '../../../../db/queries/posts';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['Nguyễn Thị Ánh Tuyết', 'Nguyễn Thị Ánh Tuyết'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['cr\rlf', '"cr\rlf"'],
    ['=1+2', "'=1+2"],
    ['+84901234567', "'+84901234567"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['https://tiktok.com/@a/video/1', 'https://tiktok.com/@a/video/1'],
    ['', ''],
  ])('%j → %j', (input, want) => {
    expect(csvCell(input)).toBe(want);
  });

  it('writes numbers as they are (no quote) and null as empty', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('normalises decomposed Vietnamese to NFC', () => {
    expect(csvCell('Tuye\u0302\u0301t')).toBe('Tuyết');
  });
});

describe('post CSV', () => {
  it('starts with a BOM and a Vietnamese / English header, rows end with CRLF', () => {
    const header = postCsvHeader();
    expect(header.startsWith(CSV_BOM)).toBe(true);
    expect(header.endsWith('\r\n')).toBe(true);
    expect(header.slice(1, -2).split(',')).toEqual([...POST_CSV_HEADER]);
    expect(POST_CSV_HEADER[0]).toBe('Mã / ID');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('formats a post with local times, labels and a placeholder for a deleted reporter', () => {
    const p: PostView = {
      id: 7,
      campaignId: 1,
      campaignName: 'Mỹ Hồ Chí Minh',
      url: 'https://tiktok.com/@a/video/1',
      rawUrl: 'https://www.tiktok.com/@a/video/1?_r=1',
      host: 'tiktok.com',
      platform: 'tiktok',
      short: false,
      contentId: '1',
      memberId: 42,
      memberName: null,
      reporterPlatform: 'zalo',
      mcnId: null,
      mcnName: null,
      reportedAt: new Date('2026-11-21T17:30:00Z'),
      status: 'valid',
      reviewNote: null,
      reviewedAt: null,
    };
    expect(postCsvRow(p, 'Asia/Ho_Chi_Minh', '(đã xóa)')).toBe(
      '7,Mỹ Hồ Chí Minh,https://tiktok.com/@a/video/1,https://www.tiktok.com/@a/video/1?_r=1,TikTok,không / no,1,42,(đã xóa),,zalo,22/11/2026 00:30,Hợp lệ / Valid,,\r\n',
    );
  });
});
