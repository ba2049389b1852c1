// The fake Bot API itself: routing, body formats, fault injection and the HTML checker.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseTelegramHtml, startFakeTelegram } from '../../../fakes/telegram-api';
import type { FakeTelegram } from '../../../fakes/telegram-api';

const TOKEN = '7000000001:AAFakeTokenForTests_only-123';

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

async function post(method: string, body: string, contentType: string, token = TOKEN) {
  const res = await fetch(`${fake.apiRoot}bot${token}/${method}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('fake Telegram Bot API', () => {
  it('answers getMe and real-shaped messages with increasing ids', async () => {
    expect(fake.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const me = await post('getMe', '{}', 'application/json');
    expect(me.json).toMatchObject({ ok: true, result: { id: 7000000001, is_bot: true, username: 'LoaBot' } });
    const first = await post('sendMessage', JSON.stringify({ chat_id: 5, text: 'a' }), 'application/json');
    const second = await post('sendMessage', 'chat_id=-100123&text=b&reply_markup=%7B%22inline_keyboard%22%3A%5B%5D%7D', 'application/x-www-form-urlencoded');
    expect(first.json).toMatchObject({ ok: true, result: { message_id: 1, chat: { id: 5, type: 'private' }, text: 'a' } });
    expect(second.json).toMatchObject({ ok: true, result: { message_id: 2, chat: { id: -100123, type: 'supergroup' }, text: 'b' } });
    expect(fake.sent('-100123')).toEqual([{ chat_id: '-100123', text: 'b', reply_markup: { inline_keyboard: [] } }]);
    expect(fake.calls.every((c, i, all) => i === 0 || c.at >= (all[i - 1]?.at ?? 0))).toBe(true);
  });

  it('answers 404 for unknown methods and 401 for malformed tokens', async () => {
    expect(await post('sendSticker', '{}', 'application/json')).toEqual({
      status: 404,
      json: { ok: false, error_code: 404, description: 'Not Found' },
    });
    expect((await post('getMe', '{}', 'application/json', 'nope')).status).toBe(401);
  });

  it('answers 429 with retry_after, only for the requested number of calls', async () => {
    fake.fail429Next(7, 2);
    const body = JSON.stringify({ chat_id: 5, text: 'a' });
    const a = await post('sendMessage', body, 'application/json');
    const b = await post('sendMessage', body, 'application/json');
    const c = await post('sendMessage', body, 'application/json');
    expect(a).toEqual({
      status: 429,
      json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } },
    });
    expect(b.status).toBe(429);
    expect(c.status).toBe(200);
    expect(fake.sent()).toHaveLength(1);
  });

  it('waitFor polls until the condition holds and reports what it saw on time-out', async () => {
    const pending = fake.waitFor((calls) => calls.some((c) => c.method === 'getMe'));
    await post('getMe', '{}', 'application/json');
    await pending;
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow(/getMe:200/);
  });

  it('checks Telegram HTML like the real API', () => {
    expect(parseTelegramHtml('<b>a &amp; <i>b</i></b> &lt;c&gt; &#39;')).toEqual({ text: "a & b <c> '" });
    expect(parseTelegramHtml('<a href="https://x.vn/?a=1&amp;b=&quot;2&quot;">x</a>')).toEqual({ text: 'x' });
    expect(parseTelegramHtml('<b>a')).toHaveProperty('error');
    expect(parseTelegramHtml('<b>a</i>')).toHaveProperty('error');
    expect(parseTelegramHtml('a & b')).toHaveProperty('error');
    expect(parseTelegramHtml('a < b')).toHaveProperty('error');
    expect(parseTelegramHtml('<div>a</div>')).toHaveProperty('error');
  });
});
