// render(): HTML escaping, splitting under 4,096 characters, buttons and documents.
import { describe, expect, it } from 'vitest';
import { escapeHtml, packLines, render, renderKeyboard } from '../../../../bots/telegram/render';
import type { Line } from '../../../../src/core/types';
import { parseTelegramHtml } from '../../../fakes/telegram-api';

function visibleText(html: unknown): string {
  const parsed = parseTelegramHtml(String(html));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.text;
}

describe('render', () => {
  it('escapes <, > and & in text and " in hrefs', () => {
    const [part, ...rest] = render({
      lines: [[{ text: '<b>&"', bold: true }], [{ text: 'a < b & c > d', href: 'https://example.vn/?q="x"&y=<1>' }]],
    });
    expect(rest).toEqual([]);
    expect(part).toEqual({
      method: 'sendMessage',
      text: '<b>&lt;b&gt;&amp;"</b>\n<a href="https://example.vn/?q=&quot;x&quot;&amp;y=&lt;1&gt;">a &lt; b &amp; c &gt; d</a>',
      parse_mode: 'HTML',
    });
    expect(visibleText(part?.text)).toBe('<b>&"\na < b & c > d');
  });

  it('renders bold, italic and links, and leaves unsafe hrefs as text', () => {
    const [part] = render({
      lines: [
        [
          { text: 'Tin ', bold: true },
          { text: 'mới', italic: true, bold: true },
          { text: ' · ' },
          { text: 'xem', href: 'javascript:alert(1)' },
        ],
      ],
    });
    expect(part?.text).toBe('<b>Tin </b><b><i>mới</i></b> · xem');
  });

  it('disables link previews only when there are several links', () => {
    expect(render({ lines: ['one https://a.vn'] })[0]).not.toHaveProperty('link_preview_options');
    const [part] = render({ lines: [[{ text: 'a', href: 'https://a.vn' }], 'and https://b.vn'] });
    expect(part?.link_preview_options).toEqual({ is_disabled: true });
    expect(render({ lines: [[{ text: 'https://a.vn', href: 'https://a.vn' }]] })[0]).not.toHaveProperty('link_preview_options');
  });

  it('splits a 10,000-character message into ordered parts of at most 4,096 with tags intact', () => {
    const lines: Line[] = [];
    for (let i = 0; lines.length < 330; i += 1) {
      lines.push([
        { text: `${String(i).padStart(3, '0')} `, bold: true },
        { text: 'Sự kiện & <lễ hội> ', italic: true },
        { text: 'chi tiết', href: `https://so.example.vn/su-kien/${i}?a=1&b=2` },
      ]);
    }
    const plainLength = lines.map((l) => (typeof l === 'string' ? l : l.map((s) => s.text).join(''))).join('\n').length;
    expect(plainLength).toBeGreaterThan(10_000);
    const parts = render({ lines, buttons: [[{ label: 'OK', data: 'ok' }]] });
    expect(parts.length).toBeGreaterThan(1);
    const visible = parts.map((p) => {
      expect(p.method).toBe('sendMessage');
      expect(String(p.text).length).toBeLessThanOrEqual(4096);
      return visibleText(p.text);
    });
    // In order, nothing lost: the parts joined by newlines are the original lines.
    const original = lines.map((l) => (typeof l === 'string' ? l : l.map((s) => s.text).join(''))).join('\n');
    expect(visible.join('\n') === original.trimEnd()).toBe(true);
    expect(parts.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
    expect(parts.at(-1)?.reply_markup).toEqual({ inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] });
  });

  it('splits one 10,000-character line on sentences, and hard-splits what has no boundary', () => {
    const sentence = 'Đây là một câu dài về lễ hội & <văn hoá> của thành phố. ';
    const paragraph = sentence.repeat(Math.ceil(10_000 / sentence.length));
    const parts = packLines([[{ text: paragraph, bold: true }]]);
    expect(parts.length).toBeGreaterThan(2);
    for (const html of parts) {
      expect(html.length).toBeLessThanOrEqual(4096);
      expect(html.startsWith('<b>')).toBe(true);
      // Each part ends at a sentence boundary.
      expect(visibleText(html).trimEnd().endsWith('.')).toBe(true);
    }
    expect(parts.map(visibleText).join('').trimEnd() === paragraph.trimEnd()).toBe(true);

    const word = 'x&'.repeat(5000);
    const hard = packLines([word]);
    expect(hard.length).toBeGreaterThan(1);
    expect(hard.every((h) => h.length <= 4096 && !h.endsWith('&amp') && !/&[a-z]*$/.test(h))).toBe(true);
    expect(hard.map(visibleText).join('') === word).toBe(true);

    // No word boundary at all: cut between graphemes, each part re-opening the formatting.
    const token = 'ả'.normalize('NFD').repeat(3000);
    const cut = packLines([[{ text: token, italic: true }]]);
    expect(cut.length).toBeGreaterThan(1);
    for (const html of cut) {
      expect(html.length).toBeLessThanOrEqual(4096);
      expect(html.startsWith('<i>') && html.endsWith('</i>')).toBe(true);
      // A combining mark never starts a part: graphemes stay whole.
      expect(visibleText(html).startsWith('a')).toBe(true);
    }
    expect(cut.map(visibleText).join('') === token).toBe(true);
  });

  it('never sends a part that is only blank lines', () => {
    expect(render({ lines: ['', '  ', ''] })).toEqual([]);
    expect(() => render({ lines: [''], buttons: [[{ label: 'OK', data: 'ok' }]] })).toThrow(/buttons but no text/);
    expect(render({ lines: ['', 'a', '', ''] }).map((p) => p.text)).toEqual(['a']);
  });

  it('splits string lines at embedded newlines', () => {
    expect(packLines(['a\nb'], 3)).toEqual(['a\nb']);
    expect(packLines(['a\nb', 'c'], 3)).toEqual(['a\nb', 'c']);
  });

  it('puts buttons on the last part, URL buttons included', () => {
    const [part] = render({
      lines: ['Chọn'],
      buttons: [[{ label: 'Tiếng Việt', data: 'lang:vi' }, { label: 'Web', data: '', url: 'https://loa.example.vn' }], []],
    });
    expect(part?.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Tiếng Việt', callback_data: 'lang:vi' }, { text: 'Web', url: 'https://loa.example.vn' }]],
    });
  });

  it('refuses callback data over 64 bytes with a clear error', () => {
    expect(() => renderKeyboard([[{ label: 'Dài', data: 'đ'.repeat(33) }]])).toThrow(/callback_data must be 1-64 bytes; button "Dài" has 66/);
    expect(() => renderKeyboard([[{ label: 'ok', data: 'a'.repeat(64) }]])).not.toThrow();
  });

  it('sends a document last, with its caption and the buttons', () => {
    const parts = render({
      lines: ['Báo cáo tháng 11'],
      document: { filename: 'bao-cao.pdf', url: 'https://so.example.vn/bao-cao.pdf', caption: 'Báo cáo <tháng>' },
      buttons: [[{ label: 'Đã nhận', data: 'ack:1' }]],
    });
    expect(parts).toEqual([
      { method: 'sendMessage', text: 'Báo cáo tháng 11', parse_mode: 'HTML' },
      {
        method: 'sendDocument',
        document: 'https://so.example.vn/bao-cao.pdf',
        caption: 'Báo cáo &lt;tháng&gt;',
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [[{ text: 'Đã nhận', callback_data: 'ack:1' }]] },
      },
    ]);
  });

  it('moves a caption over 1,024 characters into the text', () => {
    const caption = 'c'.repeat(1500);
    const parts = render({ lines: [], document: { filename: 'a.pdf', url: 'https://x.vn/a.pdf', caption } });
    expect(parts).toEqual([
      { method: 'sendMessage', text: caption, parse_mode: 'HTML' },
      { method: 'sendDocument', document: 'https://x.vn/a.pdf' },
    ]);
  });

  it('escapeHtml escapes only what Telegram requires', () => {
    expect(escapeHtml(`<a href="x">&amp;</a> 'q'`)).toBe(`&lt;a href="x"&gt;&amp;amp;&lt;/a&gt; 'q'`);
  });
});
