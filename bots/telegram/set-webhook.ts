// Registers the webhook and the command menus with Telegram; the operator CLI scripts/set-telegram-webhook.ts calls it.
import { Telegram, TelegramError } from 'telegraf';
import type { WebhookInfo } from 'telegraf/types';
import { botIdFromToken } from './bot';
import { commandsFor } from './commands-menu';

export const WEBHOOK_PATH = '/webhooks/telegram';
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export interface SetWebhookOptions {
  token: string;
  /** Public base URL of Loa, https only (Telegram never calls plain http webhooks). */
  publicUrl: string;
  /** Sent back by Telegram as X-Telegram-Bot-Api-Secret-Token. */
  secretToken: string;
  apiRoot?: string;
  timeoutMs?: number;
}

type CallApiSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

/** Builds `<publicUrl>/webhooks/telegram`, rejecting what Telegram would refuse. */
export function webhookUrl(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error('PUBLIC_URL is not a valid URL (expected e.g. https://loa.example.vn)');
  }
  if (url.protocol !== 'https:') throw new Error('PUBLIC_URL must start with https:// (Telegram only calls HTTPS webhooks)');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${WEBHOOK_PATH}`;
}

// One line, no token: TelegramError carries the API's own words; network errors only their code.
function describe(err: unknown): string {
  if (err instanceof TelegramError) return `${err.code} ${err.description}`;
  if (err instanceof Error) {
    if (err.name === 'AbortError' || err.name === 'TimeoutError') return 'timed out';
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? `network error ${code}` : `network error (${err.name})`;
  }
  return 'unknown error';
}

/**
 * setWebhook (secret, allowed updates, pending updates kept), setMyCommands for 'vi', the default
 * scope (Vietnamese, the department's language) and 'en', then returns getWebhookInfo.
 * Throws one-line errors that never contain the token or the secret.
 */
export async function setTelegramWebhook(opts: SetWebhookOptions): Promise<WebhookInfo> {
  botIdFromToken(opts.token);
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(opts.secretToken)) {
    throw new Error('TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -');
  }
  const url = webhookUrl(opts.publicUrl);
  const telegram = new Telegram(opts.token, opts.apiRoot ? { apiRoot: opts.apiRoot } : {});
  const timeoutMs = opts.timeoutMs ?? 15_000;

  async function call<T>(method: string, payload: Record<string, unknown>): Promise<T> {
    const signal = AbortSignal.timeout(timeoutMs) as unknown as CallApiSignal;
    try {
      return (await telegram.callApi(method as 'getMe', payload as never, { signal })) as T;
    } catch (err) {
      throw new Error(`Telegram ${method} failed: ${describe(err)}`);
    }
  }

  await call('setWebhook', {
    url,
    secret_token: opts.secretToken,
    allowed_updates: [...ALLOWED_UPDATES],
    drop_pending_updates: false,
  });
  await call('setMyCommands', { commands: commandsFor('vi'), language_code: 'vi' });
  await call('setMyCommands', { commands: commandsFor('vi') });
  await call('setMyCommands', { commands: commandsFor('en'), language_code: 'en' });
  return await call<WebhookInfo>('getWebhookInfo', {});
}
