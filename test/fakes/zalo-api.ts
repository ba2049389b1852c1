// A real HTTP fake of the Zalo OA API and OAuth v4 token endpoint on 127.0.0.1 (random port), so the HTTP transport, time-outs, refreshes and retries run for real.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenPair, TokenStore } from '../../src/core/outbox/sender-port';

export interface RecordedCall {
  /** Order of arrival over the server's life (0-based). */
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: {
    accessToken?: string;
    secretKey?: string;
    contentType?: string;
  };
  /** Parsed JSON, a form as a plain object, or the raw text when neither parses. */
  body: unknown;
}

export interface SentMessage {
  userId: string;
  /** message.text ('' for a template without text). */
  text: string;
  /** The whole `message` object as received. */
  payload: Record<string, unknown>;
  messageId: string;
}

export interface TemplateSend {
  userId: string;
  templateId: string;
  data: Record<string, unknown>;
}

export interface FakeZaloOptions {
  appId?: string;
  appSecret?: string;
  /** expires_in as the token endpoint answers it (a string, like Zalo). */
  expiresIn?: string;
}

export interface FakeTokens {
  accessToken: string;
  refreshToken: string;
}

export interface FakeZalo {
  /** API root (use as apiRoot). */
  url: string;
  /** OAuth root (same server). */
  oauthUrl: string;
  appId: string;
  appSecret: string;
  /** Every request, in order. */
  calls: RecordedCall[];
  /** Successful CS sends, in order. */
  sent(): SentMessage[];
  /** The pair the server currently accepts. */
  tokens(): FakeTokens;
  /** Mints a fresh valid pair, as if an OA admin granted the app again; the previous pair dies. */
  issueTokens(): FakeTokens;
  /** Every refresh token presented to the token endpoint, valid or not, in order. */
  usedRefreshTokens: string[];
  /** Successful rotations so far. */
  refreshCount(): number;
  /** The next `times` API calls answer HTTP 200 `{error: code, message}`. */
  failNext(code: number, times?: number, message?: string): void;
  /** The next `times` API calls answer this HTTP status. */
  failHttp(status: number, times?: number): void;
  /** The next `times` API calls never get an answer (until close). */
  hangNext(times?: number): void;
  /** The next `times` token-endpoint calls answer `{error: code}` without rotating. */
  failRefreshNext(code: number, times?: number): void;
  /** The current access token is refused with -216 until a refresh mints a new one. */
  setAccessTokenExpired(): void;
  /** Token-endpoint calls wait unanswered (recorded at arrival) until the returned release is called; then they are answered in arrival order. */
  holdRefreshes(): () => void;
  /** CS sends to this user answer -230 (no interaction in 7 days). */
  markOutsideWindow(userId: string): void;
  /** The user interacted again: sends go through. */
  markInteracted(userId: string): void;
  /** CS sends to this user answer this code (e.g. -213 not a follower); 0 clears it. */
  setUserError(userId: string, code: number): void;
  /** Profile answered by /v3.0/oa/user/detail for this user. */
  setUserDetail(userId: string, detail: Record<string, unknown>): void;
  /** Polls `predicate` every few ms until it is true; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Successful ZBS template sends (`/v3.0/oa/message/template`), in order. */
  templateSends(): TemplateSend[];
  /** Template sends to this user answer this code (e.g. -230, -232); 0 clears it. */
  setTemplateUserError(userId: string, code: number): void;
  close(): Promise<void>;
}

type Fault = { kind: 'api'; code: number; message: string } | { kind: 'http'; status: number } | { kind: 'hang' };

const ERROR_MESSAGES: Record<number, string> = {
  [-32]: 'The request exceeds the limit',
  [-201]: 'Parameters are invalid',
  [-213]: 'User has not followed OA',
  [-216]: 'Access token is invalid',
  [-230]: 'User has not interacted with the OA in the past 7 days',
  [-14014]: 'Invalid refresh token',
};

function token(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// It mimics the documented behaviour (zalo-oa.md): errors as HTTP 200 + `error`, single-use rotating refresh tokens, -216 for any stale access token.
export async function startFakeZalo(opts: FakeZaloOptions = {}): Promise<FakeZalo> {
  const appId = opts.appId ?? '2718281828459045235';
  const appSecret = opts.appSecret ?? 'fake-app-secret';
  const expiresIn = opts.expiresIn ?? '90000';

  let current: FakeTokens = { accessToken: token('at'), refreshToken: token('rt') };
  let accessExpired = false;
  let rotations = 0;
  let seq = 0;
  let msgCounter = 0;
  const calls: RecordedCall[] = [];
  const sentMessages: SentMessage[] = [];
  const usedRefreshTokens: string[] = [];
  const faults: Fault[] = [];
  const refreshFaults: number[] = [];
  const outsideWindow = new Set<string>();
  const userErrors = new Map<string, number>();
  const templateErrors = new Map<string, number>();
  const templateSends: TemplateSend[] = [];
  const userDetails = new Map<string, Record<string, unknown>>();
  let heldRefreshes: (() => void)[] | null = null;

  function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  function zaloError(res: ServerResponse, code: number, message?: string): void {
    send(res, 200, { error: code, message: message ?? ERROR_MESSAGES[code] ?? `Error ${code}` });
  }

  function handleToken(req: IncomingMessage, res: ServerResponse, body: unknown, recorded = false): void {
    if (header(req, 'secret_key') !== appSecret) return zaloError(res, -14001, 'Invalid secret key');
    const form = isRecord(body) ? body : {};
    const presented = typeof form.refresh_token === 'string' ? form.refresh_token : '';
    if (form.grant_type !== 'refresh_token') return zaloError(res, -14004, 'Invalid grant type');
    if (!recorded) usedRefreshTokens.push(presented);
    const fault = refreshFaults.shift();
    if (fault !== undefined) return zaloError(res, fault);
    if (form.app_id !== appId) return zaloError(res, -14002, 'Invalid app id');
    if (!presented || presented !== current.refreshToken) return zaloError(res, -14014);
    // Rotation: both tokens change and the old ones die at once.
    current = { accessToken: token('at'), refreshToken: token('rt') };
    accessExpired = false;
    rotations++;
    send(res, 200, { access_token: current.accessToken, refresh_token: current.refreshToken, expires_in: expiresIn });
  }

  function handleSendCs(res: ServerResponse, body: unknown): void {
    const recipient = isRecord(body) && isRecord(body.recipient) ? body.recipient : undefined;
    const message = isRecord(body) && isRecord(body.message) ? body.message : undefined;
    const userId = typeof recipient?.user_id === 'string' ? recipient.user_id : '';
    if (!userId || !message) return zaloError(res, -201, 'recipient or message is invalid!');
    const text = message.text;
    if (text !== undefined && (typeof text !== 'string' || [...text].length > 2000)) {
      return zaloError(res, -201, 'text is invalid!');
    }
    if (text === undefined && !isRecord(message.attachment)) return zaloError(res, -201, 'message is invalid!');
    const userError = userErrors.get(userId);
    if (userError) return zaloError(res, userError);
    if (outsideWindow.has(userId)) return zaloError(res, -230);
    msgCounter++;
    const messageId = `${randomBytes(8).toString('hex')}${String(msgCounter).padStart(8, '0')}`;
    sentMessages.push({ userId, text: typeof text === 'string' ? text : '', payload: message, messageId });
    send(res, 200, {
      data: {
        message_id: messageId,
        user_id: userId,
        sent_time: String(Date.now()),
        quota: { quota_type: 'reply', remain: '8', total: '8' },
      },
      error: 0,
      message: 'Success',
    });
  }

  // ZBS template by UID (zalo-oa.md §4.2): `{user_id, template_id, template_data}`; not bound to the 7-day window.
  function handleSendTemplate(res: ServerResponse, body: unknown): void {
    const userId = isRecord(body) && typeof body.user_id === 'string' ? body.user_id : '';
    const templateId = isRecord(body) && typeof body.template_id === 'string' ? body.template_id : '';
    const data = isRecord(body) && isRecord(body.template_data) ? body.template_data : undefined;
    if (!userId || !templateId || !data) return zaloError(res, -201, 'user_id, template_id or template_data is invalid!');
    const userError = templateErrors.get(userId);
    if (userError) return zaloError(res, userError);
    msgCounter++;
    templateSends.push({ userId, templateId, data });
    send(res, 200, { data: { msg_id: `tpl${String(msgCounter).padStart(8, '0')}`, sent_time: String(Date.now()) }, error: 0, message: 'Success' });
  }

  function handleUserDetail(res: ServerResponse, query: Record<string, string>): void {
    let userId = '';
    try {
      const data = JSON.parse(query.data ?? '') as unknown;
      if (isRecord(data) && typeof data.user_id === 'string') userId = data.user_id;
    } catch {
      // falls through to -201
    }
    if (!userId) return zaloError(res, -201, 'user_id is invalid!');
    const detail = userDetails.get(userId) ?? { display_name: 'Người dùng thử', user_is_follower: true };
    send(res, 200, { data: { user_id: userId, ...detail }, error: 0, message: 'Success' });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = await readBody(req);
      const contentType = header(req, 'content-type');
      const body = parseBody(raw, contentType);
      const headers: RecordedCall['headers'] = {};
      const at = header(req, 'access_token');
      const sk = header(req, 'secret_key');
      if (at !== undefined) headers.accessToken = at;
      if (sk !== undefined) headers.secretKey = sk;
      if (contentType !== undefined) headers.contentType = contentType;
      calls.push({
        seq: seq++,
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body,
      });

      if (req.method === 'POST' && url.pathname === '/v4/oa/access_token') {
        if (heldRefreshes) {
          const form = isRecord(body) ? body : {};
          usedRefreshTokens.push(typeof form.refresh_token === 'string' ? form.refresh_token : '');
          heldRefreshes.push(() => handleToken(req, res, body, true));
          return;
        }
        return handleToken(req, res, body);
      }

      const fault = faults.shift();
      if (fault?.kind === 'hang') return; // never answered; close() destroys the socket
      if (fault?.kind === 'http') return send(res, fault.status, { error: fault.status, message: 'HTTP error' });
      if (fault?.kind === 'api') return zaloError(res, fault.code, fault.message);

      if (at !== current.accessToken || accessExpired) return zaloError(res, -216);
      if (req.method === 'POST' && url.pathname === '/v3.0/oa/message/cs') return handleSendCs(res, body);
      if (req.method === 'POST' && url.pathname === '/v3.0/oa/message/template') return handleSendTemplate(res, body);
      if (req.method === 'GET' && url.pathname === '/v3.0/oa/user/detail') {
        return handleUserDetail(res, Object.fromEntries(url.searchParams));
      }
      send(res, 404, { error: 404, message: 'Not found' });
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { error: 500, message: 'fake crashed' });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const repeat = (times: number, fn: () => void): void => {
    for (let i = 0; i < times; i++) fn();
  };

  return {
    url: base,
    oauthUrl: base,
    appId,
    appSecret,
    calls,
    sent: () => [...sentMessages],
    tokens: () => ({ ...current }),
    issueTokens() {
      current = { accessToken: token('at'), refreshToken: token('rt') };
      accessExpired = false;
      return { ...current };
    },
    usedRefreshTokens,
    refreshCount: () => rotations,
    failNext(code, times = 1, message) {
      repeat(times, () => faults.push({ kind: 'api', code, message: message ?? ERROR_MESSAGES[code] ?? `Error ${code}` }));
    },
    failHttp(status, times = 1) {
      repeat(times, () => faults.push({ kind: 'http', status }));
    },
    hangNext(times = 1) {
      repeat(times, () => faults.push({ kind: 'hang' }));
    },
    failRefreshNext(code, times = 1) {
      repeat(times, () => refreshFaults.push(code));
    },
    setAccessTokenExpired() {
      accessExpired = true;
    },
    holdRefreshes() {
      const held: (() => void)[] = [];
      heldRefreshes = held;
      return () => {
        if (heldRefreshes === held) heldRefreshes = null;
        for (const answer of held.splice(0)) answer();
      };
    },
    markOutsideWindow(userId) {
      outsideWindow.add(userId);
    },
    markInteracted(userId) {
      outsideWindow.delete(userId);
    },
    templateSends: () => [...templateSends],
    setTemplateUserError(userId, code) {
      if (code === 0) templateErrors.delete(userId);
      else templateErrors.set(userId, code);
    },
    setUserError(userId, code) {
      if (code === 0) userErrors.delete(userId);
      else userErrors.set(userId, code);
    },
    setUserDetail(userId, detail) {
      userDetails.set(userId, detail);
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`fake Zalo: condition not met within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hung requests keep their sockets open; end them so close() returns.
        server.closeAllConnections();
      });
    },
  };
}

/** In-memory TokenStore for tests; records every save and can fail saves on demand. */
export interface MemoryTokenStore extends TokenStore {
  current(): TokenPair | null;
  saves: TokenPair[];
  loads(): number;
  /** Called inside save(), before the pair becomes current (e.g. to record what the fake had seen by then). */
  onSave?: (pair: TokenPair) => void;
  /** The next save() rejects (simulates a database failure). */
  failNextSave(): void;
  /** Replace the stored pair from outside (simulates another process rotating). */
  set(pair: TokenPair | null): void;
}

export function createMemoryTokenStore(initial: TokenPair | null = null): MemoryTokenStore {
  let pair = initial;
  let loadCount = 0;
  let failSave = false;
  const store: MemoryTokenStore = {
    saves: [],
    current: () => pair,
    loads: () => loadCount,
    failNextSave() {
      failSave = true;
    },
    set(next) {
      pair = next;
    },
    async load() {
      loadCount++;
      return pair ? { ...pair } : null;
    },
    async save(next) {
      if (failSave) {
        failSave = false;
        throw new Error('token store unavailable');
      }
      store.onSave?.(next);
      store.saves.push({ ...next });
      pair = { ...next };
    },
  };
  return store;
}

/** A TokenPair for the fake's current tokens, valid for 25 h from `now`. */
export function pairFromFake(fake: FakeZalo, now = new Date()): TokenPair {
  const { accessToken, refreshToken } = fake.tokens();
  return { accessToken, refreshToken, expiresAt: new Date(now.getTime() + 90_000_000), updatedAt: now };
}
