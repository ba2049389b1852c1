// Cloudflare Workers entry: the same app (fetch) and the same jobs (scheduled) as src/entry/node.ts,
// against remote libSQL (Turso: `file:` URLs do not work in workerd). No queue: the outbox is
// drained by the one-minute Cron Trigger and, when little is due, after a webhook answered
// (docs/workers.md has the measured argument). Never import node-cron, @hono/node-server or the
// folder migrator here: they break or bloat the Worker (platforms doc §2).
import { AsyncLocalStorage } from 'node:async_hooks';
import { EnvError, parseEnv } from '../config/env';
import { ensureOfficials } from '../core/use-cases/ensure-officials';
import { jobs, runJobs } from '../jobs/schedule';
import { migrateBundled } from '../../db/migrate-bundled';
import { countDueOutbox } from '../../db/queries/outbox-backlog';
import { REPLY_PRIORITIES } from '../../db/queries/outbox';
import { buildRuntime, type Runtime } from './build-deps';
import { dueJobs } from './cron-due';
import { createFetchTransport } from '../../bots/http/fetch-transport';

/** The parts of ExecutionContext / ScheduledController we use (workers-types stays out of the Node typecheck). */
export interface WorkerExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}
export interface WorkerScheduledController {
  scheduledTime: number;
  cron: string;
}
type RawEnv = Record<string, unknown>;

/** Time budgets, chosen against the platform limits (docs/workers.md, "Why no queue"). */
const WORKER_TUNING = {
  /**
   * Claim lease. The dispatcher claims at most rate × lease / 2 rows per platform per batch
   * (Telegram 25/s → 250 rows = 10 s of sending), so one batch always fits in a waitUntil.
   */
  leaseMs: 20_000,
  /** A tick stops claiming after this; its last batch ends ≤ 10 s later, before the next tick. */
  tickDrainMs: 40_000,
  /** After a webhook: send what is due for at most this long (waitUntil allows 30 s). */
  webhookDrainMs: 5_000,
  /**
   * A webhook drains only when at most this many rows are due. Every isolate paces itself, so
   * many isolates draining a broadcast at once would exceed the platform rate; with this cap the
   * extra burst across all isolates is at most 50 messages, and broadcasts go out from the tick.
   */
  webhookBacklogMax: 50,
} as const;

// One runtime per isolate and configuration, built on first use. Keyed by the string variables
// (vars + secrets), so a changed configuration (or a test's second env) gets its own runtime.
const runtimes = new Map<string, Promise<Runtime>>();

function envKey(raw: RawEnv): string {
  return Object.keys(raw)
    .sort()
    .map((k) => (typeof raw[k] === 'string' ? `${k}=${raw[k] as string}` : k))
    .join('\n');
}

async function build(raw: RawEnv): Promise<Runtime> {
  const env = parseEnv(raw);
  // parseEnv's default (file:./data/loa.db) is for Node; workerd's libSQL client has no file access.
  if (env.DATABASE_URL.startsWith('file:')) {
    throw new EnvError(['DATABASE_URL must be a remote libSQL URL on Workers (libsql://<db>-<org>.turso.io, https:// or http://): set it with `wrangler secret put DATABASE_URL`']);
  }
  const rt: Runtime = await buildRuntime({
    env,
    http: createFetchTransport(),
    dispatcher: { leaseMs: WORKER_TUNING.leaseMs },
    defer: (work) => deferToRequest(rt, work),
  });
  if (raw.MIGRATE_ON_START === 'true') {
    const { applied } = await migrateBundled(rt.db.client);
    if (applied.length) rt.core.log.info('migrations applied', { migrations: applied.join(',') });
  }
  await ensureOfficials(rt.core);
  return rt;
}

function getRuntime(raw: RawEnv): Promise<Runtime> {
  const key = envKey(raw);
  let rt = runtimes.get(key);
  if (!rt) {
    rt = build(raw);
    runtimes.set(key, rt);
    // A failed build (bad config, database down) is retried by the next request.
    rt.catch(() => runtimes.delete(key));
  }
  return rt;
}

function badEnvironment(err: unknown): Response {
  // EnvError lists variable names and rules only, never values; other errors are summarised by name.
  const problems = err instanceof EnvError ? err.problems : [`the server could not start (${err instanceof Error ? err.name : 'error'})`];
  if (!(err instanceof EnvError)) console.error(JSON.stringify({ level: 'error', msg: 'worker start failed', error: err instanceof Error ? err.name : typeof err }));
  return Response.json({ code: 'BAD_ENVIRONMENT', message: 'Invalid configuration', problems }, { status: 500 });
}

// The request being served, so the core's `defer` (called by the inbox once an event is stored)
// reaches that request's ctx.waitUntil. Waiting on inbox.idle() instead would also wait for every
// other request of the isolate, and under steady traffic run into waitUntil's 30 s limit.
const requestContext = new AsyncLocalStorage<WorkerExecutionContext>();

/** Keeps the event's processing alive after the 200, then sends its replies if little is due. */
function deferToRequest(rt: Runtime, work: Promise<unknown>): void {
  const ctx = requestContext.getStore();
  if (!ctx) return; // a tick: scheduled() awaits inbox.idle() itself
  ctx.waitUntil(
    work
      .then(() => sendRepliesIfLittleIsDue(rt))
      .catch((err: unknown) => rt.core.log.error('after-webhook work failed', { error: err instanceof Error ? err.name : 'unknown' })),
  );
}

/**
 * After a webhook: when little is due, send it all; when a broadcast is waiting (more than the cap
 * due), still send the answers to people (priority 0) if few of those are due, and leave the
 * broadcast to the tick. So a reply goes out within seconds, not at the next tick, while another
 * chat has a hundred messages queued (SPEC §4).
 */
async function sendRepliesIfLittleIsDue(rt: Runtime): Promise<void> {
  const cap = WORKER_TUNING.webhookBacklogMax;
  const now = rt.core.clock.now();
  const due = await countDueOutbox(rt.core.db, now, cap);
  if (due === 0) return;
  if (due <= cap) {
    await rt.dispatcher.drain(WORKER_TUNING.webhookDrainMs);
    return;
  }
  const replies = await countDueOutbox(rt.core.db, now, cap, REPLY_PRIORITIES);
  if (replies > 0 && replies <= cap) await rt.dispatcher.drain(WORKER_TUNING.webhookDrainMs, REPLY_PRIORITIES);
}

// Only the handlers are exported: workerd treats named exports of the main module as entrypoints.
export default {
  async fetch(request: Request, env: RawEnv, ctx: WorkerExecutionContext): Promise<Response> {
    let rt: Runtime;
    try {
      rt = await getRuntime(env);
    } catch (err) {
      return badEnvironment(err);
    }
    // The inbox stores the event before the 200; its processing and replies run after it, kept
    // alive by this request's waitUntil (deferToRequest).
    return requestContext.run(ctx, () => rt.app.fetch(request));
  },

  /** The one-minute Cron Trigger: the jobs node-cron would run this minute, then the outbox. */
  async scheduled(controller: WorkerScheduledController, env: RawEnv, _ctx: WorkerExecutionContext): Promise<void> {
    const rt = await getRuntime(env);
    const now = new Date(controller.scheduledTime);
    const started = Date.now();
    const which = dueJobs(jobs, now, rt.core.env.TIMEZONE);
    await runJobs(rt.jobContext, now, which);
    await rt.inbox.idle();
    const stats = await rt.dispatcher.drain(WORKER_TUNING.tickDrainMs);
    const fields = { jobs: which.map((j) => j.name).join(','), ...stats, ms: Date.now() - started };
    if (stats.claimed > 0) rt.core.log.info('tick', fields);
    else rt.core.log.debug('tick', fields);
  },
};
