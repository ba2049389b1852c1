// The Zalo PlatformSender against the real loopback fake: parts in order, and Zalo failures mapped to retry / permanent / skipped.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildZaloButtonMessage, createZaloClient } from '../../../../bots/zalo/client';
import { createZaloSender, toDeliveryError } from '../../../../bots/zalo/sender';
import { ZaloApiError, ZaloHttpError } from '../../../../bots/zalo/errors';
import { DeliveryError } from '../../../../src/core/errors';
import type { PlatformSender } from '../../../../src/core/outbox/sender-port';
import { createMemoryTokenStore, pairFromFake, startFakeZalo, type FakeZalo } from '../../../fakes/zalo-api';
import { createNodeTransport } from '../../../../bots/http/node-transport';

const USER = '6025512893746510384';

let fake: FakeZalo;
let sender: PlatformSender;

/** A sender over the fake. Only the time-out test uses a short time-out: on a loaded machine a
 * normal send can take longer than 200 ms. */
function senderWith(timeoutMs: number): PlatformSender {
  const client = createZaloClient({
    apiRoot: fake.url,
    oauthRoot: fake.oauthUrl,
    appId: fake.appId,
    http: createNodeTransport(),
    appSecret: fake.appSecret,
    tokens: createMemoryTokenStore(pairFromFake(fake)),
    timeoutMs,
  });
  return createZaloSender(client);
}

beforeEach(async () => {
  fake = await startFakeZalo();
  sender = senderWith(10_000);
});

afterEach(async () => {
  await fake.close();
});

async function deliveryError(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DeliveryError);
    return err as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

describe('createZaloSender', () => {
  it('sends rendered parts in order and returns message ids', async () => {
    const lines = Array.from({ length: 90 }, (_, i) => `Tin số ${i}: `.padEnd(55, 'á'));
    const parts = sender.render({ lines });
    expect(parts.length).toBeGreaterThan(1);
    const ids: (string | undefined)[] = [];
    for (const part of parts) ids.push((await sender.sendPart(USER, part)).messageId);
    const sent = fake.sent();
    expect(sent.map((s) => s.text).join('\n')).toBe(lines.join('\n'));
    expect(ids).toEqual(sent.map((s) => s.messageId));
    expect(sent.every((s) => s.userId === USER)).toBe(true);
  });

  it('sends the last part with buttons as a button message', async () => {
    const [part] = sender.render({ lines: ['Bạn có tham dự?'], buttons: [[{ label: 'Có', data: 'CO 7' }]] });
    if (!part) throw new Error('no part');
    await sender.sendPart(USER, part);
    expect(fake.sent()[0]?.payload).toMatchObject({
      text: 'Bạn có tham dự?',
      attachment: { type: 'template', payload: { buttons: [{ title: 'Có', type: 'oa.query.show', payload: 'CO 7' }] } },
    });
  });

  it('falls back to plain text when the button template is refused (-201), then stops trying it', async () => {
    const [part] = sender.render({ lines: ['Bạn có tham dự?'], buttons: [[{ label: 'Có', data: 'CO 7' }]] });
    if (!part) throw new Error('no part');
    fake.failNext(-201);
    await sender.sendPart(USER, part);
    await sender.sendPart(USER, part);
    expect(fake.sent().map((s) => s.payload)).toEqual([{ text: 'Bạn có tham dự?\nCó: CO 7' }, { text: 'Bạn có tham dự?\nCó: CO 7' }]);
    expect(fake.calls.filter((c) => c.path === '/v3.0/oa/message/cs')).toHaveLength(3);
  });

  it('maps -230 (outside the 7-day window) to skipped', async () => {
    fake.markOutsideWindow(USER);
    const err = await deliveryError(sender.sendPart(USER, { text: 'hi' }));
    expect(err.kind).toBe('skipped');
    expect(err.reason).toBe('zalo_outside_window');
  });

  it('maps -32 (rate limit) to retry with a one-minute hint', async () => {
    fake.failNext(-32);
    const err = await deliveryError(sender.sendPart(USER, { text: 'hi' }));
    expect(err).toMatchObject({ kind: 'retry', reason: 'zalo_rate_limited', retryAfterMs: 60_000 });
  });

  it('maps -213 (not a follower) to permanent', async () => {
    fake.setUserError(USER, -213);
    const err = await deliveryError(sender.sendPart(USER, { text: 'hi' }));
    expect(err).toMatchObject({ kind: 'permanent', reason: 'zalo_not_follower' });
  });

  it('maps time-outs and 5xx to retry', async () => {
    fake.hangNext();
    expect(await deliveryError(senderWith(200).sendPart(USER, { text: 'hi' }))).toMatchObject({ kind: 'retry', reason: 'zalo_timeout' });
    fake.failHttp(502);
    expect(await deliveryError(sender.sendPart(USER, { text: 'hi' }))).toMatchObject({ kind: 'retry', reason: 'zalo_http_502' });
    fake.failHttp(429);
    expect(await deliveryError(sender.sendPart(USER, { text: 'hi' }))).toMatchObject({ kind: 'retry', reason: 'zalo_http_429' });
  });

  it('maps a token still refused after one refresh to permanent zalo_token_invalid', async () => {
    fake.failNext(-216, 2);
    const err = await deliveryError(sender.sendPart(USER, { text: 'hi' }));
    expect(err).toMatchObject({ kind: 'permanent', reason: 'zalo_token_invalid' });
    expect(fake.refreshCount()).toBe(1);
  });

  it('recovers from an expired token transparently', async () => {
    fake.setAccessTokenExpired();
    await expect(sender.sendPart(USER, { text: 'hi' })).resolves.toHaveProperty('messageId');
    expect(fake.sent()).toHaveLength(1);
  });

  it('rejects a stored part that is not a Zalo part', async () => {
    const err = await deliveryError(sender.sendPart(USER, { html: '<b>x</b>' }));
    expect(err).toMatchObject({ kind: 'permanent', reason: 'zalo_invalid_part' });
    expect(fake.calls).toHaveLength(0);
  });
});

describe('toDeliveryError', () => {
  it.each([
    [-227, 'permanent', 'zalo_user_inactive'],
    [-232, 'skipped', 'zalo_no_interaction'],
    [-244, 'permanent', 'zalo_user_restricted'],
    [-218, 'permanent', 'zalo_recipient_quota'],
    [-201, 'permanent', 'zalo_invalid_payload'],
    [-220, 'permanent', 'zalo_token_invalid'],
    [-240, 'permanent', 'zalo_error_-240'],
  ] as const)('%i → %s %s', (code, kind, reason) => {
    expect(toDeliveryError(new ZaloApiError(code, '', '/v3.0/oa/message/cs'))).toMatchObject({ kind, reason });
  });

  it('maps network errors to retry and 4xx to permanent', () => {
    expect(toDeliveryError(new ZaloHttpError({ endpoint: '/x', networkCode: 'ECONNRESET' }))).toMatchObject({ kind: 'retry' });
    expect(toDeliveryError(new ZaloHttpError({ endpoint: '/x', status: 404 }))).toMatchObject({ kind: 'permanent', reason: 'zalo_http_404' });
  });
});

describe('button replies', () => {
  it('a Zalo button sends back its typed reply (e.g. "thamdu 12"), not the Telegram callback data', () => {
    const msg = buildZaloButtonMessage('Họp báo', [{ label: 'Tham dự', data: 'rsvp:12:yes', reply: 'thamdu 12' }]);
    expect(JSON.stringify(msg)).toContain('"payload":"thamdu 12"');
    const sender = createZaloSender({} as never);
    const parts = sender.render({ lines: ['Họp báo'], buttons: [[{ label: 'Tham dự', data: 'rsvp:12:yes', reply: 'thamdu 12' }]] });
    expect(JSON.stringify(parts)).toContain('thamdu 12');
  });
});
