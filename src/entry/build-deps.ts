// The composition root: builds the database, core, platform adapters, dispatcher and app from a
// parsed Env. Used by the Node entry, the Worker entry, the scripts and the tests.
import type { HttpTransport } from '../../bots/http/transport';
import { createDb, type DbHandle } from '../../db/client';
import { createDbTokenStore } from '../../db/queries/platform-tokens';
import { createTelegramBot, type TelegramBotInfo } from '../../bots/telegram/bot';
import { createTelegramSender } from '../../bots/telegram/sender';
import { createZaloClient, type ZaloClient } from '../../bots/zalo/client';
import { createZaloSender } from '../../bots/zalo/sender';
import { render as renderTelegram } from '../../bots/telegram/render';
import { renderZaloMessage } from '../../bots/zalo/render';
import { verifyZaloSignature } from '../../bots/zalo/signature';
import { parseZaloEvent } from '../../bots/zalo/events';
import { toInboundMessage as zaloToInbound } from '../../bots/zalo/to-inbound';
import { telegramEnabled, zaloEnabled, type Env } from '../config/env';
import type { CoreDeps } from '../core/context';
import { buildRegistry } from '../core/features';
import { createInbox } from '../core/inbox';
import { createLogger, type Logger } from '../core/logger';
import { createDispatcher, type DispatcherOptions } from '../core/outbox/dispatcher';
import type { PlatformSender } from '../core/outbox/sender-port';
import { systemClock, type Clock, type Platform } from '../core/types';
import { createApp } from '../http/app';
import type { AppDeps } from '../http/app-deps';
import type { JobContext } from '../jobs/schedule';
import type { Metrics, MetricsEndpoint } from '../core/metrics';
import type { Db } from '../../db/client';

export interface BuildOptions {
  env: Env;
  clock?: Clock;
  log?: Logger;
  /** An already open database (tests); otherwise opened from DATABASE_URL. */
  dbHandle?: DbHandle;
  telegramBotInfo?: TelegramBotInfo;
  /** Workers: ctx.waitUntil; Node: undefined (background promises just run). */
  defer?: (work: Promise<unknown>) => void;
  /** Override dispatcher tuning (tests, benchmarks). */
  dispatcher?: Partial<Pick<DispatcherOptions, 'leaseMs' | 'batchSize' | 'concurrency' | 'random' | 'instanceId' | 'flushMs' | 'claimSpanMs'>>;
  /** Per-call time-out for platform APIs. */
  platformTimeoutMs?: number;
  /** How the platform clients make HTTP calls: createNodeTransport() on Node, createFetchTransport() on Workers. */
  http: HttpTransport;
  /** Metrics for this runtime (Node: prom-client, src/entry/prom-metrics.ts); none: /metrics is 404. */
  metrics?: (parts: { db: Db; clock: Clock }) => { recorder: Metrics; endpoint?: MetricsEndpoint };
}

export type Runtime = Awaited<ReturnType<typeof buildRuntime>>;

export async function buildRuntime(opts: BuildOptions) {
  const { env } = opts;
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger(env.LOG_LEVEL);
  const dbHandle = opts.dbHandle ?? (await createDb({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN }));
  const { db } = dbHandle;

  const metrics = opts.metrics?.({ db, clock });
  const core: CoreDeps = { db, clock, env, log, defer: opts.defer, metrics: metrics?.recorder };
  const registry = buildRegistry();
  const inbox = createInbox(core, registry);

  const { http } = opts;
  const senders: Partial<Record<Platform, PlatformSender>> = {};
  let zaloClient: ZaloClient | undefined;
  const appDeps: AppDeps = {
    core,
    inbox,
    previews: {
      telegram: (m) => renderTelegram(m).flatMap((p) => (typeof p.text === 'string' ? [p.text] : [])),
      zalo: (m) => renderZaloMessage(m),
    },
    metrics: metrics?.endpoint,
  };

  if (telegramEnabled(env)) {
    const sender = createTelegramSender({ token: env.TELEGRAM_BOT_TOKEN!, apiRoot: env.TELEGRAM_API_ROOT, timeoutMs: opts.platformTimeoutMs, http });
    senders.telegram = sender;
    core.answerCallback = (id, text) => sender.answerCallback!(id, text);
    const botInfo = opts.telegramBotInfo ?? (env.TELEGRAM_BOT_USERNAME ? botInfoFromEnv(env) : undefined);
    if (botInfo?.username) core.telegramBotUsername = botInfo.username;
    const bot = createTelegramBot({
      token: env.TELEGRAM_BOT_TOKEN!,
      apiRoot: env.TELEGRAM_API_ROOT,
      botInfo,
      onInbound: async (msg) => {
        await inbox.accept(msg);
      },
      now: () => clock.now(),
    });
    appDeps.telegram = { secret: env.TELEGRAM_WEBHOOK_SECRET!, handleUpdate: (u) => bot.handleUpdate(u) };
  }

  if (zaloEnabled(env)) {
    const appId = env.ZALO_APP_ID!;
    zaloClient = createZaloClient({
      apiRoot: env.ZALO_API_ROOT,
      oauthRoot: env.ZALO_OAUTH_ROOT,
      appId,
      appSecret: env.ZALO_APP_SECRET!,
      tokens: createDbTokenStore(db),
      initialRefreshToken: env.ZALO_REFRESH_TOKEN,
      timeoutMs: opts.platformTimeoutMs,
      now: () => clock.now(),
      http,
      log: (msg, fields) => log.info(msg, fields),
    });
    senders.zalo = createZaloSender(zaloClient);
    const secret = env.ZALO_OA_SECRET_KEY!;
    appDeps.zalo = {
      appId,
      verifySignature: ({ rawBody, timestamp, header }) => verifyZaloSignature({ appId, rawBody, timestamp, secret, header }),
      toInbound: (body) => {
        const ev = parseZaloEvent(body);
        return ev ? zaloToInbound(ev, appId) : null;
      },
    };
  }

  const dispatcher = createDispatcher({
    db,
    clock,
    log,
    senders,
    rates: {
      telegram: { perSecond: env.TELEGRAM_RATE_PER_SEC, perChatGapMs: 1000 },
      zalo: { perSecond: env.ZALO_RATE_PER_SEC, perChatGapMs: 0 },
    },
    leaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
    metrics: metrics?.recorder,
    ...opts.dispatcher,
  });
  core.onQueued = () => dispatcher.kick();

  const app = createApp(appDeps);
  const jobContext: JobContext = {
    core,
    inbox,
    dispatcher,
    registry,
    refreshZaloToken: zaloClient ? (now) => zaloClient!.refreshIfExpiringSoon(now) : undefined,
  };

  return {
    app,
    core,
    inbox,
    registry,
    dispatcher,
    jobContext,
    zaloClient,
    enabled: { telegram: Boolean(senders.telegram), zalo: Boolean(senders.zalo) },
    db: dbHandle,
    async close() {
      await dispatcher.stop();
      await inbox.idle();
      if (!opts.dbHandle) dbHandle.close();
    },
  };
}

function botInfoFromEnv(env: Env): TelegramBotInfo {
  const id = Number(env.TELEGRAM_BOT_TOKEN!.split(':')[0]);
  return { id, username: env.TELEGRAM_BOT_USERNAME!, first_name: 'Loa' };
}
