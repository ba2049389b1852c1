// Table-driven checks of URL canonicalisation: real-shaped share links from every platform, and rejects.
import { describe, expect, it } from 'vitest';
import { normaliseUrl } from '../../../../src/core/links/normalise-url';
import type { LinkPlatform } from '../../../../src/core/links/classify-platform';
import type { RejectedLink } from '../../../../src/core/links/normalise-url';

type Accept = { url: string; platform: LinkPlatform; short: boolean; contentId?: string };
type Reject = { reason: RejectedLink['reason'] };
type Row = [raw: string, want: Accept | Reject];

const ok = (url: string, platform: LinkPlatform, short = false, contentId?: string): Accept => ({ url, platform, short, contentId });
const no = (reason: RejectedLink['reason']): Reject => ({ reason });

const TT = '7345678901234567890';
const YT = 'dQw4w9WgXcQ';

const rows: Row[] = [
  // --- TikTok ---
  [`https://www.tiktok.com/@sovhtt.hcm/video/${TT}?is_from_webapp=1&sender_device=pc`, ok(`https://tiktok.com/@sovhtt.hcm/video/${TT}`, 'tiktok', false, TT)],
  [`https://www.tiktok.com/@sovhtt.hcm/video/${TT}?_r=1&_t=8kQ2x7YzAbc`, ok(`https://tiktok.com/@sovhtt.hcm/video/${TT}`, 'tiktok', false, TT)],
  [`https://www.tiktok.com/@sovhtt.hcm/video/${TT}?is_from_webapp=1&sender_device=pc&web_id=7301234567890123456`, ok(`https://tiktok.com/@sovhtt.hcm/video/${TT}`, 'tiktok', false, TT)],
  [`https://m.tiktok.com/@sovhtt.hcm/video/${TT}/`, ok(`https://tiktok.com/@sovhtt.hcm/video/${TT}`, 'tiktok', false, TT)],
  [`tiktok.com/@sovhtt.hcm/video/${TT}`, ok(`https://tiktok.com/@sovhtt.hcm/video/${TT}`, 'tiktok', false, TT)],
  [`https://www.tiktok.com/@my_hcm/photo/${TT}?lang=vi-VN`, ok(`https://tiktok.com/@my_hcm/photo/${TT}`, 'tiktok', false, TT)],
  [`https://www.tiktok.com/embed/v2/${TT}`, ok(`https://tiktok.com/@_/video/${TT}`, 'tiktok', false, TT)],
  [`https://m.tiktok.com/v/${TT}.html?u_code=abc&preview_pb=0`, ok(`https://tiktok.com/@_/video/${TT}`, 'tiktok', false, TT)],
  ['https://vt.tiktok.com/ZSk7aPq3R/', ok('https://vt.tiktok.com/ZSk7aPq3R', 'tiktok', true)],
  ['vt.tiktok.com/ZSk7aPq3R/', ok('https://vt.tiktok.com/ZSk7aPq3R', 'tiktok', true)],
  ['https://vm.tiktok.com/ZMhvqR8Ye/?_r=1', ok('https://vm.tiktok.com/ZMhvqR8Ye', 'tiktok', true)],
  ['https://www.tiktok.com/t/ZT8abcDEF/', ok('https://tiktok.com/t/ZT8abcDEF', 'tiktok', true)],
  ['https://www.tiktok.com/@sovhtt.hcm?lang=vi-VN&is_from_webapp=1', ok('https://tiktok.com/@sovhtt.hcm', 'tiktok')],
  ['https://www.tiktok.com/tag/myhochiminh', ok('https://tiktok.com/tag/myhochiminh', 'tiktok')],

  // --- Facebook ---
  ['https://www.facebook.com/SoVHTTTPHCM/posts/pfbid02xYzAbCdEf123?__cft__[0]=AZV1x&__tn__=%2CO%2CP-R', ok('https://facebook.com/SoVHTTTPHCM/posts/pfbid02xYzAbCdEf123', 'facebook', false, 'pfbid02xYzAbCdEf123')],
  ['https://m.facebook.com/SoVHTTTPHCM/posts/1234567890123456/?mibextid=Nif5oz', ok('https://facebook.com/SoVHTTTPHCM/posts/1234567890123456', 'facebook', false, '1234567890123456')],
  ['https://www.facebook.com/SoVHTTTPHCM/videos/987654321098765/?rdid=abc&share_url=x', ok('https://facebook.com/SoVHTTTPHCM/videos/987654321098765', 'facebook', false, '987654321098765')],
  ['https://www.facebook.com/watch/?v=987654321098765&ref=sharing', ok('https://facebook.com/watch?v=987654321098765', 'facebook', false, '987654321098765')],
  ['https://fb.com/watch?v=987654321098765&extid=CL-UNK', ok('https://facebook.com/watch?v=987654321098765', 'facebook', false, '987654321098765')],
  ['https://www.facebook.com/reel/1122334455667788?fs=e&s=TIeQ9V&mibextid=wwXIfr', ok('https://facebook.com/reel/1122334455667788', 'facebook', false, '1122334455667788')],
  ['https://m.facebook.com/story.php?story_fbid=pfbid0abc&id=100064&mibextid=Nif5oz', ok('https://facebook.com/story.php?id=100064&story_fbid=pfbid0abc', 'facebook', false, 'pfbid0abc')],
  ['https://www.facebook.com/permalink.php?story_fbid=111&id=222&paipv=0&eav=AfZ', ok('https://facebook.com/permalink.php?id=222&story_fbid=111', 'facebook', false, '111')],
  ['https://www.facebook.com/photo/?fbid=333444555&set=a.111222', ok('https://facebook.com/photo?fbid=333444555&set=a.111222', 'facebook', false, '333444555')],
  ['https://www.facebook.com/groups/myhochiminh/posts/445566778899/?__cft__[0]=x', ok('https://facebook.com/groups/myhochiminh/posts/445566778899', 'facebook', false, '445566778899')],
  ['https://www.facebook.com/share/p/1AbCdEfGh2/?mibextid=WC7FNe', ok('https://facebook.com/share/p/1AbCdEfGh2', 'facebook', true)],
  ['https://www.facebook.com/share/v/15XyZaBcD/', ok('https://facebook.com/share/v/15XyZaBcD', 'facebook', true)],
  ['https://www.facebook.com/share/r/1Dk9qWeRt/?mibextid=rS40aB7S9Ucbxw6v', ok('https://facebook.com/share/r/1Dk9qWeRt', 'facebook', true)],
  ['https://fb.watch/qR3sT_uVw/?mibextid=Nif5oz', ok('https://fb.watch/qR3sT_uVw', 'facebook', true)],
  ['fb.watch/xyz12AB/', ok('https://fb.watch/xyz12AB', 'facebook', true)],
  ['https://web.facebook.com/SoVHTTTPHCM?_rdc=1&_rdr', ok('https://facebook.com/SoVHTTTPHCM', 'facebook')],
  ['https://www.facebook.com/profile.php?id=100012345678901&mibextid=ZbWKwL', ok('https://facebook.com/profile.php?id=100012345678901', 'facebook')],
  ['https://l.facebook.com/l.php?u=https%3A%2F%2Ftuoitre.vn%2Fbai-viet-20250101.htm%3Ffbclid%3DIwAR0&h=AT0x', ok('https://tuoitre.vn/bai-viet-20250101.htm', 'news')],

  // --- YouTube ---
  [`https://www.youtube.com/watch?v=${YT}`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://youtube.com/watch?v=${YT}&feature=share`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://www.youtube.com/watch?v=${YT}&t=42s&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&index=3`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://m.youtube.com/watch?app=desktop&v=${YT}&ab_channel=SoVHTT`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://youtu.be/${YT}?si=Ab3dEfGh1jKlMnOp`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://youtu.be/${YT}?t=42`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`youtu.be/${YT}`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://youtube.com/shorts/${YT}?si=Ab3dEfGh1jKlMnOp`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://www.youtube.com/shorts/${YT}?feature=share`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://www.youtube.com/live/${YT}?si=x1&t=120`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://www.youtube.com/embed/${YT}?autoplay=1`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://www.youtube-nocookie.com/embed/${YT}`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  [`https://music.youtube.com/watch?v=${YT}&list=RDAMVM${YT}`, ok(`https://youtube.com/watch?v=${YT}`, 'youtube', false, YT)],
  ['https://www.youtube.com/@SoVHTTTPHCM/videos?feature=shared', ok('https://youtube.com/@SoVHTTTPHCM/videos', 'youtube')],
  ['https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&si=abc', ok('https://youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG', 'youtube', false, 'PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG')],

  // --- Instagram ---
  ['https://www.instagram.com/p/C1a2B3c4D5e/?igshid=MzRlODBiNWFlZA==', ok('https://instagram.com/p/C1a2B3c4D5e', 'instagram', false, 'C1a2B3c4D5e')],
  ['https://www.instagram.com/p/C1a2B3c4D5e/?img_index=2&igsh=MWx0dGs', ok('https://instagram.com/p/C1a2B3c4D5e', 'instagram', false, 'C1a2B3c4D5e')],
  ['https://www.instagram.com/reel/C9zYxWvUtS1/?igsh=MTc4MmM1YmI2Ng==', ok('https://instagram.com/reel/C9zYxWvUtS1', 'instagram', false, 'C9zYxWvUtS1')],
  ['https://instagram.com/reels/C9zYxWvUtS1/', ok('https://instagram.com/reel/C9zYxWvUtS1', 'instagram', false, 'C9zYxWvUtS1')],
  ['https://www.instagram.com/tv/CAbCdEfGhIj/', ok('https://instagram.com/p/CAbCdEfGhIj', 'instagram', false, 'CAbCdEfGhIj')],
  ['https://www.instagram.com/myhochiminh/p/C1a2B3c4D5e/?hl=vi', ok('https://instagram.com/p/C1a2B3c4D5e', 'instagram', false, 'C1a2B3c4D5e')],

  // --- Threads ---
  ['https://www.threads.net/@sovhtt.hcm/post/C8aBcDeFgHi?xmt=AQGz&slof=1', ok('https://threads.com/@sovhtt.hcm/post/C8aBcDeFgHi', 'threads', false, 'C8aBcDeFgHi')],
  ['https://www.threads.com/@sovhtt.hcm/post/C8aBcDeFgHi?igshid=NTc4MTIwNjQ2YQ==', ok('https://threads.com/@sovhtt.hcm/post/C8aBcDeFgHi', 'threads', false, 'C8aBcDeFgHi')],

  // --- X / Twitter ---
  ['https://twitter.com/SoVHTT_HCM/status/1789012345678901234?s=20&t=AbCdEfGhIjKlMn', ok('https://x.com/SoVHTT_HCM/status/1789012345678901234', 'x', false, '1789012345678901234')],
  ['https://x.com/SoVHTT_HCM/status/1789012345678901234?s=46', ok('https://x.com/SoVHTT_HCM/status/1789012345678901234', 'x', false, '1789012345678901234')],
  ['https://mobile.twitter.com/SoVHTT_HCM/status/1789012345678901234/photo/1', ok('https://x.com/SoVHTT_HCM/status/1789012345678901234', 'x', false, '1789012345678901234')],
  ['https://x.com/i/web/status/1789012345678901234', ok('https://x.com/i/status/1789012345678901234', 'x', false, '1789012345678901234')],
  ['https://x.com/SoVHTT_HCM?s=21&t=abc', ok('https://x.com/SoVHTT_HCM', 'x')],

  // --- Zalo ---
  ['https://zalo.me/1234567890123456789?zarsrc=30&utm_source=zalo&utm_medium=zalo&utm_campaign=zalo', ok('https://zalo.me/1234567890123456789', 'zalo')],
  ['https://oa.zalo.me/home?zl_source=share', ok('https://oa.zalo.me/home', 'zalo')],
  ['https://zalo.me/g/abcdef123', ok('https://zalo.me/g/abcdef123', 'zalo')],
  ['https://id.zaloapp.com/account?continue=https%3A%2F%2Fchat.zalo.me', ok('https://id.zaloapp.com/account?continue=https%3A%2F%2Fchat.zalo.me', 'zalo')],

  // --- Vietnamese press ---
  ['https://www.sggp.org.vn/tphcm-khai-mac-le-hoi-post778899.html?utm_source=facebook&utm_medium=social&fbclid=IwAR1x', ok('https://sggp.org.vn/tphcm-khai-mac-le-hoi-post778899.html', 'news')],
  ['https://tuoitre.vn/le-hoi-ao-dai-tphcm-2025-20250301101010123.htm?gidzl=abc123', ok('https://tuoitre.vn/le-hoi-ao-dai-tphcm-2025-20250301101010123.htm', 'news')],
  ['https://vnexpress.net/tp-hcm-to-chuc-le-hoi-4791234.html#box_comment_vne', ok('https://vnexpress.net/tp-hcm-to-chuc-le-hoi-4791234.html', 'news')],
  ['https://e.vnexpress.net/news/life/culture-4791235.html', ok('https://e.vnexpress.net/news/life/culture-4791235.html', 'news')],
  ['https://m.thanhnien.vn/van-hoa/le-hoi-185250301.htm', ok('https://thanhnien.vn/van-hoa/le-hoi-185250301.htm', 'news')],
  ['https://nld.com.vn/van-hoa-van-nghe/abc-196250301.htm?utm_campaign=zalo&zarsrc=1', ok('https://nld.com.vn/van-hoa-van-nghe/abc-196250301.htm', 'news')],
  ['HTTPS://PLO.VN/Van-Hoa/bai-viet-post812345.html', ok('https://plo.vn/Van-Hoa/bai-viet-post812345.html', 'news')],
  ['http://hcmcpv.org.vn/tin-tuc/le-hoi-1491912345', ok('https://hcmcpv.org.vn/tin-tuc/le-hoi-1491912345', 'news')],
  ['dantri.com.vn/van-hoa/le-hoi-20250301.htm', ok('https://dantri.com.vn/van-hoa/le-hoi-20250301.htm', 'news')],
  ['https://znews.vn/le-hoi-post1512345.html?b=2&a=1', ok('https://znews.vn/le-hoi-post1512345.html?a=1&b=2', 'news')],

  // --- Other / generic ---
  ['https://bit.ly/3AbCdEf?utm_source=x', ok('https://bit.ly/3AbCdEf', 'other', true)],
  ['https://svhtt.hochiminhcity.gov.vn/tin-tuc/le-hoi?ref=home', ok('https://svhtt.hochiminhcity.gov.vn/tin-tuc/le-hoi', 'other')],
  ['example.com:8080/bai-viet/', ok('https://example.com:8080/bai-viet', 'other')],
  ['https://www.Example.COM:443/', ok('https://example.com/', 'other')],
  ['https://example.com/a/b/?q=%C3%A1o+d%C3%A0i&utm_term=x', ok('https://example.com/a/b?q=%C3%A1o+d%C3%A0i', 'other')],
  ['https://vi.wikipedia.org/wiki/Hồ_Chí_Minh', ok('https://vi.wikipedia.org/wiki/H%E1%BB%93_Ch%C3%AD_Minh', 'other')],
  ['https://m.me/sovhtt', ok('https://m.me/sovhtt', 'other')],
  ['  https://tuoitre.vn/abc.htm  ', ok('https://tuoitre.vn/abc.htm', 'news')],

  // --- Rejected ---
  ['ftp://files.example.com/video.mp4', no('unsupported_scheme')],
  ['javascript:alert(1)', no('unsupported_scheme')],
  ['mailto:lienhe@sovhtt.hochiminhcity.gov.vn', no('unsupported_scheme')],
  ['tel:0901234567', no('unsupported_scheme')],
  ['http://127.0.0.1/x', no('ip_or_localhost')],
  ['http://192.168.1.10:8080/admin', no('ip_or_localhost')],
  ['http://[::1]/', no('ip_or_localhost')],
  ['http://localhost:3000', no('ip_or_localhost')],
  ['localhost:3000/bao-cao', no('ip_or_localhost')],
  ['https://api.localhost/x', no('ip_or_localhost')],
  [`https://tuoitre.vn/${'a'.repeat(2100)}`, no('too_long')],
  ['https://intranet/x', no('invalid')],
  ['https://exa mple.com/', no('invalid')],
  ['', no('invalid')],
];

function label(raw: string): string {
  return raw.length > 90 ? `${raw.slice(0, 80)}… (${raw.length} chars)` : JSON.stringify(raw);
}

describe('normaliseUrl', () => {
  it('has a realistic table of at least 70 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(70);
  });

  it.each(rows.map(([raw, want]) => [label(raw), raw, want] as const))('%s', (_label, raw, want) => {
    const got = normaliseUrl(raw);
    expect(got.raw).toBe(raw);
    if ('reason' in want) {
      expect(got).toEqual({ ok: false, raw, reason: want.reason });
      return;
    }
    if (!got.ok) throw new Error(`rejected: ${got.reason}`);
    expect(got.url).toBe(want.url);
    expect(got.platform).toBe(want.platform);
    expect(got.short).toBe(want.short);
    expect(got.host).toBe(new URL(want.url).hostname);
    if (want.contentId !== undefined) expect(got.contentId).toBe(want.contentId);
    // Canonical output is a fixed point.
    const again = normaliseUrl(got.url);
    expect(again.ok && again.url).toBe(got.url);
  });
});

describe('same post, different share forms → one canonical url', () => {
  const groups: Array<[name: string, variants: string[]]> = [
    [
      'TikTok video with tracking params and www./m./bare forms',
      [
        `https://www.tiktok.com/@sovhtt.hcm/video/${TT}?is_from_webapp=1&sender_device=pc`,
        `https://www.tiktok.com/@sovhtt.hcm/video/${TT}?_r=1&_t=8kQ2x7YzAbc`,
        `https://m.tiktok.com/@sovhtt.hcm/video/${TT}/?lang=vi`,
        `tiktok.com/@sovhtt.hcm/video/${TT}#comments`,
      ],
    ],
    [
      'YouTube watch / youtu.be / shorts / live / embed / m. / music.',
      [
        `https://www.youtube.com/watch?v=${YT}&feature=share`,
        `https://youtu.be/${YT}?si=Ab3dEfGh1jKlMnOp`,
        `youtu.be/${YT}?t=42`,
        `https://m.youtube.com/shorts/${YT}`,
        `https://www.youtube.com/live/${YT}?si=q`,
        `https://www.youtube.com/embed/${YT}`,
        `https://music.youtube.com/watch?v=${YT}&si=z`,
      ],
    ],
    [
      'Facebook video watch link via www./m./fb.com',
      [
        'https://www.facebook.com/watch/?v=987654321098765&ref=sharing',
        'https://m.facebook.com/watch?v=987654321098765&mibextid=Nif5oz',
        'https://fb.com/watch?v=987654321098765',
        'https://www.m.facebook.com/watch/?v=987654321098765#x',
      ],
    ],
    [
      'Facebook post via www./m./web. with __cft__ and __tn__',
      [
        'https://www.facebook.com/SoVHTTTPHCM/posts/pfbid02xYz?__cft__[0]=AZV&__tn__=%2CO%2CP-R',
        'https://m.facebook.com/SoVHTTTPHCM/posts/pfbid02xYz/?mibextid=Nif5oz',
        'https://web.facebook.com/SoVHTTTPHCM/posts/pfbid02xYz?_rdc=1&_rdr',
      ],
    ],
    [
      'Instagram reel via reels/ and igsh',
      ['https://www.instagram.com/reel/C9zYxWvUtS1/?igsh=MTc4', 'https://instagram.com/reels/C9zYxWvUtS1', 'https://www.instagram.com/reel/C9zYxWvUtS1?igshid=abc'],
    ],
    [
      'X status via twitter.com / mobile.twitter.com / x.com with s and t',
      [
        'https://twitter.com/SoVHTT_HCM/status/1789012345678901234?s=20&t=AbC',
        'https://mobile.twitter.com/SoVHTT_HCM/status/1789012345678901234',
        'https://x.com/SoVHTT_HCM/status/1789012345678901234?s=46',
      ],
    ],
    ['Threads via threads.net and threads.com', ['https://www.threads.net/@a.b/post/C8aBc?xmt=1', 'https://threads.com/@a.b/post/C8aBc/']],
    [
      'Press article with utm params, fragment, www. and http://',
      [
        'https://www.sggp.org.vn/bai-viet-post778899.html?utm_source=facebook&utm_medium=social',
        'http://sggp.org.vn/bai-viet-post778899.html#comment',
        'sggp.org.vn/bai-viet-post778899.html?fbclid=IwAR1x&gidzl=q',
      ],
    ],
    ['TikTok short link with and without trailing slash / scheme', ['https://vt.tiktok.com/ZSk7aPq3R/', 'vt.tiktok.com/ZSk7aPq3R', 'HTTPS://VT.TIKTOK.COM/ZSk7aPq3R/?_r=1']],
  ];

  it.each(groups)('%s', (_name, variants) => {
    const urls = variants.map((v) => {
      const n = normaliseUrl(v);
      if (!n.ok) throw new Error(`${v} rejected: ${n.reason}`);
      return n.url;
    });
    expect(new Set(urls).size).toBe(1);
  });

  it('keeps the case of short codes (they are case-sensitive)', () => {
    const a = normaliseUrl('https://vt.tiktok.com/ZSk7aPq3R/');
    const b = normaliseUrl('https://vt.tiktok.com/zsk7apq3r/');
    expect(a.ok && b.ok && a.url !== b.url).toBe(true);
  });
});
