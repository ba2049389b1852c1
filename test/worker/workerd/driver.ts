// Drives the Worker's own handlers inside workerd (the module wrangler deploys, not a copy), and
// reads the fakes that run in Node through the control server of test/worker/global-setup.ts.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { createClient, type Client } from '@libsql/client';
import worker from '../../../src/entry/worker';
import type { ScenarioDriver, SentZalo } from '../scenarios';

export type WorkerEnv = Record<string, string | undefined>;
export const workerEnv = env as unknown as WorkerEnv;
const control = workerEnv.TEST_CONTROL_URL!;

export async function controlGet<T>(path: string): Promise<T> {
  const res = await fetch(`${control}${path}`);
  if (!res.ok) throw new Error(`control ${path}: ${res.status}`);
  return (await res.json()) as T;
}

export async function controlPost(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${control}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  if (!res.ok) throw new Error(`control ${path}: ${res.status}`);
  await res.arrayBuffer();
}

export interface TgCall {
  method: string;
  status: number | 'hang';
  payload: Record<string, unknown>;
  at: number;
}

/** The Worker's fetch handler with its own ExecutionContext; `done` settles its waitUntil work. */
export async function workerFetch(request: Request, e: WorkerEnv = workerEnv): Promise<{ res: Response; done: Promise<void> }> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, e, ctx);
  return { res, done: waitOnExecutionContext(ctx) };
}

/** One Cron Trigger tick at `at` (default now), awaited like the platform does. */
export async function tick(at = new Date(), e: WorkerEnv = workerEnv): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '* * * * *' }), e, ctx);
  await waitOnExecutionContext(ctx);
}

/** A libSQL client of the test database, over HTTP from inside workerd (the web client). */
export function testDb(url = workerEnv.DATABASE_URL!, authToken = workerEnv.DATABASE_AUTH_TOKEN): Client {
  return createClient({ url, authToken });
}

export function createWorkerdDriver(): ScenarioDriver {
  const pending: Promise<void>[] = [];
  return {
    now: () => new Date(),
    async post(path, body, headers = {}) {
      const { res, done } = await workerFetch(
        new Request(`https://loa.example${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }),
      );
      pending.push(done);
      return res;
    },
    async settle() {
      await Promise.all(pending.splice(0));
    },
    async tgSent(chatId) {
      const calls = await controlGet<TgCall[]>('/tg/calls');
      return calls
        .filter((c) => (c.method === 'sendMessage' || c.method === 'sendDocument') && c.status === 200 && String(c.payload.chat_id) === String(chatId))
        .map((c) => c.payload);
    },
    async tgMethods() {
      return (await controlGet<TgCall[]>('/tg/calls')).map((c) => c.method);
    },
    async zaloSent(userId) {
      return (await controlGet<SentZalo[]>('/zalo/sent')).filter((m) => m.userId === userId);
    },
  };
}
