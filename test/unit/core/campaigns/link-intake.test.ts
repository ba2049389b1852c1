// Extraction at report scale: many links per message, emails never taken for links (linkify-it's
// fuzzyEmail is off for speed, so emails are recognised by extractUrls itself).
import { describe, expect, it } from 'vitest';
import { extractUrls, parseReportedLinks } from '../../../../src/core/links';

describe('link intake at scale', () => {
  it('finds every one of 200 links in one message, in order (with the limit raised)', () => {
    const links = Array.from({ length: 200 }, (_, i) => `https://www.tiktok.com/@kenh${i}/video/73${String(i).padStart(17, '0')}?_r=1`);
    const text = `#MyHoChiMinh liên hệ kenh@gmail.com\n${links.join('\n')}`;
    const got = parseReportedLinks(text, [], 200);
    expect(got.accepted).toHaveLength(200);
    expect(got.accepted[199]!.url).toBe(`https://tiktok.com/@kenh199/video/73${String(199).padStart(17, '0')}`);
    expect(got.rejected).toEqual([]);
    // The default: the first 50, the rest counted.
    const limited = parseReportedLinks(text);
    expect(limited.accepted.map((l) => l.url)).toEqual(got.accepted.slice(0, 50).map((l) => l.url));
    expect(limited.leftOut).toBe(150);
  });

  it('does not report email addresses, with or without mailto:', () => {
    expect(extractUrls('Gửi lienhe.so@vhtt.hochiminhcity.gov.vn hoặc mailto:a@b.vn; link: tiktok.com/@a/video/1').map((e) => e.raw)).toEqual([
      'tiktok.com/@a/video/1',
    ]);
    expect(extractUrls('user:pass@example.vn/x').map((e) => e.raw)).toEqual([]);
    expect(extractUrls('https://user@example.vn/x').map((e) => e.raw)).toEqual(['https://user@example.vn/x']);
  });
});
