// setTelegramWebhook against the fake Bot API, and the command menu it installs.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TELEGRAM_COMMANDS, commandsFor } from '../../../../bots/telegram/commands-menu';
import { setTelegramWebhook, webhookUrl } from '../../../../bots/telegram/set-webhook';
import { startFakeTelegram } from '../../../fakes/telegram-api';
import type { FakeTelegram } from '../../../fakes/telegram-api';

const TOKEN = '7000000001:AAFakeTokenForTests_only-123';
const SECRET = 'webhook-Secret_123';

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

describe('commands menu', () => {
  it('has valid, unique Telegram command names and descriptions in both languages', () => {
    expect(TELEGRAM_COMMANDS).toHaveLength(13);
    for (const lang of ['vi', 'en'] as const) {
      const list = commandsFor(lang);
      expect(new Set(list.map((c) => c.command)).size).toBe(list.length);
      for (const c of list) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThanOrEqual(1);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
    expect(commandsFor('vi')[0]).toEqual({ command: 'batdau', description: 'Giới thiệu Loa' });
    expect(commandsFor('en').at(-1)).toEqual({ command: 'language', description: 'Language' });
  });
});

describe('setTelegramWebhook', () => {
  it('sets the webhook with the secret, the command menus for vi, default and en, and returns the info', async () => {
    const info = await setTelegramWebhook({ token: TOKEN, apiRoot: fake.apiRoot, publicUrl: 'https://loa.example.vn/', secretToken: SECRET });
    expect(fake.calls.map((c) => c.method)).toEqual(['setWebhook', 'setMyCommands', 'setMyCommands', 'setMyCommands', 'getWebhookInfo']);
    expect(fake.calls[0]?.payload).toEqual({
      url: 'https://loa.example.vn/webhooks/telegram',
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
      drop_pending_updates: false,
    });
    expect(fake.calls.every((c) => c.token === TOKEN)).toBe(true);
    expect(fake.commands('vi')).toEqual(commandsFor('vi'));
    expect(fake.commands()).toEqual(commandsFor('vi'));
    expect(fake.commands('en')).toEqual(commandsFor('en'));
    expect(info).toMatchObject({ url: 'https://loa.example.vn/webhooks/telegram', pending_update_count: 0, allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
  });

  it('keeps a path prefix of the public URL', () => {
    expect(webhookUrl('https://example.vn/loa//')).toBe('https://example.vn/loa/webhooks/telegram');
  });

  it('fails with one-line errors that never contain the token or the secret', async () => {
    const attempts: Array<[Parameters<typeof setTelegramWebhook>[0], RegExp]> = [
      [{ token: TOKEN, apiRoot: fake.apiRoot, publicUrl: 'http://loa.example.vn', secretToken: SECRET }, /https:\/\//],
      [{ token: TOKEN, apiRoot: fake.apiRoot, publicUrl: 'not a url', secretToken: SECRET }, /PUBLIC_URL/],
      [{ token: TOKEN, apiRoot: fake.apiRoot, publicUrl: 'https://loa.example.vn', secretToken: 'has spaces!' }, /TELEGRAM_WEBHOOK_SECRET/],
      [{ token: 'oops', apiRoot: fake.apiRoot, publicUrl: 'https://loa.example.vn', secretToken: SECRET }, /TELEGRAM_BOT_TOKEN/],
      [{ token: TOKEN, apiRoot: `${fake.apiRoot}missing/`, publicUrl: 'https://loa.example.vn', secretToken: SECRET }, /setWebhook failed: 404 Not Found/],
    ];
    for (const [opts, expected] of attempts) {
      const err = await setTelegramWebhook(opts).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(expected);
      expect(err?.message).not.toContain('\n');
      expect(err?.message).not.toContain('AAFakeToken');
      expect(err?.message).not.toContain(SECRET);
    }
  });
});
