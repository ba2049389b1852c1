// What each chat of the sandbox shows: what the person sent (recorded when the page posts it) and
// what Loa sent, read from the fakes' records (sendMessage / sendDocument / answerCallbackQuery on
// the fake Bot API, CS messages on the fake Zalo OA API). Buttons keep what a tap must send.
import type { FakeTelegram } from '../../test/fakes/telegram-api';
import type { FakeZalo } from '../../test/fakes/zalo-api';

/** A piece of a message as the chat app shows it. */
export interface Span {
  t: string;
  b?: true;
  i?: true;
  u?: true;
  s?: true;
  code?: true;
  href?: string;
}

/** What a tap on a button does (kept on the server; the page sees only labels and kinds). */
export type Action =
  | { kind: 'callback'; data: string }
  | { kind: 'zalo'; payload: string }
  | { kind: 'text'; text: string }
  | { kind: 'contact' }
  | { kind: 'url'; url: string };

export interface UiButton {
  label: string;
  kind: Action['kind'];
  /** For url buttons: where it leads (opened by the page, or a t.me start link the sandbox follows). */
  url?: string;
}

export interface Entry {
  seq: number;
  /** `telegram:<chat id>` or `zalo:<user id>`. */
  chat: string;
  dir: 'in' | 'out' | 'note';
  /** Who sent it (for `in`), a persona id. */
  persona?: string;
  spans: Span[];
  buttons?: UiButton[][];
  /** A reply keyboard (Telegram) shown under the message until used. */
  keyboard?: boolean;
  file?: { name: string; lines: number; id: number };
  at: number;
}

export interface Transcript {
  entries: Entry[];
  add(e: Omit<Entry, 'seq' | 'at'>, actions?: Action[][]): Entry;
  action(seq: number, row: number, col: number): { entry: Entry; action: Action } | null;
  file(id: number): { name: string; content: string } | null;
  /** Entries after `seq`, waiting up to `waitMs` for one to arrive. */
  after(seq: number, waitMs: number): Promise<Entry[]>;
  /** Read what the fakes delivered since the last call. */
  collect(): void;
  /** Remember which chat a callback query came from (for the answer's toast). */
  callbackSent(id: string, chat: string): void;
  close(): void;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) =>
    NAMED[name] ?? String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)),
  );
}

const URL_RE = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)])/g;

/** Plain text with its URLs as links, as both chat apps show them. */
export function linkify(text: string, base: Omit<Span, 't'> = {}): Span[] {
  const out: Span[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    if (m.index > last) out.push({ ...base, t: text.slice(last, m.index) });
    out.push({ ...base, t: m[0], href: base.href ?? m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ ...base, t: text.slice(last) });
  return out;
}

/** Telegram HTML (parse_mode HTML, already accepted by the fake) as spans. */
export function telegramHtmlSpans(html: string): Span[] {
  const out: Span[] = [];
  const style: Omit<Span, 't'> = {};
  const stack: { tag: string; prev: Omit<Span, 't'> }[] = [];
  const re = /<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|([^<]+)/g;
  for (const m of html.matchAll(re)) {
    if (m[4] !== undefined) {
      const text = decode(m[4]);
      out.push(...(style.href ? [{ ...style, t: text }] : linkify(text, style)));
      continue;
    }
    const [, closing, tag = '', attrs = ''] = m;
    if (closing) {
      const top = stack.pop();
      if (top) {
        for (const k of Object.keys(style) as (keyof typeof style)[]) delete style[k];
        Object.assign(style, top.prev);
      }
      continue;
    }
    stack.push({ tag, prev: { ...style } });
    if (tag === 'b' || tag === 'strong') style.b = true;
    else if (tag === 'i' || tag === 'em') style.i = true;
    else if (tag === 'u' || tag === 'ins') style.u = true;
    else if (tag === 's' || tag === 'strike' || tag === 'del') style.s = true;
    else if (tag === 'code' || tag === 'pre') style.code = true;
    else if (tag === 'a') {
      const href = /href="([^"]*)"/.exec(attrs)?.[1];
      if (href) style.href = decode(href);
    }
  }
  return out;
}

interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}
interface KeyboardButton {
  text: string;
  request_contact?: boolean;
}

function telegramButtons(markup: unknown): { actions: Action[][]; keyboard: boolean } | null {
  if (!markup || typeof markup !== 'object') return null;
  const m = markup as { inline_keyboard?: InlineButton[][]; keyboard?: (KeyboardButton | string)[][] };
  if (m.inline_keyboard) {
    return {
      keyboard: false,
      actions: m.inline_keyboard.map((row) =>
        row.map((b): Action => (b.url ? { kind: 'url', url: b.url } : { kind: 'callback', data: b.callback_data ?? '' })),
      ),
    };
  }
  if (m.keyboard) {
    return {
      keyboard: true,
      actions: m.keyboard.map((row) =>
        row.map((b): Action => (typeof b === 'string' ? { kind: 'text', text: b } : b.request_contact ? { kind: 'contact' } : { kind: 'text', text: b.text })),
      ),
    };
  }
  return null;
}

function labelsOf(markup: unknown): string[][] {
  const m = markup as { inline_keyboard?: InlineButton[][]; keyboard?: (KeyboardButton | string)[][] };
  return (m.inline_keyboard ?? m.keyboard ?? []).map((row) => row.map((b) => (typeof b === 'string' ? b : b.text)));
}

function toUi(labels: string[][], actions: Action[][]): UiButton[][] {
  return actions.map((row, r) =>
    row.map((a, c) => ({ label: labels[r]?.[c] ?? '', kind: a.kind, ...(a.kind === 'url' ? { url: a.url } : {}) })),
  );
}

export function createTranscript(fakes: { tg: FakeTelegram; zalo: FakeZalo }, now: () => number): Transcript {
  const entries: Entry[] = [];
  const actions = new Map<number, Action[][]>();
  const files = new Map<number, { name: string; content: string }>();
  const callbacks = new Map<string, string>();
  const waiters = new Set<() => void>();
  const seen = { tg: 0, zalo: 0 };
  let seq = 0;

  const add: Transcript['add'] = (e, acts) => {
    const entry: Entry = { ...e, seq: ++seq, at: now() };
    entries.push(entry);
    if (acts) actions.set(entry.seq, acts);
    for (const w of waiters) w();
    return entry;
  };

  function collect() {
    const { tg, zalo } = fakes;
    for (; seen.tg < tg.calls.length; seen.tg++) {
      const c = tg.calls[seen.tg]!;
      // The fake sets a call's status in the same turn it records it (no hook is installed here).
      if (c.status !== 200) continue;
      const p = c.payload;
      if (c.method === 'answerCallbackQuery') {
        const chat = callbacks.get(String(p.callback_query_id));
        if (chat && typeof p.text === 'string' && p.text) add({ chat, dir: 'note', spans: [{ t: p.text }] });
        continue;
      }
      if (c.method !== 'sendMessage' && c.method !== 'sendDocument') continue;
      const chat = `telegram:${String(p.chat_id)}`;
      const html = p.parse_mode === 'HTML';
      const text = String(c.method === 'sendMessage' ? p.text : (p.caption ?? ''));
      const spans = html ? telegramHtmlSpans(text) : linkify(text);
      const buttons = telegramButtons(p.reply_markup);
      let file: Entry['file'];
      if (c.method === 'sendDocument') {
        const doc = p.document as { filename?: string; content?: string } | string;
        const name = typeof doc === 'object' ? (doc.filename ?? 'file') : String(doc).split('/').pop() || 'file';
        const content = typeof doc === 'object' ? (doc.content ?? '') : '';
        const id = files.size + 1;
        files.set(id, { name, content });
        file = { name, lines: Math.max(0, content.split('\n').filter((l) => l.trim()).length - 1), id };
      }
      add(
        {
          chat,
          dir: 'out',
          spans,
          ...(buttons ? { buttons: toUi(labelsOf(p.reply_markup), buttons.actions), keyboard: buttons.keyboard } : {}),
          ...(file ? { file } : {}),
        },
        buttons?.actions,
      );
    }
    const sent = zalo.sent();
    for (; seen.zalo < sent.length; seen.zalo++) {
      const m = sent[seen.zalo]!;
      const att = m.payload.attachment as { payload?: { buttons?: { title: string; type: string; payload: unknown }[] } } | undefined;
      const zb = att?.payload?.buttons ?? [];
      const acts: Action[][] = zb.map((b) => [
        b.type === 'oa.open.url' ? { kind: 'url', url: String((b.payload as { url?: string }).url ?? '') } : { kind: 'zalo', payload: String(b.payload) },
      ]);
      const labels = zb.map((b) => [b.title]);
      add({ chat: `zalo:${m.userId}`, dir: 'out', spans: linkify(m.text), ...(zb.length ? { buttons: toUi(labels, acts) } : {}) }, zb.length ? acts : undefined);
    }
  }

  const timer = setInterval(collect, 100);
  timer.unref();

  return {
    entries,
    add,
    collect,
    action(s, row, col) {
      const entry = entries.find((e) => e.seq === s);
      const action = actions.get(s)?.[row]?.[col];
      return entry && action ? { entry, action } : null;
    },
    file: (id) => files.get(id) ?? null,
    callbackSent(id, chat) {
      callbacks.set(id, chat);
    },
    after(s, waitMs) {
      collect();
      const ready = () => entries.filter((e) => e.seq > s);
      if (ready().length || waitMs <= 0) return Promise.resolve(ready());
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(t);
          waiters.delete(done);
          resolve(ready());
        };
        const t = setTimeout(done, waitMs);
        waiters.add(done);
      });
    },
    close() {
      clearInterval(timer);
      for (const w of [...waiters]) w();
    },
  };
}
