// Starts the real app over real HTTP on 127.0.0.1 with a fresh libSQL file, the fake Telegram and
// Zalo APIs, and a test clock; plus helpers to post signed webhooks and wait for deliveries.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { parseEnv } from '../../src/config/env';
import { buildRuntime, type Runtime, type BuildOptions } from '../../src/entry/build-deps';
import { createDb, type DbHandle } from '../../db/client';
import { createLogger } from '../../src/core/logger';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-api';
import { startFakeZalo, type FakeZalo } from '../fakes/zalo-api';
import { createTestClock, type TestClock } from './clock';
import { createTempDb, type TempDb } from './temp-db';

import { ADMIN_TOKEN, BOT_USERNAME, TG_SECRET, ZALO_APP_ID, ZALO_OA_SECRET } from '../worker/constants';
import { zaloTextEvent } from '../worker/scenarios';
import { fakePlatformEnv } from './fake-env';
import { createNodeTransport } from '../../bots/http/node-transport';
import { createPromMetrics } from '../../src/entry/prom-metrics';

export { ADMIN_TOKEN, BOT_USERNAME, TG_SECRET, TG_TOKEN, ZALO_APP_ID, ZALO_OA_SECRET } from '../worker/constants';

export interface HarnessOptions {
  env?: Record<string, string>;
  clock?: TestClock;
  dispatcher?: BuildOptions['dispatcher'];
  platformTimeoutMs?: number;
  /**
   * A second app instance on another harness's database file, fakes and clock (two processes
   * behind a proxy). Closing it leaves the shared parts to their owner.
   */
  share?: Harness;
}

export interface Harness {
  url: string;
  clock: TestClock;
  tg: FakeTelegram;
  zalo: FakeZalo;
  db: TempDb;
  runtime: Runtime;
  /** Every log line the app wrote (to check no personal data leaks). */
  logs: string[];
  post(path: string, body: string, headers?: Record<string, string>): Promise<Response>;
  api(method: string, path: string, body?: unknown): Promise<Response>;
  telegram(update: Record<string, unknown>, secret?: string): Promise<Response>;
  zaloEvent(event: Record<string, unknown>, opts?: { signature?: string }): Promise<Response>;
  /** Wait for background processing, then send everything due through the fakes. */
  settle(): Promise<void>;
  /** Stop the app and start it again on the same database file (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

let updateSeq = 1000;
export const nextUpdateId = () => ++updateSeq;

/** A private Telegram text message from a user. */
export function tgText(userId: number, text: string, extra: { updateId?: number; firstName?: string; date?: Date } = {}) {
  return {
    update_id: extra.updateId ?? nextUpdateId(),
    message: {
      message_id: updateSeq,
      date: Math.floor((extra.date ?? new Date()).getTime() / 1000),
      chat: { id: userId, type: 'private', first_name: extra.firstName ?? 'Test' },
      from: { id: userId, is_bot: false, first_name: extra.firstName ?? 'Test', language_code: 'vi' },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] } : {}),
    },
  };
}

/** A person blocking (`kicked`) or unblocking (`member`) the bot in their private chat. */
export function tgBlock(userId: number, status: 'kicked' | 'member', date = new Date()) {
  const bot = { id: 7000000001, is_bot: true, first_name: 'Loa', username: 'LoaTestBot' };
  return {
    update_id: nextUpdateId(),
    my_chat_member: {
      chat: { id: userId, type: 'private', first_name: 'Test' },
      from: { id: userId, is_bot: false, first_name: 'Test', language_code: 'vi' },
      date: Math.floor(date.getTime() / 1000),
      old_chat_member: { user: bot, status: status === 'kicked' ? 'member' : 'kicked' },
      new_chat_member: { user: bot, status },
    },
  };
}

/** A Telegram inline-button press. */
export function tgCallback(userId: number, data: string, extra: { updateId?: number } = {}) {
  return {
    update_id: extra.updateId ?? nextUpdateId(),
    callback_query: {
      id: `cb${updateSeq}`,
      from: { id: userId, is_bot: false, first_name: 'Test', language_code: 'vi' },
      chat_instance: '1',
      data,
      message: { message_id: 1, date: 1, chat: { id: userId, type: 'private' }, text: 'x' },
    },
  };
}

let msgSeq = 5000;
/** A Zalo user_send_text event at the clock's time (the same shape the workerd scenarios send). */
export function zaloText(userId: string, text: string, at: Date, extra: { msgId?: string } = {}) {
  return zaloTextEvent(userId, text, at, extra.msgId ?? `msg${++msgSeq}`);
}

export function zaloFollow(userId: string, at: Date, event: 'follow' | 'unfollow' = 'follow') {
  return {
    app_id: ZALO_APP_ID,
    oa_id: '4150937291048362718',
    follower: { id: userId },
    user_id_by_app: `app-${userId}`,
    event_name: event,
    source: 'oa_profile',
    timestamp: String(at.getTime()),
  };
}

export function signZalo(rawBody: string, timestamp: string): string {
  return createHash('sha256').update(ZALO_APP_ID + rawBody + timestamp + ZALO_OA_SECRET).digest('hex');
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const shared = opts.share;
  const clock = shared?.clock ?? opts.clock ?? createTestClock();
  const tg = shared?.tg ?? (await startFakeTelegram({ botUsername: BOT_USERNAME, now: () => clock.now().getTime() }));
  const zalo = shared?.zalo ?? (await startFakeZalo({ appId: ZALO_APP_ID }));
  const db = shared?.db ?? (await createTempDb());
  const logs: string[] = [];
  const env = parseEnv({
    DATABASE_URL: db.url,
    ...fakePlatformEnv(tg, zalo),
    TELEGRAM_RATE_PER_SEC: '1000',
    ZALO_RATE_PER_SEC: '1000',
    LOG_LEVEL: 'debug',
    ...opts.env,
  });

  let runtime!: Runtime;
  let server!: ServerType;
  let url = '';
  let appDb: DbHandle;

  async function boot() {
    appDb = await createDb({ url: db.url });
    runtime = await buildRuntime({
      env,
      clock,
      dbHandle: appDb,
      log: createLogger('debug', (line) => logs.push(line)),
      telegramBotInfo: { id: 123456789, username: BOT_USERNAME, first_name: 'Loa' },
      dispatcher: { random: () => 0.5, ...opts.dispatcher },
      platformTimeoutMs: opts.platformTimeoutMs ?? 2000,
      http: createNodeTransport(),
      metrics: ({ db, clock }) => createPromMetrics({ db, clock }),
    });
    const { ensureOfficials } = await import('../../src/core/use-cases/ensure-officials');
    await ensureOfficials(runtime.core);
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function shutdown() {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
    appDb.close();
  }

  await boot();

  const h: Harness = {
    get url() {
      return url;
    },
    clock,
    tg,
    zalo,
    db,
    get runtime() {
      return runtime;
    },
    logs,
    post: (path, body, headers = {}) =>
      fetch(`${url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }),
    api: (method, path, body) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    telegram: (update, secret = TG_SECRET) =>
      h.post('/webhooks/telegram', JSON.stringify(update), { 'x-telegram-bot-api-secret-token': secret }),
    zaloEvent: (event, o = {}) => {
      const raw = JSON.stringify(event);
      const sig = o.signature ?? `mac=${signZalo(raw, String(event.timestamp))}`;
      return h.post('/webhooks/zalo', raw, { 'x-zevent-signature': sig });
    },
    async settle() {
      for (let i = 0; i < 5; i++) {
        await runtime.inbox.idle();
        const s = await runtime.dispatcher.drain();
        if (s.claimed === 0) break;
      }
    },
    async restart() {
      await shutdown();
      await boot();
    },
    async close() {
      await shutdown();
      if (shared) return;
      await tg.close();
      await zalo.close();
      db.destroy();
    },
  };
  return h;
}
