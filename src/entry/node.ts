// Node entry: parse env, migrate, serve the app with @hono/node-server, send the outbox in the
// background and run the schedule with node-cron (in TIMEZONE).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import cron from 'node-cron';
import { Telegram } from 'telegraf';
import { EnvError, parseEnv, telegramEnabled, zaloEnabled, type Env } from '../config/env';
import { createDb } from '../../db/client';
import { migrateFromFolder } from '../../db/migrate-from-folder';
import { createLogger } from '../core/logger';
import { ensureOfficials } from '../core/use-cases/ensure-officials';
import { setupCodeIfNoOfficial } from '../core/use-cases/setup-code';
import { formatDateTime } from '../core/time';
import { jobs } from '../jobs/schedule';
import { buildRuntime } from './build-deps';
import type { TelegramBotInfo } from '../../bots/telegram/bot';
import { createNodeTransport } from '../../bots/http/node-transport';
import { createPromMetrics } from './prom-metrics';

async function main() {
  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(env.LOG_LEVEL);
  if (env.DATABASE_URL.startsWith('file:')) {
    const path = env.DATABASE_URL.slice('file:'.length).split('?')[0]!;
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  const dbHandle = await createDb({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  await migrateFromFolder(dbHandle.db);

  const runtime = await buildRuntime({
    env,
    log,
    dbHandle,
    http: createNodeTransport(),
    telegramBotInfo: await telegramBotInfo(env, log),
    metrics: ({ db, clock }) => createPromMetrics({ db, clock, processMetrics: true }),
  });
  await ensureOfficials(runtime.core);
  runtime.dispatcher.start();

  const tasks = jobs.map((job) =>
    cron.schedule(job.cron, () => job.run(runtime.jobContext, new Date()).then(() => undefined), {
      timezone: env.TIMEZONE,
      name: job.name,
      noOverlap: true,
    }),
  );
  // Catch up at start: events left by a crash, a digest whose time passed while we were down.
  void Promise.all(jobs.map((j) => j.run(runtime.jobContext, new Date()).catch(() => undefined)));

  const server = serve({ fetch: runtime.app.fetch, port: env.PORT, hostname: env.HOST });
  console.log(`Loa listening on http://${env.HOST}:${env.PORT} (database ${redactUrl(env.DATABASE_URL)})`);
  console.log(
    `Telegram: ${telegramEnabled(env) ? 'enabled' : 'disabled (set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET)'}; ` +
      `Zalo: ${zaloEnabled(env) ? 'enabled' : 'disabled (set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY)'}; ` +
      `admin API: ${env.ADMIN_TOKEN ? 'enabled' : 'disabled (set ADMIN_TOKEN)'}.`,
  );
  // No official yet: a one-time setup code, printed once (SPEC §9). Not personal data.
  const setup = await setupCodeIfNoOfficial(dbHandle.db, new Date());
  if (setup) {
    console.log(
      `No official yet. Setup code: ${setup.code} (single use, valid until ${formatDateTime(setup.expiresAt, env.TIMEZONE)} ${env.TIMEZONE}). ` +
        `Send "/quantri ${setup.code}" to the bot in a private chat to become the first official (new code: npm run officials -- setup-code).`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    for (const t of tasks) await t.stop();
    server.close();
    await runtime.close();
    dbHandle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** The bot's username, once at start (so `/cmd@LoaBot` in groups is understood); never per request. */
async function telegramBotInfo(env: Env, log: ReturnType<typeof createLogger>): Promise<TelegramBotInfo | undefined> {
  if (!telegramEnabled(env)) return undefined;
  const id = Number(env.TELEGRAM_BOT_TOKEN!.split(':')[0]);
  if (env.TELEGRAM_BOT_USERNAME) return { id, username: env.TELEGRAM_BOT_USERNAME, first_name: 'Loa' };
  try {
    const me = await new Telegram(env.TELEGRAM_BOT_TOKEN!, { apiRoot: env.TELEGRAM_API_ROOT }).getMe();
    return { id: me.id, username: me.username, first_name: me.first_name };
  } catch {
    log.warn('could not read the bot username (getMe failed); set TELEGRAM_BOT_USERNAME');
    return undefined;
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@').split('?')[0]!;
}

main().catch((err) => {
  console.error(`Loa failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
