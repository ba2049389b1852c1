// Small Zalo OA API client over an HttpTransport (node:http on Node, fetch on Workers; axios measured 3x the CPU per call): consultation (CS) sends and user profile, with one token refresh + one retry on token errors.
import type { HttpTransport } from '../http/transport';
import type { Button } from '../../src/core/types';
import type { TokenStore } from '../../src/core/outbox/sender-port';
import { ZaloApiError, ZaloHttpError, isZaloTokenRejection } from './errors';
import { readZaloErrorCode, readZaloMessage, zaloHttp } from './http';
import { createZaloTokenManager, type ZaloRefreshOutcome } from './oauth';

export interface ZaloClientOptions {
  /** e.g. https://openapi.zalo.me (no trailing slash needed). */
  apiRoot: string;
  /** e.g. https://oauth.zaloapp.com */
  oauthRoot: string;
  appId: string;
  /** The App Secret (token endpoint), not the OA Secret Key (webhook signature). */
  appSecret: string;
  tokens: TokenStore;
  /** Whole-request deadline for each HTTP call. */
  timeoutMs?: number;
  /** Used once, when the store is empty (ZALO_REFRESH_TOKEN). */
  initialRefreshToken?: string;
  /** Clock for token expiry; defaults to the system clock. */
  now?: () => Date;
  /** How HTTP calls are made: node:http on Node, fetch on Workers. */
  http: HttpTransport;
  /** Token-refresh coordination lines (never a token). */
  log?: (msg: string, fields?: Record<string, string | number>) => void;
}

export interface ZaloSendResult {
  /** data.message_id: keep it per send (quotes, receipts). */
  messageId?: string;
  /** data.sent_time, ms as a string. */
  sentTime?: string;
  /** data.quota.quota_type when present (reply = free 48 h window). */
  quotaType?: string;
}

export interface ZaloSendTextOptions {
  /** A user msg_id to quote. */
  quoteMessageId?: string;
}

export interface ZaloTemplate {
  text: string;
  /** At most 5 are sent (Zalo's limit); titles are cut to 100 characters. */
  buttons: Button[];
}

/** The fields of /v3.0/oa/user/detail Loa may use; the rest is kept loosely. Personal data: never log it. */
export interface ZaloUserDetail {
  user_id: string;
  display_name?: string;
  user_is_follower?: boolean;
  /** "DD/MM/YYYY" */
  user_last_interaction_date?: string;
  avatar?: string;
  [key: string]: unknown;
}

export interface ZaloClient {
  sendText(userId: string, text: string, opts?: ZaloSendTextOptions): Promise<ZaloSendResult>;
  sendTemplate(userId: string, template: ZaloTemplate): Promise<ZaloSendResult>;
  /**
   * A paid ZBS template message (`POST /v3.0/oa/message/template`): allowed outside the 7-day
   * window, billed per message, the template approved beforehand in the Zalo Business console.
   */
  sendZbsTemplate(userId: string, templateId: string, data: Record<string, string>): Promise<ZaloSendResult>;
  getUserDetail(userId: string): Promise<ZaloUserDetail>;
  /** For the scheduled job: refresh when the token expires within `marginMs` (default 1 h). */
  refreshIfExpiringSoon(now: Date, marginMs?: number): Promise<ZaloRefreshOutcome>;
  /** For the operator script. */
  forceRefresh(): Promise<ZaloRefreshOutcome>;
}

const MAX_BUTTONS = 5;
const MAX_BUTTON_TITLE = 100;
const MAX_BUTTON_PAYLOAD = 1000;

function cut(s: string, max: number): string {
  const cps = [...s];
  return cps.length <= max ? s : cps.slice(0, max).join('');
}

/**
 * The `message` object of a text with buttons: `oa.query.show` buttons send `data` back as a user
 * text (so a tap also counts as an interaction), `oa.open.url` buttons open `url`.
 *
 * The only place that knows this shape, because it is the least certain part of the API
 * (zalo-oa.md §4.1, §10.3): the v2-era `template_type:"list"` needs `elements` whose titles are
 * ≤ 100 characters, which cannot carry a 2,000-character text, so we send the text with the
 * buttons of that list family under `attachment.payload.buttons`, the form public v3 callers use.
 * The sender falls back to plain text if Zalo answers -201.
 */
export function buildZaloButtonMessage(text: string, buttons: Button[]): Record<string, unknown> {
  const zaloButtons = buttons.slice(0, MAX_BUTTONS).map((b) =>
    b.url
      ? { title: cut(b.label, MAX_BUTTON_TITLE), type: 'oa.open.url', payload: { url: b.url } }
      : { title: cut(b.label, MAX_BUTTON_TITLE), type: 'oa.query.show', payload: cut(b.reply ?? b.data, MAX_BUTTON_PAYLOAD) },
  );
  return {
    text,
    attachment: { type: 'template', payload: { buttons: zaloButtons } },
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

interface Envelope {
  data: Record<string, unknown>;
}

function toSendResult(env: Envelope): ZaloSendResult {
  const out: ZaloSendResult = {};
  const { data } = env;
  if (typeof data.message_id === 'string' || typeof data.message_id === 'number') out.messageId = String(data.message_id);
  // Template (ZNS/ZBS) sends answer `msg_id`.
  else if (typeof data.msg_id === 'string' || typeof data.msg_id === 'number') out.messageId = String(data.msg_id);
  if (typeof data.sent_time === 'string' || typeof data.sent_time === 'number') out.sentTime = String(data.sent_time);
  const quota = data.quota;
  if (quota && typeof quota === 'object' && typeof (quota as Record<string, unknown>).quota_type === 'string') {
    out.quotaType = (quota as Record<string, string>).quota_type;
  }
  return out;
}

// Our own client because there is no maintained Zalo OA SDK for Node (the official SDKs are PHP and Java; npm packages target the Bot Platform or are abandoned).
export function createZaloClient(opts: ZaloClientOptions): ZaloClient {
  const apiRoot = trimSlash(opts.apiRoot);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const { http } = opts;
  const now = opts.now ?? ((): Date => new Date());
  const tokens = createZaloTokenManager({
    oauthRoot: trimSlash(opts.oauthRoot),
    appId: opts.appId,
    appSecret: opts.appSecret,
    tokens: opts.tokens,
    http,
    timeoutMs,
    now,
    ...(opts.initialRefreshToken ? { initialRefreshToken: opts.initialRefreshToken } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });

  async function callOnce(
    method: 'GET' | 'POST',
    path: string,
    accessToken: string,
    req: { params?: Record<string, string>; body?: unknown },
  ): Promise<Envelope> {
    const res = await zaloHttp(http, {
      method,
      url: `${apiRoot}${path}`,
      endpoint: path,
      // Bare token in its own header: no "Bearer" (zalo-oa.md §3).
      headers: { access_token: accessToken, ...(req.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(req.params ? { params: req.params } : {}),
      ...(req.body === undefined ? {} : { data: req.body }),
      timeoutMs,
    });
    const code = readZaloErrorCode(res.data);
    if (code === undefined) {
      throw new ZaloHttpError({ endpoint: path, status: res.status, detail: 'answer is not a Zalo JSON envelope' });
    }
    // Zalo answers errors with HTTP 200 and error != 0: the status says nothing.
    if (code !== 0) throw new ZaloApiError(code, readZaloMessage(res.data), path);
    const data = (res.data as Record<string, unknown>).data;
    return { data: data && typeof data === 'object' ? (data as Record<string, unknown>) : {} };
  }

  /** One call; on a token rejection, one refresh and one retry. A second rejection propagates. */
  async function call(method: 'GET' | 'POST', path: string, req: { params?: Record<string, string>; body?: unknown }): Promise<Envelope> {
    const token = await tokens.getAccessToken();
    try {
      return await callOnce(method, path, token, req);
    } catch (err) {
      if (!isZaloTokenRejection(err)) throw err;
      const fresh = await tokens.refreshAfterRejection(token);
      return callOnce(method, path, fresh, req);
    }
  }

  return {
    async sendText(userId, text, sendOpts) {
      const message: Record<string, unknown> = { text };
      if (sendOpts?.quoteMessageId) message.quote_message_id = sendOpts.quoteMessageId;
      const env = await call('POST', '/v3.0/oa/message/cs', { body: { recipient: { user_id: userId }, message } });
      return toSendResult(env);
    },

    async sendTemplate(userId, template) {
      const message = buildZaloButtonMessage(template.text, template.buttons);
      const env = await call('POST', '/v3.0/oa/message/cs', { body: { recipient: { user_id: userId }, message } });
      return toSendResult(env);
    },

    async sendZbsTemplate(userId, templateId, data) {
      const env = await call('POST', '/v3.0/oa/message/template', { body: { user_id: userId, template_id: templateId, template_data: data } });
      return toSendResult(env);
    },

    async getUserDetail(userId) {
      // GET parameters travel as one URL-encoded JSON `data` parameter.
      const env = await call('GET', '/v3.0/oa/user/detail', { params: { data: JSON.stringify({ user_id: userId }) } });
      const id = env.data.user_id;
      return { ...env.data, user_id: typeof id === 'string' ? id : userId };
    },

    refreshIfExpiringSoon: (at, marginMs) => tokens.refreshIfExpiringSoon(at, marginMs),
    forceRefresh: () => tokens.forceRefresh(),
  };
}
