// telegraf used only as an update router: our HTTP route calls handleUpdate; no polling, no webhookCallback.
import { Telegraf } from 'telegraf';
import type { Telegram } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import type { InboundMessage } from '../../src/core/types';
import { toInboundMessage } from './to-inbound';

export interface TelegramBotInfo {
  id: number;
  username: string;
  first_name: string;
}

export interface TelegramBotOptions {
  token: string;
  /** Bot API root, e.g. https://api.telegram.org or a fake's `http://127.0.0.1:PORT/`. */
  apiRoot?: string;
  /**
   * The bot's identity from getMe, fetched once at start. Without it the id comes from the token
   * prefix and the username is empty, so `/cmd@LoaBot` in groups keeps its suffix until it is given.
   */
  botInfo?: TelegramBotInfo;
  /** Stores the message durably; handleUpdate resolves only after it does. */
  onInbound: (msg: InboundMessage) => Promise<void>;
  /** Clock for callbacks (they carry no timestamp). */
  now?: () => Date;
}

export type HandleResult = 'stored' | 'ignored';

export interface TelegramBot {
  /**
   * Routes one parsed Update. Resolves 'stored' after onInbound succeeded, 'ignored' for updates Loa
   * does not handle; rejects when onInbound (or telegraf) fails, so the route can answer 5xx and
   * Telegram redelivers.
   */
  handleUpdate(update: unknown): Promise<HandleResult>;
  telegram: Telegram;
}

/** Placeholder username when botInfo is not given: matches no `@mention`. */
export const UNKNOWN_BOT_USERNAME = '';

/** The bot id is the token's numeric prefix (`123456:ABC...`). Never echoes the token. */
export function botIdFromToken(token: string): number {
  const match = /^(\d+):[A-Za-z0-9_-]+$/.exec(token);
  if (!match?.[1]) throw new Error('Telegram bot token is malformed: expected "<digits>:<secret>" (check TELEGRAM_BOT_TOKEN)');
  return Number(match[1]);
}

function toUserFromGetMe(info: TelegramBotInfo): UserFromGetMe {
  return {
    id: info.id,
    is_bot: true,
    first_name: info.first_name,
    username: info.username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
}

export function createTelegramBot(opts: TelegramBotOptions): TelegramBot {
  const info: TelegramBotInfo = opts.botInfo ?? {
    id: botIdFromToken(opts.token),
    username: UNKNOWN_BOT_USERNAME,
    first_name: 'Loa',
  };
  const now = opts.now ?? (() => new Date());
  const bot = new Telegraf(opts.token, opts.apiRoot ? { telegram: { apiRoot: opts.apiRoot } } : {});
  // Preset so telegraf never calls getMe per update (each call would be a network round trip).
  bot.botInfo = toUserFromGetMe(info);
  // Replace telegraf's default handler, which logs the whole update (personal data) and sets
  // process.exitCode = 1. Rethrowing makes bot.handleUpdate reject, and our route answers 5xx.
  bot.catch((err) => {
    throw err;
  });

  // telegraf's handleUpdate resolves void; the outcome travels out keyed by the update object,
  // which telegraf hands to the context unchanged.
  const stored = new WeakSet<object>();
  bot.use(async (ctx) => {
    const msg = toInboundMessage(ctx.update, info.username, now());
    if (!msg) return;
    await opts.onInbound(msg);
    stored.add(ctx.update);
  });

  return {
    telegram: bot.telegram,
    async handleUpdate(update: unknown): Promise<HandleResult> {
      // Not an Update at all: telegraf would throw on it, and retrying cannot fix it.
      if (typeof update !== 'object' || update === null || typeof (update as { update_id?: unknown }).update_id !== 'number') {
        return 'ignored';
      }
      await bot.handleUpdate(update as Update);
      return stored.has(update) ? 'stored' : 'ignored';
    },
  };
}
