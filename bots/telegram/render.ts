// Renders a neutral OutboundMessage into Telegram sendMessage/sendDocument payloads (HTML parse mode).
import type { Button, Line, OutboundMessage, Span } from '../../src/core/types';
import type { RenderedPart } from '../../src/core/outbox/sender-port';

/** sendMessage text limit ("1-4096 characters after entities parsing"). */
export const TEXT_LIMIT = 4096;
/** sendDocument caption limit. */
export const CAPTION_LIMIT = 1024;
/** callback_data limit, in UTF-8 bytes. */
export const CALLBACK_DATA_LIMIT = 64;

// Longer hrefs would make a single link exceed a part on its own; they are rendered as text.
const MAX_HREF_LENGTH = 2048;
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'tg:', 'mailto:']);

export type InlineKeyboardButton = { text: string; callback_data: string } | { text: string; url: string };

/** Escapes text for Telegram HTML: only `&`, `<` and `>` need it outside attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/"/g, '&quot;');
}

// A bad href would make Telegram reject the whole message ("can't parse entities"), forever.
function usableHref(href: string | undefined): string | undefined {
  if (!href || href.length > MAX_HREF_LENGTH) return undefined;
  try {
    return LINK_PROTOCOLS.has(new URL(href).protocol) ? href : undefined;
  } catch {
    return undefined;
  }
}

function renderSpan(span: Span): string {
  let html = escapeHtml(span.text);
  if (html === '') return '';
  if (span.italic) html = `<i>${html}</i>`;
  if (span.bold) html = `<b>${html}</b>`;
  const href = usableHref(span.href);
  if (href) html = `<a href="${escapeAttribute(href)}">${html}</a>`;
  return html;
}

function renderSpans(spans: Span[]): string {
  return spans.map(renderSpan).join('');
}

function plainOf(spans: Span[]): string {
  return spans.map((s) => s.text).join('');
}

/** Splits a line into rows at its newlines, keeping each span's formatting. */
function toRows(line: Line): Span[][] {
  const spans: Span[] = typeof line === 'string' ? [{ text: line }] : line;
  const rows: Span[][] = [[]];
  for (const span of spans) {
    const pieces = span.text.replace(/\r\n?/g, '\n').split('\n');
    pieces.forEach((text, i) => {
      if (i > 0) rows.push([]);
      if (text !== '') rows[rows.length - 1]?.push({ ...span, text });
    });
  }
  return rows;
}

/** The spans covering plain-text offsets [start, end). */
function sliceSpans(spans: Span[], start: number, end: number): Span[] {
  const out: Span[] = [];
  let offset = 0;
  for (const span of spans) {
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + span.text.length);
    if (from < to) out.push({ ...span, text: span.text.slice(from - offset, to - offset) });
    offset += span.text.length;
  }
  return out;
}

// Created once: constructing a segmenter costs far more than segmenting a line.
const SEGMENTERS = (['sentence', 'word', 'grapheme'] as const).map((granularity) => new Intl.Segmenter('vi', { granularity }));

/** Cuts a too-long row into pieces that each render within `limit`: sentences, then words, then graphemes. */
function splitRow(spans: Span[], limit: number, level = 0): Span[][] {
  const segmenter = SEGMENTERS[level];
  if (!segmenter) return [spans];
  const plain = plainOf(spans);
  const pieces: Span[][] = [];
  for (const { index, segment } of segmenter.segment(plain)) {
    const piece = sliceSpans(spans, index, index + segment.length);
    if (renderSpans(piece).length <= limit) pieces.push(piece);
    else pieces.push(...splitRow(piece, limit, level + 1));
  }
  return pieces;
}

interface Piece {
  html: string;
  plain: string;
  /** Starts a new line (joined with '\n'); otherwise continues the previous piece's line. */
  newline: boolean;
}

/**
 * Packs the lines into HTML texts of at most `limit` characters. Lines are split before rendering
 * and measured rendered, so a part never ends inside a tag or an entity and never exceeds the
 * limit even when escaping grows the text.
 */
export function packLines(lines: Line[], limit: number = TEXT_LIMIT): string[] {
  const pieces: Piece[] = [];
  for (const row of lines.flatMap(toRows)) {
    const html = renderSpans(row);
    if (html.length <= limit) {
      pieces.push({ html, plain: plainOf(row), newline: true });
      continue;
    }
    splitRow(row, limit).forEach((part, i) => {
      pieces.push({ html: renderSpans(part), plain: plainOf(part), newline: i === 0 });
    });
  }

  const parts: string[] = [];
  let current: Piece[] = [];
  let length = 0;
  const flush = (): void => {
    // Trailing blank lines would only add length; an all-blank part would be rejected as empty.
    while (current.length > 0 && current[current.length - 1]?.plain.trim() === '') current.pop();
    if (current.length > 0) parts.push(current.map((p, i) => (i > 0 && p.newline ? '\n' : '') + p.html).join(''));
    current = [];
    length = 0;
  };
  for (const piece of pieces) {
    // A part never starts with blank lines or the space left over from a word split.
    if (current.length === 0 && piece.plain.trim() === '') continue;
    const cost = (current.length > 0 && piece.newline ? 1 : 0) + piece.html.length;
    if (current.length > 0 && length + cost > limit) {
      flush();
      if (piece.plain.trim() === '') continue;
      current.push(piece);
      length = piece.html.length;
      continue;
    }
    current.push(piece);
    length += cost;
  }
  flush();
  return parts;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Builds reply_markup.inline_keyboard; throws when a button cannot be sent. */
export function renderKeyboard(buttons: Button[][]): InlineKeyboardButton[][] {
  return buttons
    .filter((row) => row.length > 0)
    .map((row) =>
      row.map((button): InlineKeyboardButton => {
        if (button.url) return { text: button.label, url: button.url };
        const bytes = utf8Length(button.data);
        if (bytes < 1 || bytes > CALLBACK_DATA_LIMIT) {
          throw new RangeError(
            `Telegram callback_data must be 1-${CALLBACK_DATA_LIMIT} bytes; button "${button.label}" has ${bytes}. Shorten the button's data (e.g. store an id, not the payload).`,
          );
        }
        return { text: button.label, callback_data: button.data };
      }),
    );
}

// Distinct link targets: an href whose text is the same URL is still one link.
function countLinks(lines: Line[]): number {
  const targets = new Set<string>();
  for (const line of lines) {
    const spans: Span[] = typeof line === 'string' ? [{ text: line }] : line;
    for (const span of spans) {
      const href = usableHref(span.href);
      if (href) targets.add(href);
      // Telegram previews bare URLs in the text as well.
      for (const url of span.text.match(/https?:\/\/[^\s<>"]+/gi) ?? []) targets.add(url);
    }
  }
  return targets.size;
}

/**
 * Renders a message into ordered API payloads (without chat_id): `{ method: 'sendMessage', text,
 * parse_mode: 'HTML', ... }` parts of at most 4,096 characters, then `{ method: 'sendDocument',
 * document, caption? }` when there is a document. Buttons go on the last part. Link previews are
 * disabled when the message has several links (a digest would otherwise preview its first one).
 */
export function render(message: OutboundMessage): RenderedPart[] {
  const keyboard = message.buttons ? renderKeyboard(message.buttons) : [];
  const lines = [...message.lines];

  let caption: string | undefined;
  const doc = message.document;
  if (doc?.caption) {
    const captionParts = packLines([doc.caption], CAPTION_LIMIT);
    // A caption over 1,024 characters goes into the text instead of being cut.
    if (captionParts.length === 1) caption = captionParts[0];
    else lines.push(doc.caption);
  }

  const previewOff = countLinks(lines) > 1;
  const parts: RenderedPart[] = packLines(lines).map((text) => ({
    method: 'sendMessage',
    text,
    parse_mode: 'HTML',
    ...(previewOff ? { link_preview_options: { is_disabled: true } } : {}),
  }));

  if (doc) {
    parts.push({
      method: 'sendDocument',
      // With content the file is uploaded (multipart); by URL Telegram fetches it itself, which
      // only works for PDF, ZIP and GIF.
      document: doc.content !== undefined ? { upload: true, filename: doc.filename, content: doc.content, mimeType: doc.mimeType ?? 'text/csv' } : doc.url,
      ...(caption ? { caption, parse_mode: 'HTML' } : {}),
    });
  }

  const last = parts[parts.length - 1];
  if (message.requestContact || message.removeKeyboard) {
    if (!last) throw new RangeError('OutboundMessage has a reply keyboard but no text to attach it to');
    last.reply_markup = message.requestContact
      ? {
          // One-time: it hides after a tap; the step after it removes it (removeKeyboard).
          keyboard: [
            [{ text: message.requestContact.label, request_contact: true }],
            ...(message.buttons ?? []).filter((row) => row.length > 0).map((row) => row.map((b) => ({ text: b.label }))),
          ],
          one_time_keyboard: true,
          resize_keyboard: true,
        }
      : { remove_keyboard: true };
    // A Telegram message has one reply_markup: inline buttons cannot come with a reply keyboard.
    if (message.removeKeyboard && keyboard.length > 0) throw new RangeError('removeKeyboard cannot be combined with inline buttons');
    return parts;
  }
  if (keyboard.length > 0) {
    // Telegram cannot send buttons alone; dropping them silently would hide a bug in the caller.
    if (!last) throw new RangeError('OutboundMessage has buttons but no text or document to attach them to');
    last.reply_markup = { inline_keyboard: keyboard };
  }
  return parts;
}
