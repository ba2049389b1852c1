// The Zalo client and OAuth rotation against the real loopback fake: envelopes, errors, one refresh + one retry, single flight, persist-before-use.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createZaloClient, type ZaloClientOptions } from '../../../../bots/zalo/client';
import { ZaloApiError, ZaloAuthError, ZaloHttpError } from '../../../../bots/zalo/errors';
import type { TokenPair, TokenStore } from '../../../../src/core/outbox/sender-port';
import { createNodeTransport } from '../../../../bots/http/node-transport';
import {
  createMemoryTokenStore,
  pairFromFake,
  startFakeZalo,
  type FakeZalo,
  type MemoryTokenStore,
} from '../../../fakes/zalo-api';

const USER = '6025512893746510384';
const NOW = new Date('2026-11-21T08:00:00Z');

let fake: FakeZalo;
let store: MemoryTokenStore;

function client(overrides: Partial<ZaloClientOptions> = {}) {
  return createZaloClient({
    apiRoot: fake.url,
    oauthRoot: fake.oauthUrl,
    appId: fake.appId,
    appSecret: fake.appSecret,
    tokens: store,
    timeoutMs: 2_000,
    now: () => NOW,
    http: createNodeTransport(),
    ...overrides,
  });
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

beforeEach(async () => {
  fake = await startFakeZalo();
  store = createMemoryTokenStore(pairFromFake(fake, NOW));
});

afterEach(async () => {
  await fake.close();
});

describe('createZaloClient: calls', () => {
  it('sends a CS text with the bare access_token header and returns the message id', async () => {
    const res = await client().sendText(USER, 'Xin chào 👋');
    const call = fake.calls.at(-1);
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/v3.0/oa/message/cs');
    expect(call?.headers.accessToken).toBe(fake.tokens().accessToken);
    expect(call?.body).toEqual({ recipient: { user_id: USER }, message: { text: 'Xin chào 👋' } });
    const sent = fake.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toBe('Xin chào 👋');
    expect(res.messageId).toBe(sent[0]?.messageId);
    expect(res.quotaType).toBe('reply');
  });

  it('sends a quote when asked', async () => {
    await client().sendText(USER, 'ok', { quoteMessageId: 'abc123' });
    expect(fake.sent()[0]?.payload).toEqual({ text: 'ok', quote_message_id: 'abc123' });
  });

  it('sends a text with oa.query.show and oa.open.url buttons', async () => {
    await client().sendTemplate(USER, {
      text: 'Bạn có tham dự buổi họp báo?',
      buttons: [
        { label: 'Có', data: 'CO 12' },
        { label: 'Xem chi tiết', data: 'unused', url: 'https://example.gov.vn/hop-bao/12' },
      ],
    });
    expect(fake.sent()[0]?.payload).toEqual({
      text: 'Bạn có tham dự buổi họp báo?',
      attachment: {
        type: 'template',
        payload: {
          buttons: [
            { title: 'Có', type: 'oa.query.show', payload: 'CO 12' },
            { title: 'Xem chi tiết', type: 'oa.open.url', payload: { url: 'https://example.gov.vn/hop-bao/12' } },
          ],
        },
      },
    });
  });

  it('reads a user profile with the data= JSON query parameter', async () => {
    fake.setUserDetail(USER, { display_name: 'Tester', user_is_follower: true });
    const detail = await client().getUserDetail(USER);
    expect(detail).toMatchObject({ user_id: USER, display_name: 'Tester', user_is_follower: true });
    const call = fake.calls.at(-1);
    expect(call?.method).toBe('GET');
    expect(call?.path).toBe('/v3.0/oa/user/detail');
    expect(JSON.parse(call?.query.data ?? '')).toEqual({ user_id: USER });
  });

  it('turns an HTTP-200 error body into ZaloApiError with the code', async () => {
    fake.failNext(-213);
    const err = await caught(client().sendText(USER, 'hi'));
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ code: -213, endpoint: '/v3.0/oa/message/cs', apiMessage: 'User has not followed OA' });
    expect((err as Error).message).not.toContain(fake.tokens().accessToken);
  });

  it('reports a hang as ZaloHttpError timedOut', async () => {
    fake.hangNext();
    const err = await caught(client({ timeoutMs: 150 }).sendText(USER, 'hi'));
    expect(err).toBeInstanceOf(ZaloHttpError);
    expect(err).toMatchObject({ timedOut: true });
    expect((err as ZaloHttpError).status).toBeUndefined();
  });

  it('reports a non-2xx status as ZaloHttpError with the status', async () => {
    fake.failHttp(503);
    const err = await caught(client().sendText(USER, 'hi'));
    expect(err).toBeInstanceOf(ZaloHttpError);
    expect(err).toMatchObject({ status: 503, timedOut: false });
  });

  it('reports a refused connection as ZaloHttpError without status', async () => {
    const gone = await startFakeZalo();
    await gone.close();
    const err = await caught(client({ apiRoot: gone.url }).sendText(USER, 'hi'));
    expect(err).toBeInstanceOf(ZaloHttpError);
    expect(err).toMatchObject({ timedOut: false, networkCode: 'ECONNREFUSED' });
    expect((err as Error).message).not.toContain(fake.tokens().accessToken);
    expect(Object.keys(err as object)).not.toContain('config');
  });
});

describe('createZaloClient: tokens', () => {
  it('on -216 refreshes exactly once, retries and delivers; the next refresh uses the NEW refresh token', async () => {
    const first = fake.tokens();
    fake.setAccessTokenExpired();
    const c = client();
    await c.sendText(USER, 'một');
    expect(fake.refreshCount()).toBe(1);
    expect(fake.usedRefreshTokens).toEqual([first.refreshToken]);
    expect(fake.sent().map((s) => s.text)).toEqual(['một']);
    expect(store.current()?.refreshToken).toBe(fake.tokens().refreshToken);
    expect(store.current()?.expiresAt.getTime()).toBe(NOW.getTime() + 90_000 * 1000);

    const second = fake.tokens();
    fake.setAccessTokenExpired();
    await c.sendText(USER, 'hai');
    expect(fake.refreshCount()).toBe(2);
    expect(fake.usedRefreshTokens).toEqual([first.refreshToken, second.refreshToken]);
    expect(fake.sent().map((s) => s.text)).toEqual(['một', 'hai']);
  });

  it('runs one refresh for concurrent calls that hit an expired token', async () => {
    const stale = fake.tokens().accessToken;
    fake.setAccessTokenExpired();
    const c = client();
    await Promise.all([c.sendText(USER, 'a'), c.sendText(USER, 'b'), c.sendText(USER, 'c')]);
    // All three were refused with the old token, yet only one refresh ran.
    expect(fake.calls.filter((call) => call.path === '/v3.0/oa/message/cs' && call.headers.accessToken === stale)).toHaveLength(3);
    expect(fake.refreshCount()).toBe(1);
    expect(fake.usedRefreshTokens).toHaveLength(1);
    expect(fake.sent().map((s) => s.text).sort()).toEqual(['a', 'b', 'c']);
  });

  it('saves the new pair before using it', async () => {
    let callsSeenAtSave = -1;
    store.onSave = () => {
      callsSeenAtSave = fake.calls.length;
    };
    fake.setAccessTokenExpired();
    await client().sendText(USER, 'x');
    const fresh = fake.tokens().accessToken;
    const firstUse = fake.calls.find((c) => c.headers.accessToken === fresh);
    expect(store.saves).toHaveLength(1);
    expect(store.saves[0]?.accessToken).toBe(fresh);
    expect(firstUse).toBeDefined();
    expect(callsSeenAtSave).toBeGreaterThan(0);
    expect(firstUse?.seq).toBeGreaterThanOrEqual(callsSeenAtSave);
  });

  it('never uses a new pair it could not save', async () => {
    store.failNextSave();
    fake.setAccessTokenExpired();
    const err = await caught(client().sendText(USER, 'x'));
    expect((err as Error).message).toBe('token store unavailable');
    const fresh = fake.tokens().accessToken;
    expect(fake.calls.some((c) => c.headers.accessToken === fresh)).toBe(false);
    expect(fake.sent()).toHaveLength(0);
  });

  it('retries only once: a token still refused after the refresh propagates', async () => {
    fake.failNext(-216, 2);
    const err = await caught(client().sendText(USER, 'x'));
    expect(err).toMatchObject({ code: -216 });
    expect(fake.refreshCount()).toBe(1);
    expect(fake.calls.filter((c) => c.path === '/v3.0/oa/message/cs')).toHaveLength(2);
  });

  it('treats the positive and 401 forms as token errors too', async () => {
    fake.failNext(220);
    await client().sendText(USER, 'x');
    fake.failNext(-401);
    await client().sendText(USER, 'y');
    expect(fake.refreshCount()).toBe(2);
    expect(fake.sent()).toHaveLength(2);
  });

  it('refreshes first from the initial refresh token when the store is empty', async () => {
    store = createMemoryTokenStore(null);
    const initial = fake.tokens().refreshToken;
    await client({ initialRefreshToken: initial }).sendText(USER, 'x');
    expect(fake.usedRefreshTokens).toEqual([initial]);
    expect(store.saves).toHaveLength(1);
    expect(fake.sent()).toHaveLength(1);
  });

  it('says how to fix an empty store without an initial token', async () => {
    store = createMemoryTokenStore(null);
    const err = await caught(client().sendText(USER, 'x'));
    expect(err).toBeInstanceOf(ZaloAuthError);
    expect(err).toMatchObject({ reason: 'no_token' });
    expect((err as Error).message).toContain('ZALO_REFRESH_TOKEN');
  });

  it('throws a clear error when the refresh token is rejected, without leaking it', async () => {
    const stale = store.current();
    fake.issueTokens(); // an admin re-granted elsewhere: our pair is dead
    const err = await caught(client().sendText(USER, 'x'));
    expect(err).toBeInstanceOf(ZaloAuthError);
    expect(err).toMatchObject({ reason: 'refresh_rejected', code: -14014 });
    expect((err as Error).message).toContain('Zalo refresh token rejected: an OA admin must grant the app again');
    expect((err as Error).message).not.toContain(stale?.refreshToken ?? '??');
    expect((err as Error).message).not.toContain(stale?.accessToken ?? '??');
  });

  it('uses the pair another process rotated when its own refresh fails', async () => {
    const ours = pairFromFake(fake, NOW);
    const theirs = fake.issueTokens(); // another process rotated: ours is now dead at Zalo
    const theirPair: TokenPair = { ...theirs, expiresAt: new Date(NOW.getTime() + 3_600_000), updatedAt: NOW };
    let saves = 0;
    // The other process's save lands while our refresh is failing.
    const racing: TokenStore = {
      load: async () => (fake.usedRefreshTokens.length > 0 ? theirPair : ours),
      save: async () => {
        saves++;
      },
    };
    await client({ tokens: racing }).sendText(USER, 'x');
    expect(fake.usedRefreshTokens).toEqual([ours.refreshToken]);
    expect(fake.refreshCount()).toBe(0);
    expect(saves).toBe(0);
    expect(fake.sent()).toHaveLength(1);
    expect(fake.calls.at(-1)?.headers.accessToken).toBe(theirs.accessToken);
  });

  it('refreshes a stored token that is known to be expired before calling', async () => {
    const pair = store.current();
    if (!pair) throw new Error('no pair');
    store.set({ ...pair, expiresAt: new Date(NOW.getTime() - 1) });
    await client().sendText(USER, 'x');
    expect(fake.refreshCount()).toBe(1);
    expect(fake.calls.filter((c) => c.path === '/v3.0/oa/message/cs')).toHaveLength(1);
  });

  it('refreshIfExpiringSoon rotates only within the margin', async () => {
    const c = client();
    const pair = store.current();
    if (!pair) throw new Error('no pair');
    store.set({ ...pair, expiresAt: new Date(NOW.getTime() + 5 * 3_600_000) });
    await expect(c.refreshIfExpiringSoon(NOW)).resolves.toEqual({ refreshed: false, expiresAt: new Date(NOW.getTime() + 5 * 3_600_000) });
    expect(fake.refreshCount()).toBe(0);

    store.set({ ...pair, expiresAt: new Date(NOW.getTime() + 30 * 60_000) });
    await expect(c.refreshIfExpiringSoon(NOW)).resolves.toEqual({ refreshed: true, expiresAt: new Date(NOW.getTime() + 90_000_000) });
    expect(fake.refreshCount()).toBe(1);
    expect(store.current()?.accessToken).toBe(fake.tokens().accessToken);
  });

  it('forceRefresh rotates and saves', async () => {
    const before = fake.tokens();
    const out = await client().forceRefresh();
    expect(out.refreshed).toBe(true);
    expect(fake.usedRefreshTokens).toEqual([before.refreshToken]);
    expect(store.current()?.refreshToken).toBe(fake.tokens().refreshToken);
    expect(store.current()?.refreshToken).not.toBe(before.refreshToken);
  });

  it('sends the refresh as a form with secret_key in a header', async () => {
    fake.setAccessTokenExpired();
    const rt = fake.tokens().refreshToken;
    await client().sendText(USER, 'x');
    const call = fake.calls.find((c) => c.path === '/v4/oa/access_token');
    expect(call?.method).toBe('POST');
    expect(call?.headers.secretKey).toBe(fake.appSecret);
    expect(call?.headers.contentType).toContain('application/x-www-form-urlencoded');
    expect(call?.body).toEqual({ app_id: fake.appId, refresh_token: rt, grant_type: 'refresh_token' });
  });

  it('keeps the stored pair when a refresh is rejected (nothing to save)', async () => {
    const pair = store.current();
    fake.setAccessTokenExpired();
    fake.failRefreshNext(-14014);
    const err = await caught(client().sendText(USER, 'x'));
    expect(err).toBeInstanceOf(ZaloAuthError);
    expect(store.current()).toEqual(pair);
  });
});
