// A fake Telegram Bot API on 127.0.0.1 (real HTTP), so telegraf, time-outs and retries run for real in tests.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  method: string;
  token: string;
  payload: Record<string, unknown>;
  /** When the request arrived (the `now` option, else Date.now()), to check spacing between calls. */
  at: number;
  /** HTTP status answered, or 'hang' while (or because) it was never answered. */
  status: number | 'hang';
}

export interface FakeBotCommand {
  command: string;
  description: string;
}

export interface FakeTelegram {
  /** `http://127.0.0.1:<port>/`, with the trailing slash telegraf needs. */
  apiRoot: string;
  /** Every request, in arrival order (also failed ones). Cleared by reset(), same array. */
  calls: FakeCall[];
  /** What getMe answers; the id is the token prefix of the call. */
  botUsername: string;
  /** Payloads of successful sendMessage/sendDocument calls, optionally for one chat. */
  sent(chatId?: string | number): Record<string, unknown>[];
  /** The next `times` traffic calls (sendMessage, sendDocument, answerCallbackQuery) answer 429. */
  fail429Next(retryAfterSec: number, times?: number): void;
  /** The next `times` traffic calls answer HTTP 500. */
  fail5xxNext(times?: number): void;
  /** The next `times` traffic calls are never answered (until the client aborts or close()). */
  hangNext(times?: number): void;
  /** Sends to this chat answer 403 "Forbidden: bot was blocked by the user". */
  blockChat(chatId: string | number): void;
  /** Sends to this chat answer 400 "Bad Request: chat not found". */
  unknownChat(chatId: string | number): void;
  /** The last setWebhook payload (null after deleteWebhook or before any). */
  webhook(): Record<string, unknown> | null;
  /** The commands set for a language_code (undefined = the default list). */
  commands(languageCode?: string): FakeBotCommand[];
  /** Polls until predicate(calls) holds; rejects after timeoutMs. */
  waitFor(predicate: (calls: FakeCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /**
   * Runs `hook` on every call before it is answered; the answer waits for it (a slow network, or
   * something that happens while a send is in flight). null removes it.
   */
  onCall(hook: ((call: FakeCall) => Promise<void> | void) | null): void;
  /** Forgets calls, faults, blocked chats, webhook, commands and the hook. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeTelegramOptions {
  botUsername?: string;
  /** The time stamped on each call (the harness passes its test clock). Default Date.now. */
  now?: () => number;
}

type Fault = { kind: 'rate'; retryAfterSec: number } | { kind: 'server' } | { kind: 'hang' };
type Reply = { status: number; body: unknown };
type Answer = Reply | 'hang';

const TRAFFIC_METHODS = new Set(['sendMessage', 'sendDocument', 'answerCallbackQuery']);
const SEND_METHODS = new Set(['sendMessage', 'sendDocument']);
// Fields telegraf (and form posts) send as JSON strings.
const JSON_FIELDS = new Set(['reply_markup', 'link_preview_options', 'allowed_updates', 'commands', 'scope', 'entities', 'caption_entities']);
const HTML_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);

const ok = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } });
const fail = (status: number, description: string, parameters?: Record<string, unknown>): Reply => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

/**
 * Parses Telegram HTML the way the Bot API does for our purposes: only documented tags, properly
 * nested, `&` only as an entity. Returns the visible text, or the API's error description.
 */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '<') {
      const tag = /^<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/.exec(html.slice(i));
      if (!tag) return { error: `Bad Request: can't parse entities: Unexpected start tag at byte offset ${i}` };
      const [whole, closing, name = ''] = tag;
      if (!HTML_TAGS.has(name)) return { error: `Bad Request: can't parse entities: Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== name) return { error: `Bad Request: can't parse entities: Unmatched end tag at byte offset ${i}, expected "</${stack[stack.length - 1] ?? ''}>", found "</${name}>"` };
      } else {
        stack.push(name);
      }
      i += whole.length;
      continue;
    }
    if (ch === '&') {
      const entity = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/.exec(html.slice(i));
      if (!entity) return { error: `Bad Request: can't parse entities: Character entity expected at byte offset ${i}` };
      const name = entity[1] ?? '';
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
      text += named[name] ?? String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
      i += entity[0].length;
      continue;
    }
    if (ch === '>') return { error: `Bad Request: can't parse entities: Unexpected end of tag at byte offset ${i}` };
    text += ch;
    i += 1;
  }
  if (stack.length > 0) return { error: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${stack[stack.length - 1] ?? ''}"` };
  return { text };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Multipart uploads (sendDocument with a file): fields as values, files as {filename, type, content}. */
async function parseMultipart(contentType: string, body: string, query: URLSearchParams): Promise<Record<string, unknown> | null> {
  try {
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    const payload: Record<string, unknown> = Object.fromEntries(query);
    for (const [key, value] of form) {
      if (typeof value === 'string') {
        payload[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
      } else {
        payload[key] = { filename: value.name, type: value.type, content: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await value.arrayBuffer()) };
      }
    }
    return payload;
  } catch {
    return null;
  }
}

function parsePayload(contentType: string, body: string, query: URLSearchParams): Record<string, unknown> | null {
  const payload: Record<string, unknown> = {};
  const fromPairs = (params: URLSearchParams): void => {
    for (const [key, value] of params) {
      if (JSON_FIELDS.has(key)) {
        try {
          payload[key] = JSON.parse(value);
          continue;
        } catch {
          // keep the raw string, as the real API would then reject it
        }
      }
      payload[key] = value;
    }
  };
  fromPairs(query);
  if (body.trim() === '') return payload;
  if (contentType.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      return Object.assign(payload, parsed);
    } catch {
      return null;
    }
  }
  if (contentType.includes('application/x-www-form-urlencoded')) {
    fromPairs(new URLSearchParams(body));
    return payload;
  }
  return null;
}

function chatOf(chatId: unknown): Record<string, unknown> {
  const id = typeof chatId === 'string' && /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
  return typeof id === 'number' && id < 0 ? { id, type: 'supergroup', title: 'Test group' } : { id, type: 'private', first_name: 'Test' };
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const botUsername = options.botUsername ?? 'LoaBot';
  const calls: FakeCall[] = [];
  const faults: Fault[] = [];
  const blocked = new Set<string>();
  const missing = new Set<string>();
  const hanging = new Set<ServerResponse>();
  let webhook: Record<string, unknown> | null = null;
  let commands = new Map<string, FakeBotCommand[]>();
  let nextMessageId = 1;
  let hook: ((call: FakeCall) => Promise<void> | void) | null = null;

  function botUser(token: string): Record<string, unknown> {
    return { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Loa', username: botUsername };
  }

  function commandsKey(payload: Record<string, unknown>): string {
    const scope = payload.scope as { type?: unknown } | undefined;
    const languageCode = typeof payload.language_code === 'string' ? payload.language_code : '';
    return `${typeof scope?.type === 'string' ? scope.type : 'default'}:${languageCode}`;
  }

  function send(method: string, token: string, payload: Record<string, unknown>): Answer {
    const chatId = payload.chat_id;
    if (chatId === undefined || chatId === '') return fail(400, 'Bad Request: chat_id is empty');
    if (blocked.has(String(chatId))) return fail(403, 'Forbidden: bot was blocked by the user');
    if (missing.has(String(chatId))) return fail(400, 'Bad Request: chat not found');
    const message: Record<string, unknown> = {
      message_id: nextMessageId,
      date: Math.floor(Date.now() / 1000),
      chat: chatOf(chatId),
      from: botUser(token),
    };
    const html = payload.parse_mode === 'HTML';
    if (method === 'sendMessage') {
      if (typeof payload.text !== 'string') return fail(400, 'Bad Request: message text is empty');
      const parsed = html ? parseTelegramHtml(payload.text) : { text: payload.text };
      if ('error' in parsed) return fail(400, parsed.error);
      if (parsed.text.trim() === '') return fail(400, 'Bad Request: message text is empty');
      if (parsed.text.length > 4096) return fail(400, 'Bad Request: message is too long');
      message.text = parsed.text;
    } else {
      const document = payload.document;
      const uploaded = typeof document === 'object' && document !== null && typeof (document as { content?: unknown }).content === 'string';
      if (!uploaded && (typeof document !== 'string' || document === '')) return fail(400, 'Bad Request: there is no document in the request');
      if (typeof payload.caption === 'string') {
        const parsed = html ? parseTelegramHtml(payload.caption) : { text: payload.caption };
        if ('error' in parsed) return fail(400, parsed.error);
        if (parsed.text.length > 1024) return fail(400, 'Bad Request: message caption is too long');
        message.caption = parsed.text;
      }
      const fileName = uploaded
        ? String((document as { filename?: unknown }).filename ?? 'document')
        : String(document).split('/').pop()?.split('?')[0] || 'document';
      message.document = { file_id: `doc-${nextMessageId}`, file_unique_id: `u${nextMessageId}`, file_name: fileName };
    }
    nextMessageId += 1;
    return ok(message);
  }

  function answer(method: string, token: string, payload: Record<string, unknown>): Answer {
    if (TRAFFIC_METHODS.has(method)) {
      const fault = faults.shift();
      if (fault?.kind === 'rate') {
        return fail(429, `Too Many Requests: retry after ${fault.retryAfterSec}`, { retry_after: fault.retryAfterSec });
      }
      if (fault?.kind === 'server') return fail(500, 'Internal Server Error');
      if (fault?.kind === 'hang') return 'hang';
    }
    switch (method) {
      case 'getMe':
        return ok({ ...botUser(token), can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'sendMessage':
      case 'sendDocument':
        return send(method, token, payload);
      case 'answerCallbackQuery':
        if (typeof payload.callback_query_id !== 'string' || payload.callback_query_id === '') {
          return fail(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        }
        return ok(true);
      case 'setWebhook': {
        const url = payload.url;
        if (typeof url !== 'string') return fail(400, 'Bad Request: bad webhook: URL is empty');
        if (url === '') {
          webhook = null;
          return ok(true);
        }
        if (!url.startsWith('https://')) return fail(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        webhook = { ...payload };
        return ok(true);
      }
      case 'deleteWebhook':
        webhook = null;
        return ok(true);
      case 'getWebhookInfo': {
        const info: Record<string, unknown> = { url: typeof webhook?.url === 'string' ? webhook.url : '', has_custom_certificate: false, pending_update_count: 0 };
        if (webhook) {
          info.max_connections = typeof webhook.max_connections === 'number' ? webhook.max_connections : 40;
          if (Array.isArray(webhook.allowed_updates)) info.allowed_updates = webhook.allowed_updates;
        }
        return ok(info);
      }
      case 'setMyCommands': {
        const list = payload.commands;
        const valid =
          Array.isArray(list) &&
          list.length <= 100 &&
          list.every((c: { command?: unknown; description?: unknown }) => {
            return (
              typeof c.command === 'string' &&
              /^[a-z0-9_]{1,32}$/.test(c.command) &&
              typeof c.description === 'string' &&
              c.description.length >= 1 &&
              c.description.length <= 256
            );
          });
        if (!valid) return fail(400, 'Bad Request: BOT_COMMAND_INVALID');
        commands.set(commandsKey(payload), list as FakeBotCommand[]);
        return ok(true);
      }
      case 'getMyCommands':
        return ok(commands.get(commandsKey(payload)) ?? []);
      default:
        return fail(404, 'Not Found');
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const body = await readBody(req);
    const reply = (a: Reply): void => {
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(a.body));
    };
    if (!match) return reply(fail(404, 'Not Found'));
    const [, token = '', method = ''] = match;
    const contentType = String(req.headers['content-type'] ?? '');
    const payload = contentType.includes('multipart/form-data')
      ? await parseMultipart(contentType, body, url.searchParams)
      : parsePayload(contentType, body, url.searchParams);
    const call: FakeCall = { method, token, payload: payload ?? {}, at: (options.now ?? Date.now)(), status: 200 };
    calls.push(call);
    if (hook) await hook(call);
    let result: Answer;
    if (!/^\d+:[A-Za-z0-9_-]+$/.test(token)) result = fail(401, 'Unauthorized');
    else if (payload === null) result = fail(400, 'Bad Request: the fake Bot API parses only JSON and form-urlencoded bodies');
    else result = answer(method, token, payload);
    if (result === 'hang') {
      call.status = 'hang';
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    call.status = result.status;
    reply(result);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const repeat = (times: number, fault: Fault): void => {
    for (let n = 0; n < times; n += 1) faults.push(fault);
  };

  return {
    apiRoot: `http://127.0.0.1:${port}/`,
    calls,
    botUsername,
    sent(chatId) {
      return calls
        .filter((c) => SEND_METHODS.has(c.method) && c.status === 200)
        .filter((c) => chatId === undefined || String(c.payload.chat_id) === String(chatId))
        .map((c) => c.payload);
    },
    fail429Next(retryAfterSec, times = 1) {
      repeat(times, { kind: 'rate', retryAfterSec });
    },
    fail5xxNext(times = 1) {
      repeat(times, { kind: 'server' });
    },
    hangNext(times = 1) {
      repeat(times, { kind: 'hang' });
    },
    blockChat(chatId) {
      blocked.add(String(chatId));
    },
    unknownChat(chatId) {
      missing.add(String(chatId));
    },
    webhook: () => webhook,
    commands(languageCode) {
      return commands.get(`default:${languageCode ?? ''}`) ?? [];
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) {
          throw new Error(`fake Telegram: condition not met within ${timeoutMs} ms; calls: ${calls.map((c) => `${c.method}:${c.status}`).join(', ') || 'none'}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    onCall(h) {
      hook = h;
    },
    reset() {
      hook = null;
      calls.length = 0;
      faults.length = 0;
      blocked.clear();
      missing.clear();
      webhook = null;
      commands = new Map();
      nextMessageId = 1;
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
