// Node entry: parse env, migrate, serve the app with @hono/node-server, send the outbox in the
// background and run the schedule with node-cron (in TIMEZONE). Every error an operator can cause
// at start (bad variable, busy port, unreachable/locked/unreadable database, refused token) ends
// the process with one line and exit code 1 (src/config/operator-errors.ts), never a stack trace.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import cron from 'node-cron';
import { Telegram } from 'telegraf';
import { EnvError, parseEnv, telegramEnabled, zaloEnabled, type Env } from '../config/env';
import { OperatorError, operatorMessage, redactUrl, type OperatorContext } from '../config/operator-errors';
import { createDb } from '../../db/client';
import { migrateFromFolder } from '../../db/migrate-from-folder';
import { createLogger, errorFields, type Logger } from '../core/logger';
import { ensureOfficials } from '../core/use-cases/ensure-officials';
import { setupCodeIfNoOfficial } from '../core/use-cases/setup-code';
import { formatDateTime } from '../core/time';
import { jobs } from '../jobs/schedule';
import { buildRuntime } from './build-deps';
import type { TelegramBotInfo } from '../../bots/telegram/bot';
import { createNodeTransport } from '../../bots/http/node-transport';
import { createPromMetrics } from './prom-metrics';
import { backupJob } from './backup-job';

const operator: OperatorContext = {};

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
  Object.assign(operator, { port: env.PORT, host: env.HOST, databaseUrl: env.DATABASE_URL });
  const log = createLogger(env.LOG_LEVEL);
  if (env.DATABASE_URL.startsWith('file:')) {
    const path = env.DATABASE_URL.slice('file:'.length).split('?')[0]!;
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  const dbHandle = await createDb({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  await migrateFromFolder(dbHandle.db);
  log.debug('migrations checked', { database: redactUrl(env.DATABASE_URL) });

  const runtime = await buildRuntime({
    env,
    log,
    dbHandle,
    http: createNodeTransport(),
    telegramBotInfo: await telegramBotInfo(env, log),
    metrics: ({ db, clock }) => createPromMetrics({ db, clock, processMetrics: true }),
  });
  await ensureOfficials(runtime.core);
  // No official yet: a one-time setup code, printed once (SPEC §9). Not personal data.
  const setup = await setupCodeIfNoOfficial(dbHandle.db, new Date());

  // Listen before anything runs in the background, so a busy port stops a process that did nothing.
  const server = await listen(runtime.app.fetch, env);
  runtime.dispatcher.start();
  const allJobs = env.BACKUP_DIR ? [...jobs, backupJob(env)] : jobs;
  const tasks = allJobs.map((job) =>
    cron.schedule(
      job.cron,
      () => {
        const started = Date.now();
        return job.run(runtime.jobContext, new Date()).then(
          () => log.debug('job run', { job: job.name, ms: Date.now() - started }),
          (err: unknown) => log.error('job failed', { job: job.name, ...errorFields(err) }),
        );
      },
      { timezone: env.TIMEZONE, name: job.name, noOverlap: true },
    ),
  );
  // Catch up at start: events left by a crash, a digest whose time passed while we were down.
  void Promise.all(jobs.map((j) => j.run(runtime.jobContext, new Date()).catch(() => undefined)));

  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : env.PORT;
  console.log(`Loa listening on http://${env.HOST}:${port} (database ${redactUrl(env.DATABASE_URL)})`);
  console.log(
    `Telegram: ${telegramEnabled(env) ? 'enabled' : 'disabled (set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET)'}; ` +
      `Zalo: ${zaloEnabled(env) ? 'enabled' : 'disabled (set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY)'}; ` +
      `admin API: ${env.ADMIN_TOKEN ? 'enabled' : 'disabled (set ADMIN_TOKEN)'}; ` +
      `metrics: ${env.METRICS_TOKEN ? 'GET /metrics' : 'disabled (set METRICS_TOKEN)'}; ` +
      `backups: ${env.BACKUP_DIR ? `daily at ${env.BACKUP_TIME} into ${env.BACKUP_DIR}, last ${env.BACKUP_KEEP} kept` : 'off (set BACKUP_DIR)'}.`,
  );
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

/** Resolves once listening; rejects with the listen error (EADDRINUSE, EACCES) instead of an uncaught one. */
function listen(fetch: Parameters<typeof serve>[0]['fetch'], env: Env): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: env.PORT, hostname: env.HOST }, () => {
      server.off('error', reject);
      resolve(server);
    });
    server.once('error', reject);
  });
}

/** The bot's username, once at start (so `/cmd@LoaBot` in groups is understood); never per request. */
async function telegramBotInfo(env: Env, log: Logger): Promise<TelegramBotInfo | undefined> {
  if (!telegramEnabled(env)) return undefined;
  const id = Number(env.TELEGRAM_BOT_TOKEN!.split(':')[0]);
  if (env.TELEGRAM_BOT_USERNAME) return { id, username: env.TELEGRAM_BOT_USERNAME, first_name: 'Loa' };
  try {
    const me = await new Telegram(env.TELEGRAM_BOT_TOKEN!, { apiRoot: env.TELEGRAM_API_ROOT }).getMe();
    return { id: me.id, username: me.username, first_name: me.first_name };
  } catch (err) {
    const code = (err as { response?: { error_code?: unknown }; code?: unknown }).response?.error_code ?? (err as { code?: unknown }).code;
    if (code === 401 || code === 404) {
      throw new OperatorError(`TELEGRAM_BOT_TOKEN was refused by Telegram (${code}): copy the bot's token again from @BotFather (/mybots, API Token).`);
    }
    log.warn('could not read the bot username (getMe failed); set TELEGRAM_BOT_USERNAME');
    return undefined;
  }
}

main().catch((err: unknown) => {
  console.error(`Loa failed to start: ${operatorMessage(err, operator)}`);
  process.exit(1);
});
