// Telegram implementation of the outbox PlatformSender: one Bot API call per rendered part, failures as DeliveryError.
import { TelegramError } from 'telegraf';
import { HttpTransportError, parseJsonText, type HttpTransport } from '../http/transport';
import type { PlatformSender, RenderedPart, SendResult } from '../../src/core/outbox/sender-port';
import { DeliveryError } from '../../src/core/errors';
import { render } from './render';

export interface TelegramSenderOptions {
  token: string;
  /** Bot API root; defaults to https://api.telegram.org. A path prefix needs a trailing slash. */
  apiRoot?: string;
  /** Per-call time-out; a call that takes longer is aborted and retried later. */
  timeoutMs?: number;
  /** How JSON calls are made: node:http on Node, fetch on Workers (see bots/http/transport.ts). */
  http: HttpTransport;
}

const SEND_METHODS = new Set(['sendMessage', 'sendDocument']);

interface UploadDocument {
  upload: true;
  filename: string;
  content: string;
  mimeType: string;
}

interface BotApiAnswer {
  ok?: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/**
 * Maps a failed Bot API call to what the dispatcher must do. Reasons are fixed codes: Telegram's
 * descriptions and network messages can carry chat ids or the API URL, so they are not copied.
 */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof TelegramError) {
    const code = err.code;
    const description = err.description ?? '';
    if (code === 429) {
      const retryAfter = err.parameters?.retry_after;
      return new DeliveryError('retry', 'telegram_rate_limited', typeof retryAfter === 'number' ? retryAfter * 1000 : undefined);
    }
    if (code >= 500) return new DeliveryError('retry', 'telegram_server_error');
    // Blocked by the user, kicked from the group, user deactivated: this chat is gone for us.
    if (code === 403) return new DeliveryError('permanent', 'telegram_blocked', undefined, true);
    if (code === 400) {
      if (/chat not found/i.test(description)) return new DeliveryError('permanent', 'telegram_chat_not_found');
      if (err.parameters?.migrate_to_chat_id !== undefined) return new DeliveryError('permanent', 'telegram_chat_migrated');
      return new DeliveryError('permanent', 'telegram_bad_request');
    }
    // 401/404 mean a wrong token or API root: a configuration fault, not this recipient's.
    if (code === 401 || code === 404) return new DeliveryError('retry', 'telegram_unauthorized');
    return new DeliveryError('retry', `telegram_error_${code}`);
  }
  if (err instanceof HttpTransportError && err.timedOut) return new DeliveryError('retry', 'telegram_timeout');
  const name = err instanceof Error ? err.name : '';
  if (name === 'AbortError' || name === 'TimeoutError') return new DeliveryError('retry', 'telegram_timeout');
  return new DeliveryError('retry', 'telegram_network_error');
}

export function createTelegramSender(opts: TelegramSenderOptions): PlatformSender {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const root = (opts.apiRoot ?? 'https://api.telegram.org/').replace(/\/?$/, '/');

  /**
   * The Bot API answer to a failed call, as the TelegramError telegraf would have thrown. An
   * answer that is not Bot API JSON (an HTML 403 from a proxy, a gateway page) says nothing about
   * the recipient: it is retried, never recorded as "blocked" or "bad request".
   */
  const answerError = (body: BotApiAnswer | null, status: number): DeliveryError => {
    if (!body || typeof body !== 'object' || typeof body.ok !== 'boolean') return new DeliveryError('retry', `telegram_http_${status}`);
    return toDeliveryError(
      new TelegramError({
        error_code: body.error_code ?? status,
        description: body.description ?? `HTTP ${status}`,
        ...(body.parameters ? { parameters: body.parameters } : {}),
      }),
    );
  };

  /** One JSON Bot API call (the same request telegraf's callApi makes, at about half its CPU). */
  async function call<T>(method: string, payload: Record<string, unknown>): Promise<T> {
    let res;
    try {
      res = await opts.http({
        method: 'POST',
        url: `${root}bot${opts.token}/${method}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        timeoutMs,
      });
    } catch (err) {
      throw toDeliveryError(err);
    }
    const body = (parseJsonText(res.text) ?? null) as BotApiAnswer | null;
    if (body?.ok === true) return body.result as T;
    throw answerError(body, res.status);
  }

  /**
   * sendDocument with the file's bytes, as multipart built with the web-standard FormData and
   * fetch (telegraf's multipart uses Node streams, which do not survive on Workers).
   */
  async function upload(method: string, chatId: string, payload: Record<string, unknown>, doc: UploadDocument) {
    const form = new FormData();
    form.set('chat_id', chatId);
    for (const [k, v] of Object.entries(payload)) {
      if (k === 'document' || v === undefined) continue;
      form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    }
    form.set('document', new Blob([doc.content], { type: doc.mimeType }), doc.filename);
    let res: Response;
    try {
      res = await fetch(`${root}bot${opts.token}/${method}`, { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new DeliveryError('retry', err instanceof Error && err.name === 'TimeoutError' ? 'telegram_timeout' : 'telegram_network_error');
    }
    const body = (await res.json().catch(() => null)) as BotApiAnswer | null;
    if (body?.ok === true) return (body.result as { message_id?: number } | undefined) ?? true;
    throw answerError(body, res.status);
  }

  return {
    platform: 'telegram',
    render,
    async sendPart(chatId: string, part: RenderedPart): Promise<SendResult> {
      const { method, ...payload } = part;
      if (typeof method !== 'string' || !SEND_METHODS.has(method)) {
        throw new DeliveryError('permanent', 'telegram_invalid_part');
      }
      const doc = payload.document;
      const result =
        typeof doc === 'object' && doc !== null
          ? await upload(method, chatId, payload, doc as UploadDocument)
          : await call<{ message_id?: number } | true>(method, { ...payload, chat_id: chatId });
      return typeof result === 'object' && typeof result.message_id === 'number' ? { messageId: String(result.message_id) } : {};
    },
    async answerCallback(callbackId: string, text?: string): Promise<void> {
      await call<true>('answerCallbackQuery', { callback_query_id: callbackId, ...(text ? { text } : {}) });
    },
  };
}
