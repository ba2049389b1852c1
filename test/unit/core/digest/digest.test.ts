// The digest's pure parts: the message as each platform renders it, link and title parsing,
// feed parsing, and the officials' summary text.
import { describe, expect, it } from 'vitest';
import { render as renderTelegram } from '../../../../bots/telegram/render';
import { renderZaloMessage } from '../../../../bots/zalo/render';
import { parseTelegramHtml } from '../../../fakes/telegram-api';
import { buildDigestMessage, formatCount, reasonCode, type DigestArticle } from '../../../../src/core/features/digest/message';
import { cleanTitle, parseArticleUrl } from '../../../../src/core/use-cases/add-article';
import { parseFeed } from '../../../../src/core/use-cases/fetch-feeds';
import { nextIsoDate, zaloWindowCutoff } from '../../../../src/core/use-cases/queue-digest';
import { isInsideZaloWindow } from '../../../../src/core/outbox/zalo-window';
import { digestSummaryText, digestTotals } from '../../../../src/core/use-cases/summarise-digests';
import { messagesFor } from '../../../../src/i18n';

const articles: DigestArticle[] = [
  { id: 1, title: 'Khai mạc <Lễ hội> Áo dài & ẩm thực', url: 'https://tuoitre.vn/a.htm?x=1&y=2', outlet: 'Tuổi Trẻ' },
  { id: 2, title: 'Giải chạy đêm', url: 'https://vnexpress.net/b.html', outlet: 'VnExpress' },
];

describe('buildDigestMessage', () => {
  it('renders Telegram HTML with escaping, a linked title, the outlet and pick buttons', () => {
    const parts = renderTelegram(buildDigestMessage(messagesFor('vi'), '2026-11-21', articles));
    expect(parts).toHaveLength(1);
    const text = String(parts[0]!.text);
    expect(text.split('\n')[0]).toBe('<b>📰 Điểm tin ngày 21/11/2026</b>');
    expect(text).toContain('1. <a href="https://tuoitre.vn/a.htm?x=1&amp;y=2"><b>Khai mạc &lt;Lễ hội&gt; Áo dài &amp; ẩm thực</b></a>\n<i>Tuổi Trẻ</i>');
    const visible = parseTelegramHtml(text);
    expect('text' in visible && visible.text).toContain('1. Khai mạc <Lễ hội> Áo dài & ẩm thực');
    expect(parts[0]!.link_preview_options).toEqual({ is_disabled: true });
    expect(parts[0]!.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: 'Dùng bài 1', callback_data: 'pick:2026-11-21:1' },
          { text: 'Dùng bài 2', callback_data: 'pick:2026-11-21:2' },
        ],
      ],
    });
  });

  it('renders Zalo plain text with the link written out and buttons that send "dung N"', () => {
    const parts = renderZaloMessage(buildDigestMessage(messagesFor('vi'), '2026-11-21', articles));
    expect(parts).toHaveLength(1);
    expect(parts[0]!.text).toBe(
      [
        '📰 Điểm tin ngày 21/11/2026',
        '',
        '1. Khai mạc <Lễ hội> Áo dài & ẩm thực: https://tuoitre.vn/a.htm?x=1&y=2',
        'Tuổi Trẻ',
        '',
        '2. Giải chạy đêm: https://vnexpress.net/b.html',
        'VnExpress',
        '',
        'Bạn sẽ dùng bài nào cho nội dung của mình? Bấm «Dùng bài N» hoặc gõ: dung N (ví dụ: dung 2).',
      ].join('\n'),
    );
    expect(parts[0]!.buttons?.map((b) => b.reply)).toEqual(['dung 1', 'dung 2']);
  });

  it('speaks English to English members', () => {
    const msg = buildDigestMessage(messagesFor('en'), '2026-11-21', articles);
    expect(msg.lines[0]).toEqual([{ text: '📰 News digest, 21/11/2026', bold: true }]);
    expect(msg.buttons?.flat()[0]?.label).toBe('Use article 1');
  });
});

describe('article input', () => {
  it('reads links with or without a scheme and derives the outlet', () => {
    expect(parseArticleUrl('tuoitre.vn/bai.htm')).toEqual({ url: 'https://tuoitre.vn/bai.htm', urlKey: 'https://tuoitre.vn/bai.htm', outlet: 'Tuổi Trẻ' });
    expect(parseArticleUrl('https://WWW.SGGP.org.vn/x.html?utm_source=fb')).toMatchObject({ urlKey: 'https://sggp.org.vn/x.html', outlet: 'Sài Gòn Giải Phóng' });
    expect(parseArticleUrl('https://baomoi.example.com/x')?.outlet).toBe('baomoi.example.com');
    expect(parseArticleUrl('ftp://tuoitre.vn/x')).toBeNull();
    expect(parseArticleUrl('không phải link')).toBeNull();
    expect(parseArticleUrl('http://127.0.0.1/x')).toBeNull();
  });

  it('cleans titles and rejects too short or too long ones', () => {
    expect(cleanTitle('  Khai   mạc\nlễ hội ')).toBe('Khai mạc lễ hội');
    expect(cleanTitle('ab')).toBeNull();
    expect(cleanTitle('x'.repeat(301))).toBeNull();
  });

  it('finds the Zalo window edge the dispatcher uses', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    const cutoff = zaloWindowCutoff(now);
    expect(isInsideZaloWindow(cutoff, now)).toBe(false);
    expect(isInsideZaloWindow(new Date(cutoff.getTime() + 1), now)).toBe(true);
    expect(now.getTime() - cutoff.getTime()).toBeGreaterThan(6 * 24 * 3600_000);
  });

  it('knows the next day across months and years', () => {
    expect(nextIsoDate('2026-11-30')).toBe('2026-12-01');
    expect(nextIsoDate('2026-12-31')).toBe('2027-01-01');
    expect(nextIsoDate('2028-02-28')).toBe('2028-02-29');
  });
});

describe('parseFeed', () => {
  it('reads RSS items, decodes entities and skips entries without link or title', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
      <item><title>Nghệ sĩ &amp;amp; khán giả &amp;#8220;hội ngộ&amp;#8221;</title><link>https://thanhnien.vn/a.html</link><pubDate>Sat, 21 Nov 2026 01:00:00 GMT</pubDate></item>
      <item><title>Không link</title></item>
      <item><title></title><link>https://thanhnien.vn/b.html</link></item>
    </channel></rss>`;
    const out = parseFeed(xml, 'https://thanhnien.vn/rss/van-hoa.rss', new Date('2026-11-21T02:00:00Z'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ title: 'Nghệ sĩ & khán giả “hội ngộ”', outlet: 'Thanh Niên', url: 'https://thanhnien.vn/a.html' });
    expect(out[0]!.publishedAt?.toISOString()).toBe('2026-11-21T01:00:00.000Z');
  });

  it('throws on text that is no feed', () => {
    expect(() => parseFeed('<html><body>not a feed</body></html>', 'https://x.vn/feed', new Date())).toThrow();
  });
});

describe('digest summary', () => {
  it('counts sent per platform, skipped and failed by reason, and waits for unfinished rows', () => {
    const totals = digestTotals([
      { platform: 'telegram', status: 'sent', reason: null, n: 1200 },
      { platform: 'zalo', status: 'sent', reason: null, n: 800 },
      { platform: 'zalo', status: 'skipped', reason: 'zalo_outside_window', n: 95 },
      { platform: 'telegram', status: 'failed', reason: 'telegram_blocked', n: 2 },
      { platform: 'telegram', status: 'failed', reason: 'telegram_server_error (after 8 attempts)', n: 1 },
    ]);
    expect(totals.unfinished).toBe(0);
    expect(digestSummaryText('vi', '2026-11-21', totals)).toBe(
      [
        '📊 Điểm tin ngày 21/11/2026 đã xử lý xong 2.098 tin nhắn:',
        '✅ Đã gửi: 2.000 (Telegram 1.200, Zalo 800)',
        '⏭️ Bỏ qua: 95',
        '   • ngoài cửa sổ 7 ngày của Zalo: 95',
        '❌ Lỗi: 3',
        '   • đã chặn bot: 2',
        '   • telegram_server_error: 1',
      ].join('\n'),
    );
    expect(digestSummaryText('en', '2026-11-21', totals)).toContain('✅ Sent: 2,000 (Telegram 1,200, Zalo 800)');
    expect(digestTotals([{ platform: 'zalo', status: 'queued', reason: null, n: 1 }]).unfinished).toBe(1);
    expect(formatCount(100000, 'vi')).toBe('100.000');
    expect(reasonCode('zalo_timeout (after 8 attempts)')).toBe('zalo_timeout');
  });
});
