// The digest as a platform-neutral message: a dated heading, then per article its number, title
// (a link), and outlet, at most 10; "Dùng bài N" buttons under it (Telegram inline buttons; on
// Zalo the sender shows up to 5 as buttons that send `dung N` back and writes the rest as text).
// The senders do the formatting: Telegram HTML with escaping, Zalo plain text split at 2,000.
import type { Messages } from '../../../i18n';
import { isoToDisplayDate } from '../../time';
import type { Button, Line, OutboundMessage } from '../../types';

/** Articles per digest (SPEC §3): the first ten by position. */
export const DIGEST_MAX_ARTICLES = 10;
const BUTTONS_PER_ROW = 3;

export interface DigestArticle {
  id: number;
  title: string;
  url: string;
  outlet: string;
}

export function buildDigestMessage(t: Messages, date: string, items: readonly DigestArticle[]): OutboundMessage {
  const lines: Line[] = [[{ text: t.digestHeading({ date: isoToDisplayDate(date) }), bold: true }]];
  items.forEach((a, i) => {
    lines.push('');
    lines.push([{ text: `${i + 1}. ` }, { text: a.title, bold: true, href: a.url }]);
    lines.push([{ text: a.outlet, italic: true }]);
  });
  lines.push('', t.digestPickHint());
  const buttons: Button[][] = [];
  items.forEach((_, i) => {
    const n = i + 1;
    const button: Button = { label: t.digestPickButton({ n }), data: `pick:${date}:${n}`, reply: `dung ${n}` };
    if (i % BUTTONS_PER_ROW === 0) buttons.push([button]);
    else buttons[buttons.length - 1]!.push(button);
  });
  return { lines, buttons };
}

/** Vietnamese (or English) thousands separators for officials' numbers. */
export function formatCount(n: number, lang: 'vi' | 'en'): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US').format(n);
}

/** "telegram_server_error (after 8 attempts)" → "telegram_server_error": group failures by cause. */
export function reasonCode(reason: string | null): string {
  return (reason ?? 'unknown').replace(/\s*\(after \d+ attempts\)$/, '');
}
