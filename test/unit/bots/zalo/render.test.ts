// Rendering neutral messages as Zalo plain-text parts: span flattening, 2,000-character splitting, NFC, buttons on the last part.
import { describe, expect, it } from 'vitest';
import { ZALO_MAX_TEXT, renderZaloMessage, splitZaloText } from '../../../../bots/zalo/render';

const len = (s: string): number => [...s].length;

describe('renderZaloMessage', () => {
  it('splits a 5,000-character text into ordered parts ≤ 2,000 on line boundaries', () => {
    // 100 numbered Vietnamese lines of 50 characters each (≈ 5,000 with newlines).
    const lines = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(3, '0')} Thông báo họp báo về lễ hội văn hóa ẩm thực`.padEnd(50, '.'));
    expect(lines.join('\n').length).toBeGreaterThanOrEqual(5000);
    const parts = renderZaloMessage({ lines });
    expect(parts.length).toBe(3);
    for (const p of parts) {
      expect(len(p.text)).toBeLessThanOrEqual(ZALO_MAX_TEXT);
      // Every part is made of whole lines.
      for (const l of p.text.split('\n')) expect(lines).toContain(l);
    }
    expect(parts.map((p) => p.text).join('\n')).toBe(lines.join('\n'));
    expect(parts.every((p) => p.buttons === undefined)).toBe(true);
  });

  it('keeps Vietnamese text NFC and counts code points', () => {
    const nfd = 'Sở Văn hóa và Thể thao Thành phố Hồ Chí Minh'.normalize('NFD');
    const [part] = renderZaloMessage({ lines: [nfd, [{ text: 'Đăng ký'.normalize('NFD'), bold: true }]] });
    expect(part?.text).toBe('Sở Văn hóa và Thể thao Thành phố Hồ Chí Minh\nĐăng ký'.normalize('NFC'));
    expect(part?.text.normalize('NFC')).toBe(part?.text);

    // 1,000 NFD "ệ" are 3,000 UTF-16 units but 1,000 characters once NFC: one part.
    const parts = renderZaloMessage({ lines: ['ệ'.normalize('NFD').repeat(1000)] });
    expect(parts).toHaveLength(1);
    expect(len(parts[0]?.text ?? '')).toBe(1000);
  });

  it('splits a single long line on sentence boundaries, then words, then hard', () => {
    const sentence = 'Đây là một câu khá dài để thử việc chia tin nhắn theo câu. ';
    const para = sentence.repeat(80).trim();
    const parts = splitZaloText([para]);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(len(p)).toBeLessThanOrEqual(ZALO_MAX_TEXT);
      expect(p.endsWith('.')).toBe(true);
    }
    expect(parts.join(' ')).toBe(para);

    const words = 'chữ '.repeat(1000).trim();
    const wparts = splitZaloText([words]);
    expect(wparts.every((p) => len(p) <= ZALO_MAX_TEXT && !p.startsWith(' ') && !p.endsWith(' '))).toBe(true);
    expect(wparts.join(' ')).toBe(words);

    const blob = '🎉'.repeat(4500);
    const hparts = splitZaloText([blob]);
    expect(hparts.map(len)).toEqual([2000, 2000, 500]);
    expect(hparts.join('')).toBe(blob);
  });

  it('renders spans as plain text and links as "text: url"', () => {
    const [part] = renderZaloMessage({
      lines: [
        [{ text: 'Tin nổi bật', bold: true }, { text: ' hôm nay', italic: true }],
        [{ text: 'Báo Tuổi Trẻ', href: 'https://tuoitre.vn/a' }],
        [{ text: 'https://tuoitre.vn/b', href: 'https://tuoitre.vn/b' }],
      ],
    });
    expect(part?.text).toBe('Tin nổi bật hôm nay\nBáo Tuổi Trẻ: https://tuoitre.vn/a\nhttps://tuoitre.vn/b');
  });

  it('puts buttons on the last part only; a document becomes a line with its url', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `Dòng ${i} `.padEnd(60, 'x'));
    const parts = renderZaloMessage({
      lines,
      document: { filename: 'bao-cao.csv', url: 'https://loa.example/r/1.csv', caption: 'Báo cáo' },
      buttons: [[{ label: 'Có', data: 'CO 1' }, { label: 'Không', data: 'KHONG 1' }], [{ label: 'Xem', data: 'x', url: 'https://loa.example/h/1' }]],
    });
    expect(parts.length).toBe(2);
    expect(parts[0]?.buttons).toBeUndefined();
    expect(parts[1]?.buttons).toEqual([
      { label: 'Có', data: 'CO 1' },
      { label: 'Không', data: 'KHONG 1' },
      { label: 'Xem', data: 'x', url: 'https://loa.example/h/1' },
    ]);
    expect(parts[1]?.text.endsWith('Báo cáo: https://loa.example/r/1.csv')).toBe(true);
  });

  it('writes buttons beyond the fifth as text lines', () => {
    const buttons = [Array.from({ length: 7 }, (_, i) => ({ label: `Nút ${i}`, data: `N${i}` }))];
    const [part] = renderZaloMessage({ lines: ['Chọn:'], buttons });
    expect(part?.buttons).toHaveLength(5);
    expect(part?.text).toBe('Chọn:\nNút 5: N5\nNút 6: N6');
  });

  it('gives no parts for an empty message and drops blank edges', () => {
    expect(renderZaloMessage({ lines: [] })).toEqual([]);
    expect(renderZaloMessage({ lines: ['', 'a', '', 'b', ''] }).map((p) => p.text)).toEqual(['a\n\nb']);
  });
});
