// URL extraction from realistic Vietnamese report messages, plus the parseReportedLinks pipeline and hashtags.
import { describe, expect, it } from 'vitest';
import { extractUrls } from '../../../../src/core/links/extract-urls';
import { extractHashtags } from '../../../../src/core/links/hashtags';
import { classifyPlatform, outletName, parseReportedLinks } from '../../../../src/core/links';

const raws = (text: string, extra?: string[]): string[] => extractUrls(text, extra).map((u) => u.raw);

describe('extractUrls', () => {
  it('finds a TikTok short link followed by a hashtag', () => {
    expect(raws('Video dự thi của mình nè https://vt.tiktok.com/ZSk7aPq3R/ #MyHoChiMinh')).toEqual(['https://vt.tiktok.com/ZSk7aPq3R/']);
  });

  it('handles a /baocao command prefix', () => {
    expect(raws('/baocao https://www.facebook.com/reel/1122334455667788')).toEqual(['https://www.facebook.com/reel/1122334455667788']);
    expect(raws('/baocao@LoaBot youtu.be/dQw4w9WgXcQ')).toEqual(['youtu.be/dQw4w9WgXcQ']);
  });

  it('finds bare domains without scheme', () => {
    expect(raws('Bài của em: tiktok.com/@a/video/1 và youtu.be/abc, còn đây fb.watch/xyz. Cả vt.tiktok.com/ZSk7aPq3R/ nữa')).toEqual([
      'tiktok.com/@a/video/1',
      'youtu.be/abc',
      'fb.watch/xyz',
      'vt.tiktok.com/ZSk7aPq3R/',
    ]);
  });

  it('splits links separated by newlines and commas, in order', () => {
    const text = [
      'Báo cáo tuần 3:',
      'https://www.tiktok.com/@sovhtt.hcm/video/7345678901234567890?is_from_webapp=1&sender_device=pc,https://youtu.be/dQw4w9WgXcQ?si=abc',
      'https://www.instagram.com/reel/C9zYxWvUtS1/, https://x.com/SoVHTT_HCM/status/1789012345678901234',
    ].join('\n');
    expect(raws(text)).toEqual([
      'https://www.tiktok.com/@sovhtt.hcm/video/7345678901234567890?is_from_webapp=1&sender_device=pc',
      'https://youtu.be/dQw4w9WgXcQ?si=abc',
      'https://www.instagram.com/reel/C9zYxWvUtS1/',
      'https://x.com/SoVHTT_HCM/status/1789012345678901234',
    ]);
  });

  it('keeps parentheses, trailing punctuation and Vietnamese text out of the URL', () => {
    expect(raws('Đã đăng (https://www.facebook.com/reel/1122334455667788), cảm ơn ạ.')).toEqual(['https://www.facebook.com/reel/1122334455667788']);
    expect(raws('Link: (tiktok.com/@a/video/1)')).toEqual(['tiktok.com/@a/video/1']);
    expect(raws('Xem tại https://tuoitre.vn/le-hoi-123.htm. Rất hay!')).toEqual(['https://tuoitre.vn/le-hoi-123.htm']);
    expect(raws('Bài báo “https://tuoitre.vn/le-hoi-123.htm” nhé…')).toEqual(['https://tuoitre.vn/le-hoi-123.htm']);
    expect(raws('https://tuoitre.vn/le-hoi-123.htm… đọc thêm')).toEqual(['https://tuoitre.vn/le-hoi-123.htm']);
    expect(raws('Trang wiki https://vi.wikipedia.org/wiki/Hồ_Chí_Minh_(thành_phố).')).toEqual(['https://vi.wikipedia.org/wiki/Hồ_Chí_Minh_(thành_phố)']);
  });

  it('does not let emoji or zero-width characters leak into the URL', () => {
    expect(raws('https://vt.tiktok.com/ZSk7aPq3R/🔥🔥 hay quá')).toEqual(['https://vt.tiktok.com/ZSk7aPq3R/']);
    expect(raws('xem nè👉https://vt.tiktok.com/ZSk7aPq3R/👍🏻')).toEqual(['https://vt.tiktok.com/ZSk7aPq3R/']);
    expect(raws('https://tuoitre.vn/le-hoi-123.htm.🎉')).toEqual(['https://tuoitre.vn/le-hoi-123.htm']);
    expect(raws('https://tuoitre.vn/le-hoi-123.htm\u200Bnhé')).toEqual(['https://tuoitre.vn/le-hoi-123.htm']);
  });

  it('returns nothing for text without links', () => {
    expect(extractUrls('Dạ em gửi báo cáo sau nha, cảm ơn Sở VH.TT và TP.HCM ạ! Phiên bản 1.2.3')).toEqual([]);
    expect(extractUrls('')).toEqual([]);
  });

  it('does not treat email addresses as post links', () => {
    expect(raws('Liên hệ a@b.com hoặc mailto:lienhe@sovhtt.vn, còn link là tiktok.com/@a/video/1')).toEqual(['tiktok.com/@a/video/1']);
  });

  it('dedupes literally identical matches only, counting occurrences', () => {
    const got = extractUrls('youtu.be/dQw4w9WgXcQ lại youtu.be/dQw4w9WgXcQ và https://youtu.be/dQw4w9WgXcQ');
    expect(got.map((u) => [u.raw, u.occurrences])).toEqual([
      ['youtu.be/dQw4w9WgXcQ', 2],
      ['https://youtu.be/dQw4w9WgXcQ', 1],
    ]);
    expect(got[0]?.index).toBe(0);
  });

  it('appends attachment URLs after the text ones unless already present', () => {
    const got = extractUrls('Bài mới https://zalo.me/1234567890', ['https://zalo.me/1234567890', ' https://tuoitre.vn/a.htm ', '']);
    expect(got).toEqual([
      { raw: 'https://zalo.me/1234567890', source: 'text', index: 8, occurrences: 1 },
      { raw: 'https://tuoitre.vn/a.htm', source: 'attachment', index: 1, occurrences: 1 },
    ]);
  });

  it('handles a message with 50 links', () => {
    const links = Array.from({ length: 50 }, (_, i) => `https://www.tiktok.com/@creator${i}/video/73456789012345${String(i).padStart(5, '0')}`);
    const text = `Tổng hợp 50 clip:\n${links.map((l, i) => `${i + 1}. ${l}`).join('\n')}`;
    expect(raws(text)).toEqual(links);
  });

  it('keeps non-web schemes for the normaliser to reject', () => {
    expect(raws('ftp://files.example.com/a.mp4 http://127.0.0.1/x')).toEqual(['ftp://files.example.com/a.mp4', 'http://127.0.0.1/x']);
  });
});

describe('parseReportedLinks', () => {
  it('dedupes by canonical url, first occurrence wins, and counts duplicates', () => {
    const text = [
      '/baocao',
      'youtu.be/dQw4w9WgXcQ?si=a',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share',
      'youtu.be/dQw4w9WgXcQ?si=a',
      'https://vt.tiktok.com/ZSk7aPq3R/',
      'http://localhost:3000/x',
    ].join('\n');
    const got = parseReportedLinks(text, ['https://vt.tiktok.com/ZSk7aPq3R']);
    expect(got.accepted.map((l) => [l.raw, l.url, l.platform, l.short])).toEqual([
      ['youtu.be/dQw4w9WgXcQ?si=a', 'https://youtube.com/watch?v=dQw4w9WgXcQ', 'youtube', false],
      ['https://vt.tiktok.com/ZSk7aPq3R/', 'https://vt.tiktok.com/ZSk7aPq3R', 'tiktok', true],
    ]);
    expect(got.rejected).toEqual([{ ok: false, raw: 'http://localhost:3000/x', reason: 'ip_or_localhost' }]);
    // One literal repeat + one other form of the same video; the attachment echo is not counted.
    expect(got.duplicatesInMessage).toBe(2);
  });

  it('returns empty results for a message without links', () => {
    expect(parseReportedLinks('Em chào Sở ạ')).toEqual({ accepted: [], rejected: [], duplicatesInMessage: 0, leftOut: 0 });
  });
});

describe('classifyPlatform / outletName', () => {
  it.each([
    ['vt.tiktok.com', 'tiktok'],
    ['www.facebook.com', 'facebook'],
    ['fb.watch', 'facebook'],
    ['youtu.be', 'youtube'],
    ['instagram.com', 'instagram'],
    ['oa.zalo.me', 'zalo'],
    ['threads.net', 'threads'],
    ['twitter.com', 'x'],
    ['e.vnexpress.net', 'news'],
    ['SGGP.ORG.VN', 'news'],
    ['hochiminhcity.gov.vn', 'other'],
    ['notvnexpress.net', 'other'],
  ] as const)('%s → %s', (host, platform) => {
    expect(classifyPlatform(host)).toBe(platform);
  });

  it('maps press hosts and their subdomains to display names, otherwise the host', () => {
    expect(outletName('sggp.org.vn')).toBe('Sài Gòn Giải Phóng');
    expect(outletName('www.tuoitre.vn')).toBe('Tuổi Trẻ');
    expect(outletName('e.vnexpress.net')).toBe('VnExpress');
    expect(outletName('m.thanhnien.vn')).toBe('Thanh Niên');
    expect(outletName('NLD.COM.VN')).toBe('Người Lao Động');
    expect(outletName('www.example.com')).toBe('example.com');
  });
});

describe('extractHashtags', () => {
  it('returns hashtags as written (NFC), in order, exact duplicates removed', () => {
    const decomposed = '#MyHồChíMinh'.normalize('NFD');
    expect(extractHashtags(`Video dự thi #MyHồChíMinh #myhochiminh, ${decomposed} #Lễ_hội_2025 #2025 #MyHồChíMinh`)).toEqual([
      '#MyHồChíMinh',
      '#myhochiminh',
      '#Lễ_hội_2025',
    ]);
  });

  it('ignores URL fragments and in-word #', () => {
    expect(extractHashtags('https://tuoitre.vn/a.htm#comment https://a.vn/#/route https://a.vn/x?y=#z C#')).toEqual([]);
  });
});
