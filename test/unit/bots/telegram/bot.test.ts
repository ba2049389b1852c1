// createTelegramBot: routes updates through telegraf's handleUpdate against the fake Bot API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { botIdFromToken, createTelegramBot } from '../../../../bots/telegram/bot';
import type { InboundMessage } from '../../../../src/core/types';
import { startFakeTelegram } from '../../../fakes/telegram-api';
import type { FakeTelegram } from '../../../fakes/telegram-api';
import { loadUpdate } from './fixtures';

const TOKEN = '7000000001:AAFakeTokenForTests_only-123';
const BOT_INFO = { id: 7000000001, username: 'LoaBot', first_name: 'Loa' };

let fake: FakeTelegram;
beforeAll(async () => {
  fake = await startFakeTelegram();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.reset();
});

function collectingBot(botInfo: typeof BOT_INFO | null = BOT_INFO) {
  const received: InboundMessage[] = [];
  const bot = createTelegramBot({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    ...(botInfo ? { botInfo } : {}),
    onInbound: async (msg) => {
      received.push(msg);
    },
  });
  return { bot, received };
}

describe('createTelegramBot', () => {
  it('hands a message to onInbound and reports it stored, without calling getMe', async () => {
    const { bot, received } = collectingBot();
    await expect(bot.handleUpdate(loadUpdate('start-with-username'))).resolves.toBe('stored');
    await expect(bot.handleUpdate(loadUpdate('callback-query'))).resolves.toBe('stored');
    expect(received.map((m) => [m.eventKey, m.kind, m.text])).toEqual([
      ['tg:804120002', 'text', '/start hi'],
      ['tg:804120006', 'callback', 'lang:en'],
    ]);
    expect(fake.calls).toEqual([]);
  });

  it('ignores updates Loa does not handle', async () => {
    const { bot, received } = collectingBot();
    await expect(bot.handleUpdate(loadUpdate('edited-message'))).resolves.toBe('ignored');
    // The bot added to a group (a block in a private chat is handled: see to-inbound.test.ts).
    const addedToGroup = loadUpdate('my-chat-member');
    (addedToGroup.my_chat_member as { chat: unknown }).chat = { id: -1002233445566, title: 'MCN', type: 'supergroup' };
    await expect(bot.handleUpdate(addedToGroup)).resolves.toBe('ignored');
    await expect(bot.handleUpdate({ update_id: 5, message_reaction: {} })).resolves.toBe('ignored');
    await expect(bot.handleUpdate('not an update')).resolves.toBe('ignored');
    expect(received).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('derives the bot id from the token when botInfo is not given, still without getMe', async () => {
    const { bot, received } = collectingBot(null);
    await expect(bot.handleUpdate(loadUpdate('private-start'))).resolves.toBe('stored');
    // No username known: the suffix stays, so the core will not mistake it for our command.
    await bot.handleUpdate(loadUpdate('start-with-username'));
    expect(received.map((m) => m.text)).toEqual(['/start', '/start@LoaBot hi']);
    expect(fake.calls).toEqual([]);
    expect(botIdFromToken(TOKEN)).toBe(7000000001);
  });

  it('refuses a malformed token without echoing it', () => {
    expect(() => createTelegramBot({ token: 'secret-value', onInbound: async () => {} })).toThrow(/TELEGRAM_BOT_TOKEN/);
    try {
      botIdFromToken('secret-value');
    } catch (err) {
      expect((err as Error).message).not.toContain('secret-value');
    }
  });

  it('rejects when onInbound fails, so the route can answer 5xx, and leaves the process alone', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    const exitCodeBefore = process.exitCode;
    try {
      const bot = createTelegramBot({
        token: TOKEN,
        apiRoot: fake.apiRoot,
        botInfo: BOT_INFO,
        onInbound: async () => {
          throw new Error('database is locked');
        },
      });
      await expect(bot.handleUpdate(loadUpdate('private-start'))).rejects.toThrow('database is locked');
      // The bot keeps working for the next update.
      await expect(bot.handleUpdate(loadUpdate('edited-message'))).resolves.toBe('ignored');
      // Let any stray rejection surface before checking.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(process.exitCode).toBe(exitCodeBefore);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('exposes the telegraf client pointed at the configured API root', async () => {
    const { bot } = collectingBot();
    const me = await bot.telegram.getMe();
    expect(me.username).toBe('LoaBot');
    expect(fake.calls.map((c) => c.method)).toEqual(['getMe']);
  });
});
