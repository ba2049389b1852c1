// Cloudflare Workers entry: the same app (fetch) and the same jobs (scheduled, a one-minute Cron
// Trigger: each job decides from `now` what is due). The database must be remote libSQL (Turso):
// `file:` URLs do not work in workerd, and migrations run before deploy (npm run db:migrate).
import axios from 'axios';
import { EnvError, parseEnv } from '../config/env';
import { runJobs } from '../jobs/schedule';
import { buildRuntime, type Runtime } from './build-deps';

interface WorkerExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}
interface ScheduledController {
  scheduledTime: number;
  cron: string;
}

// One runtime per isolate, built on first use (env is the same object for the isolate's life).
let runtime: Promise<Runtime> | undefined;
function getRuntime(rawEnv: Record<string, unknown>): Promise<Runtime> {
  runtime ??= (async () => {
    const env = parseEnv(rawEnv);
    return buildRuntime({ env, zaloHttp: axios.create({ adapter: 'fetch' }) });
  })().catch((err) => {
    runtime = undefined;
    throw err;
  });
  return runtime;
}

function badEnvironment(err: unknown): Response {
  const problems = err instanceof EnvError ? err.problems : ['the server could not start'];
  return Response.json({ code: 'BAD_ENVIRONMENT', message: 'Invalid configuration', problems }, { status: 500 });
}

export default {
  async fetch(request: Request, env: Record<string, unknown>, ctx: WorkerExecutionContext): Promise<Response> {
    let rt: Runtime;
    try {
      rt = await getRuntime(env);
    } catch (err) {
      return badEnvironment(err);
    }
    const res = await rt.app.fetch(request);
    // Process what the request stored, then send the replies it queued, after answering.
    ctx.waitUntil(rt.inbox.idle().then(() => rt.dispatcher.drain(20_000)));
    return res;
  },

  async scheduled(controller: ScheduledController, env: Record<string, unknown>, ctx: WorkerExecutionContext): Promise<void> {
    const rt = await getRuntime(env);
    const now = new Date(controller.scheduledTime);
    ctx.waitUntil(
      runJobs(rt.jobContext, now)
        .then(() => rt.inbox.idle())
        .then(() => rt.dispatcher.drain(25_000)),
    );
  },
};
