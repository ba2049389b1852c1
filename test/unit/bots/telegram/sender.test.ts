// createTelegramSender against the fake Bot API: results and the DeliveryError mapping.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramSender } from '../../../../bots/telegram/sender';
import { DeliveryError } from '../../../../src/core/errors';
import { startFakeTelegram } from '../../../fakes/telegram-api';
import type { FakeTelegram } from '../../../fakes/telegram-api';
import type { AddressInfo } from 'node:net';
import { createNodeTransport } from '../../../../bots/http/node-transport';

const http = createNodeTransport();

const TOKEN = '7000000001:AAFakeTokenForTests_only-123';
const CHAT = '5012345678';

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

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(DeliveryError);
    return err as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

describe('createTelegramSender', () => {
  const sender = () => createTelegramSender({ token: TOKEN, apiRoot: fake.apiRoot, http });

  it('sends each rendered part and returns the message id', async () => {
    const s = sender();
    const parts = s.render({
      lines: [[{ text: 'Điểm tin ', bold: true }, { text: '<hôm nay>' }]],
      document: { filename: 'a.pdf', url: 'https://so.example.vn/a.pdf', caption: 'Tệp' },
      buttons: [[{ label: 'Xem', data: 'digest:1' }]],
    });
    const results = [];
    for (const part of parts) results.push(await s.sendPart(CHAT, part));
    expect(results).toEqual([{ messageId: '1' }, { messageId: '2' }]);
    expect(fake.sent(CHAT)).toEqual([
      { chat_id: CHAT, text: '<b>Điểm tin </b>&lt;hôm nay&gt;', parse_mode: 'HTML' },
      {
        chat_id: CHAT,
        document: 'https://so.example.vn/a.pdf',
        caption: 'Tệp',
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [[{ text: 'Xem', callback_data: 'digest:1' }]] },
      },
    ]);
    expect(s.platform).toBe('telegram');
  });

  it('sends every part of a long message, which the fake accepts as valid HTML within the limit', async () => {
    const s = sender();
    const lines = Array.from({ length: 400 }, (_, i) => [
      { text: `${i}. `, bold: true },
      { text: 'Lễ hội <đường phố> & ẩm thực ' },
      { text: 'chi tiết', href: `https://so.example.vn/e/${i}?a=1&b="2"` },
    ]);
    const parts = s.render({ lines });
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) await s.sendPart(CHAT, part);
    expect(fake.calls.every((c) => c.status === 200)).toBe(true);
    expect(fake.sent(CHAT)).toHaveLength(parts.length);
  });

  it('maps 429 to retry with retry_after in milliseconds', async () => {
    fake.fail429Next(3);
    const err = await failure(sender().sendPart(CHAT, { method: 'sendMessage', text: 'hi' }));
    expect(err).toMatchObject({ kind: 'retry', reason: 'telegram_rate_limited', retryAfterMs: 3000 });
    // The next call goes through.
    await expect(sender().sendPart(CHAT, { method: 'sendMessage', text: 'hi' })).resolves.toEqual({ messageId: '1' });
  });

  it('maps 5xx to retry', async () => {
    fake.fail5xxNext();
    const err = await failure(sender().sendPart(CHAT, { method: 'sendMessage', text: 'hi' }));
    expect(err).toMatchObject({ kind: 'retry', reason: 'telegram_server_error' });
  });

  it('aborts a call that hangs and maps it to retry', async () => {
    fake.hangNext();
    const s = createTelegramSender({ token: TOKEN, apiRoot: fake.apiRoot, timeoutMs: 150, http });
    const err = await failure(s.sendPart(CHAT, { method: 'sendMessage', text: 'hi' }));
    expect(err).toMatchObject({ kind: 'retry', reason: 'telegram_timeout' });
    expect(fake.calls.map((c) => c.status)).toEqual(['hang']);
  });

  it('maps a blocked chat (403) to permanent telegram_blocked', async () => {
    fake.blockChat(CHAT);
    const err = await failure(sender().sendPart(CHAT, { method: 'sendMessage', text: 'hi' }));
    expect(err).toMatchObject({ kind: 'permanent', reason: 'telegram_blocked', recipientGone: true });
    expect(err.message).not.toContain(CHAT);
  });

  it('maps 400 chat not found and other 400s to permanent reasons', async () => {
    fake.unknownChat('42');
    expect(await failure(sender().sendPart('42', { method: 'sendMessage', text: 'hi' }))).toMatchObject({
      kind: 'permanent',
      reason: 'telegram_chat_not_found',
    });
    expect(await failure(sender().sendPart(CHAT, { method: 'sendMessage', text: '<b>broken', parse_mode: 'HTML' }))).toMatchObject({
      kind: 'permanent',
      reason: 'telegram_bad_request',
    });
  });

  it('maps a refused connection to retry', async () => {
    const closed = await startFakeTelegram();
    const apiRoot = closed.apiRoot;
    await closed.close();
    const s = createTelegramSender({ token: TOKEN, apiRoot, http });
    expect(await failure(s.sendPart(CHAT, { method: 'sendMessage', text: 'hi' }))).toMatchObject({
      kind: 'retry',
      reason: 'telegram_network_error',
    });
  });

  it('retries an answer that is not Bot API JSON (a proxy\'s HTML 403) instead of calling the chat blocked', async () => {
    const { createServer } = await import('node:http');
    const proxy = createServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/html' });
      res.end('<html>Forbidden</html>');
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const { port } = proxy.address() as AddressInfo;
    try {
      const s = createTelegramSender({ token: TOKEN, apiRoot: `http://127.0.0.1:${port}/`, http });
      expect(await failure(s.sendPart(CHAT, { method: 'sendMessage', text: 'hi' }))).toMatchObject({ kind: 'retry', reason: 'telegram_http_403' });
    } finally {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  });

  it('rejects a part that is not a send call', async () => {
    expect(await failure(sender().sendPart(CHAT, { method: 'deleteMessage', message_id: 1 }))).toMatchObject({
      kind: 'permanent',
      reason: 'telegram_invalid_part',
    });
    expect(fake.calls).toEqual([]);
  });

  it('answers callback queries', async () => {
    await sender().answerCallback?.('4382bfdwdsb323b2d9', 'Đã lưu');
    await sender().answerCallback?.('4382bfdwdsb323b2d9');
    expect(fake.calls.map((c) => [c.method, c.payload])).toEqual([
      ['answerCallbackQuery', { callback_query_id: '4382bfdwdsb323b2d9', text: 'Đã lưu' }],
      ['answerCallbackQuery', { callback_query_id: '4382bfdwdsb323b2d9' }],
    ]);
  });
});

describe('document uploads', () => {
  it('uploads a document given as content (a CSV) as a multipart file with its name', async () => {
    const sender = createTelegramSender({ token: TOKEN, apiRoot: fake.apiRoot, http });
    const csv = '\uFEFFMã / ID,Tên / Name\n1,Nguyễn Thị Ánh Tuyết\n';
    const parts = sender.render({ lines: [], document: { filename: 'chien-dich.csv', content: csv, caption: 'Báo cáo #MyHoChiMinh' } });
    expect(parts).toHaveLength(1);
    const res = await sender.sendPart(CHAT, parts[0]!);
    expect(res.messageId).toBeTruthy();
    const [sent] = fake.sent(CHAT);
    expect(sent!.document).toEqual({ filename: 'chien-dich.csv', type: 'text/csv', content: csv });
    expect(sent!.caption).toBe('Báo cáo #MyHoChiMinh');
  });

  it('maps a 429 on an upload to a retry with retry_after', async () => {
    const sender = createTelegramSender({ token: TOKEN, apiRoot: fake.apiRoot, http });
    fake.fail429Next(4);
    const [part] = sender.render({ lines: [], document: { filename: 'a.csv', content: 'a,b\n' } });
    const err = await failure(sender.sendPart(CHAT, part!));
    expect(err).toMatchObject({ kind: 'retry', retryAfterMs: 4000 });
  });
});
