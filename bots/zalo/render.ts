// Renders a neutral OutboundMessage as Zalo plain-text parts of at most 2,000 characters, buttons on the last part.
import type { Button, Line, OutboundMessage, Span } from '../../src/core/types';

/** Zalo's cap for a CS text message (zalo-oa.md §4.1). */
export const ZALO_MAX_TEXT = 2000;
/** Zalo shows at most 5 buttons; more are written as text lines. */
export const ZALO_MAX_BUTTONS = 5;

/** One API call's worth: a text, plus buttons on the last part. Plain JSON so the outbox can store it. */
export interface ZaloPart {
  text: string;
  buttons?: Button[];
  /** A paid ZBS template instead of a CS message (`POST /v3.0/oa/message/template`); `text` is kept for the record. */
  template?: { id: string; data: Record<string, string> };
}

function len(s: string): number {
  return [...s].length;
}

// Zalo CS text has no formatting, so bold/italic are dropped and links are written out; counts are in code points of NFC text.
function renderSpan(span: Span): string {
  if (!span.href) return span.text;
  const text = span.text.trim();
  return !text || text === span.href ? span.href : `${span.text}: ${span.href}`;
}

function renderLine(line: Line): string {
  const s = typeof line === 'string' ? line : line.map(renderSpan).join('');
  return s.normalize('NFC');
}

/** A button written as text, used when buttons do not fit (more than 5) or templates are refused: a user can type `data`. */
export function buttonAsText(b: Button): string {
  return `${b.label}: ${b.url ?? b.reply ?? b.data}`.normalize('NFC');
}

interface Unit {
  /** What joins this unit to the previous one inside a part ('\n', original spaces, or '' in a hard split). */
  sep: string;
  text: string;
}

// Progressively finer boundaries for a line that is too long: sentences, then words.
const BOUNDARIES = [/(?<=[.!?…;])(\s+)/u, /(\s+)/u];

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('vi', { granularity: 'grapheme' }) : null;

/** Last resort: cut into pieces of ≤ max code points without breaking a grapheme (emoji, combining marks). */
function hardSplit(text: string, max: number): string[] {
  const graphemes = segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : [...text];
  const out: string[] = [];
  let cur = '';
  let curLen = 0;
  for (const g of graphemes) {
    const gLen = len(g);
    if (curLen + gLen > max && cur) {
      out.push(cur);
      cur = '';
      curLen = 0;
    }
    cur += g;
    curLen += gLen;
  }
  if (cur) out.push(cur);
  return out;
}

function explode(text: string, sep: string, max: number, level = 0): Unit[] {
  if (len(text) <= max) return [{ sep, text }];
  const boundary = BOUNDARIES[level];
  if (!boundary) return hardSplit(text, max).map((t, i) => ({ sep: i === 0 ? sep : '', text: t }));
  // split() with a capturing group keeps the separators at odd indexes.
  const pieces = text.split(boundary);
  if (pieces.length === 1) return explode(text, sep, max, level + 1);
  const units: Unit[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i] ?? '';
    const pieceSep = i === 0 ? sep : (pieces[i - 1] ?? ' ');
    if (!piece) continue;
    units.push(...explode(piece, pieceSep, max, level + 1));
  }
  return units;
}

/**
 * Splits lines into texts of at most `max` code points: whole lines when they fit, else a long
 * line at sentence, then word boundaries, else hard. Blank lines at a part's edges are dropped.
 */
export function splitZaloText(lines: string[], max = ZALO_MAX_TEXT): string[] {
  const units = lines.flatMap((line) => explode(line, '\n', max));
  const parts: string[] = [];
  let cur: string | null = null;
  let curLen = 0;
  const flush = (): void => {
    if (cur !== null) {
      const t = cur.trimEnd();
      if (t) parts.push(t);
    }
    cur = null;
    curLen = 0;
  };
  for (const u of units) {
    const uLen = len(u.text);
    if (cur === null) {
      if (!u.text.trim()) continue;
      cur = u.text;
      curLen = uLen;
      continue;
    }
    const sepLen = len(u.sep);
    if (curLen + sepLen + uLen <= max) {
      cur += u.sep + u.text;
      curLen += sepLen + uLen;
      continue;
    }
    flush();
    if (!u.text.trim()) continue;
    cur = u.text;
    curLen = uLen;
  }
  flush();
  return parts;
}

/** The neutral message as Zalo parts, in send order. An empty message gives no parts. */
export function renderZaloMessage(message: OutboundMessage): ZaloPart[] {
  const lines = message.lines.map(renderLine);
  if (message.zaloTemplate) {
    // One call whatever the length: Zalo renders the approved template, not our text.
    return [{ text: lines.join('\n'), template: { id: message.zaloTemplate.templateId, data: { ...message.zaloTemplate.data } } }];
  }
  if (message.document) {
    const { filename, url, caption } = message.document;
    // Zalo file sends need an upload token; a link is enough for a document we host.
    lines.push(`${(caption ?? filename).normalize('NFC')}: ${url}`);
  }
  const buttons = (message.buttons ?? []).flat();
  const shown = buttons.slice(0, ZALO_MAX_BUTTONS);
  for (const extra of buttons.slice(ZALO_MAX_BUTTONS)) lines.push(buttonAsText(extra));

  const texts = splitZaloText(lines);
  const parts: ZaloPart[] = texts.map((text) => ({ text }));
  if (shown.length > 0) {
    const last = parts.at(-1);
    if (last) last.buttons = shown;
    else parts.push({ text: '', buttons: shown });
  }
  return parts;
}
