// The foundation end to end: real HTTP into the real app, a fresh libSQL file, the platform fakes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startHarness, tgText, zaloText, zaloFollow, type Harness, TG_SECRET } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const count = async (table: string) =>
  Number((await h.db.db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)))[0]!.n);

describe('Telegram webhook', () => {
  it('answers /start with the Vietnamese welcome through the Bot API', async () => {
    const res = await h.telegram(tgText(111, '/start'));
    expect(res.status).toBe(200);
    await h.settle();
    const sent = h.tg.sent('111');
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.text)).toContain('Xin chào! Đây là Loa');
    expect(sent[0]!.parse_mode).toBe('HTML');
    expect(h.tg.calls.some((c) => c.method === 'getMe')).toBe(false);
  });

  it('echoes a well-formed X-Request-Id on every answer and makes one otherwise', async () => {
    const ok = await h.post('/webhooks/telegram', JSON.stringify(tgText(114, '/start')), { 'x-telegram-bot-api-secret-token': TG_SECRET, 'x-request-id': 'trace-42' });
    expect([ok.status, ok.headers.get('x-request-id')]).toEqual([200, 'trace-42']);
    const odd = await h.post('/webhooks/telegram', JSON.stringify(tgText(115, '/start')), { 'x-telegram-bot-api-secret-token': TG_SECRET, 'x-request-id': 'no spaces!' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const health = await fetch(`${h.url}/healthz`);
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('understands /start@BotName', async () => {
    await h.telegram(tgText(112, '/start@LoaTestBot'));
    await h.settle();
    expect(String(h.tg.sent('112')[0]?.text)).toContain('Xin chào');
  });

  it('rejects a wrong secret with 401 and stores nothing', async () => {
    const res = await h.telegram(tgText(113, '/start'), 'wrong-secret');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unauthorized' });
    const missing = await h.post('/webhooks/telegram', JSON.stringify(tgText(113, '/start')));
    expect(missing.status).toBe(401);
    expect(await count('inbound_events')).toBe(0);
    expect(await count('chat_identities')).toBe(0);
  });

  it('answers 400 to broken JSON and to JSON that is no update, writing nothing', async () => {
    const broken = await h.post('/webhooks/telegram', '{"update_id": 1, "message": {', { 'x-telegram-bot-api-secret-token': TG_SECRET });
    expect(broken.status).toBe(400);
    const body = (await broken.json()) as { code: string; requestId?: string };
    expect(body.code).toBe('malformed_json');
    expect(body.requestId).toBeTruthy();
    expect(broken.headers.get('x-request-id')).toBe(body.requestId);
    const notUpdate = await h.post('/webhooks/telegram', '{"hello":"world"}', { 'x-telegram-bot-api-secret-token': TG_SECRET });
    expect(notUpdate.status).toBe(400);
    expect(await count('inbound_events')).toBe(0);
  });

  it('answers 413 to a 300 KiB body', async () => {
    const big = JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(300 * 1024) } });
    const res = await h.post('/webhooks/telegram', big, { 'x-telegram-bot-api-secret-token': TG_SECRET });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' });
    expect(await count('inbound_events')).toBe(0);
  });

  it('answers 413 to a 300 KiB body sent in chunks without a length, and still takes a small chunked one', async () => {
    const chunked = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      const body = new ReadableStream<Uint8Array>({
        start(ctl) {
          for (let i = 0; i < bytes.length; i += 16 * 1024) ctl.enqueue(bytes.subarray(i, i + 16 * 1024));
          ctl.close();
        },
      });
      return fetch(`${h.url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET },
        body,
        duplex: 'half',
      } as RequestInit);
    };
    const big = await chunked(JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(300 * 1024) } }));
    expect(big.status).toBe(413);
    expect(await count('inbound_events')).toBe(0);
    const small = await chunked(JSON.stringify(tgText(115, '/start')));
    expect(small.status).toBe(200);
    await h.settle();
    expect(h.tg.sent('115')).toHaveLength(1);
  });

  it('handles the same update twice only once', async () => {
    const update = tgText(114, '/start');
    expect((await h.telegram(update)).status).toBe(200);
    expect((await h.telegram(update)).status).toBe(200);
    await h.settle();
    expect(h.tg.sent('114')).toHaveLength(1);
    expect(await count('inbound_events')).toBe(1);
  });

  it('acknowledges updates Loa does not handle without storing them', async () => {
    const res = await h.telegram({ update_id: 99, edited_message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'x' } });
    expect(res.status).toBe(200);
    expect(await count('inbound_events')).toBe(0);
  });

  it('answers every unknown text: the full hint once a day, a one-line pointer otherwise', async () => {
    await h.telegram(tgText(115, 'chào bạn'));
    await h.settle();
    await h.telegram(tgText(115, 'có ai không'));
    await h.settle();
    const texts = () => h.tg.sent('115').map((p) => String(p.text));
    expect(texts()).toEqual([
      'Loa chưa hiểu tin nhắn này. Gõ /trogiup để xem các lệnh bạn dùng được. Muốn hỏi hoặc góp ý với Sở, gõ /hoi rồi nội dung.',
      'Loa chưa hiểu. Xem lệnh: /trogiup · Hỏi Sở: /hoi rồi nội dung.',
    ]);
    h.clock.advance(24 * 3600_000);
    await h.telegram(tgText(115, 'alo'));
    await h.settle();
    expect(texts()[2]).toContain('Muốn hỏi hoặc góp ý với Sở');
  });

  it('lists commands with /trogiup and "tro giup"', async () => {
    await h.telegram(tgText(116, 'Trợ Giúp'));
    await h.settle();
    const text = String(h.tg.sent('116')[0]!.text);
    expect(text).toContain('/dangky');
    expect(text).not.toContain('/thongbao'); // officials only
  });
});

describe('Zalo webhook', () => {
  it('answers "bat dau" with the Vietnamese welcome through the OA API', async () => {
    const res = await h.zaloEvent(zaloText('6025512893746510384', 'bat dau', h.clock.now()));
    expect(res.status).toBe(200);
    await h.settle();
    const sent = h.zalo.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.userId).toBe('6025512893746510384');
    expect(sent[0]!.text).toContain('Xin chào! Đây là Loa');
  });

  it('rejects a forged signature with 401 and stores nothing', async () => {
    const ev = zaloText('601', 'bat dau', h.clock.now());
    const res = await h.zaloEvent(ev, { signature: 'mac=' + '0'.repeat(64) });
    expect(res.status).toBe(401);
    const none = await h.post('/webhooks/zalo', JSON.stringify(ev));
    expect(none.status).toBe(401);
    expect(await count('inbound_events')).toBe(0);
    expect(await count('chat_identities')).toBe(0);
  });

  it('accepts the signature without the mac= prefix', async () => {
    const { signZalo } = await import('../support/harness');
    const ev = zaloText('602', 'bat dau', h.clock.now());
    const raw = JSON.stringify(ev);
    const res = await h.post('/webhooks/zalo', raw, { 'x-zevent-signature': signZalo(raw, ev.timestamp) });
    expect(res.status).toBe(200);
  });

  it('handles the same msg_id twice only once', async () => {
    const ev = zaloText('603', 'bat dau', h.clock.now(), { msgId: 'dup-1' });
    await h.zaloEvent(ev);
    await h.zaloEvent({ ...ev, timestamp: String(h.clock.now().getTime() + 1) });
    await h.settle();
    expect(h.zalo.sent()).toHaveLength(1);
  });

  it('ignores the OA echo of its own message', async () => {
    const echo = {
      app_id: '2718281828459045235',
      sender: { id: '4150937291048362718' },
      recipient: { id: '604' },
      event_name: 'oa_send_text',
      message: { text: 'Xin chào', msg_id: 'echo-1' },
      timestamp: String(h.clock.now().getTime()),
    };
    const res = await h.zaloEvent(echo);
    expect(res.status).toBe(200);
    await h.settle();
    expect(h.zalo.sent()).toHaveLength(0);
    expect(await count('inbound_events')).toBe(0);
  });

  it('acknowledges but does not process stale, future and other-app events', async () => {
    const now = h.clock.now().getTime();
    const old = zaloText('605', 'bat dau', new Date(now - 3 * 3600_000));
    const future = zaloText('605', 'bat dau', new Date(now + 10 * 60_000));
    const other = { ...zaloText('605', 'bat dau', new Date(now)), app_id: '999' };
    for (const ev of [old, future, other]) expect((await h.zaloEvent(ev)).status).toBe(200);
    await h.settle();
    expect(h.zalo.sent()).toHaveLength(0);
    expect(await count('inbound_events')).toBe(0);
  });

  it('answers 400 to broken JSON and to JSON without event_name', async () => {
    expect((await h.post('/webhooks/zalo', '{"event_name":', {})).status).toBe(400);
    expect((await h.post('/webhooks/zalo', '{"a":1}', {})).status).toBe(400);
  });

  it('welcomes a new follower', async () => {
    await h.zaloEvent(zaloFollow('606', h.clock.now()));
    await h.settle();
    expect(h.zalo.sent()[0]?.text).toContain('Xin chào');
  });
});

describe('health and API', () => {
  it('GET /healthz answers ok', async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', queue: { due: 0, oldestDueSeconds: 0 } });
  });

  it('the admin API needs the bearer token', async () => {
    expect((await fetch(`${h.url}/api/stats`)).status).toBe(401);
    const res = await h.api('GET', '/api/stats');
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('outbox');
  });
});
