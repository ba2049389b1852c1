// npm run sandbox: Loa with local stand-ins of Telegram and Zalo, and a small chat page where a
// person chats as a Telegram or Zalo member or as an official, with no tokens. For trying Loa
// and for training the office; never for production (scripts/build.mjs does not bundle it).
//
// What runs, all on 127.0.0.1: the fake Telegram Bot API and the fake Zalo OA API of the tests
// (test/fakes, real HTTP); Loa itself (the real app from buildRuntime, a real libSQL file,
// migrations, the outbox dispatcher, the node-cron schedule of `npm start`), pointed at the fakes
// with secrets made for this session; and the page, served by this process on its own port. The
// page posts real-shaped webhooks to Loa's real routes (secret header, Zalo signature) and shows
// what Loa sent, as the fakes received it. The first official is made the product's way: a setup
// code (as `npm start` prints it) sent with /quantri by the "Official (Telegram)" persona.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import cron from 'node-cron';
import { createNodeTransport } from '../bots/http/node-transport';
import { createDb, type DbHandle } from '../db/client';
import { migrateFromFolder } from '../db/migrate-from-folder';
import { createDbTokenStore } from '../db/queries/platform-tokens';
import { chatIdentities, members } from '../db/schema';
import { parseEnv } from '../src/config/env';
import { operatorMessage } from '../src/config/operator-errors';
import { createLogger, type LogLevel } from '../src/core/logger';
import type { Clock } from '../src/core/types';
import { ensureOfficials } from '../src/core/use-cases/ensure-officials';
import { queueDigest } from '../src/core/use-cases/queue-digest';
import { setupCodeIfNoOfficial } from '../src/core/use-cases/setup-code';
import { formatDateTime, localDate } from '../src/core/time';
import { buildRuntime, type Runtime } from '../src/entry/build-deps';
import { createPromMetrics } from '../src/entry/prom-metrics';
import { jobs, type Job } from '../src/jobs/schedule';
import { pairFromFake, startFakeZalo, type FakeZalo } from '../test/fakes/zalo-api';
import { startFakeTelegram, type FakeTelegram } from '../test/fakes/telegram-api';
import * as payload from './sandbox/payloads';
import { createTranscript, linkify, type Transcript } from './sandbox/transcript';

export interface SandboxOptions {
  /** The chat page's port (default 8788; 0 = any free port). */
  port?: number;
  /** Loa's own port (default 0 = any free port; the page links to it). */
  loaPort?: number;
  host?: string;
  /** The database: a path or a `file:` URL (default ./data/sandbox.db). Kept between runs. */
  db?: string;
  /** Run the schedule with node-cron like `npm start` (default true). */
  schedule?: boolean;
  logLevel?: LogLevel;
  timezone?: string;
  digestTime?: string;
}

export interface Persona {
  id: string;
  platform: 'telegram' | 'zalo';
  /** Telegram user id or Zalo user id. */
  userId: string;
  name: string;
  /** What the page shows: Vietnamese · English. */
  label: string;
  kind: 'member' | 'official' | 'new';
  /** Shared by Telegram's "share my phone number" button. */
  phone?: string;
}

export interface Sandbox {
  /** The chat page. */
  url: string;
  /** Loa itself (webhooks, /console, /api, /healthz). */
  loaUrl: string;
  adminToken: string;
  personas: Persona[];
  group: { chat: string; title: string };
  clock: SandboxClock;
  runtime: Runtime;
  transcript: Transcript;
  databaseUrl: string;
  /** Set when the official persona became the first official at this start (the setup code path). */
  claimedFirstOfficial: boolean;
  close(): Promise<void>;
}

/** Real time plus an offset the page can move forward ("skip ahead 1 hour"), never back. */
export interface SandboxClock extends Clock {
  offsetMs(): number;
  advance(ms: number): void;
}

/** An error with one line an operator can act on (printed without a stack trace). */
export class SandboxError extends Error {}

const BOT_USERNAME = 'LoaSandboxBot';
const GROUP = { id: -1001987654321, title: 'Nhóm Sáng tạo nội dung (thử)' };
const DEFAULT_PERSONAS: Persona[] = [
  { id: 'tg-member', platform: 'telegram', userId: '7100000101', name: 'Nguyễn Thị Lan', label: 'Thành viên Telegram · Telegram member', kind: 'member', phone: '84912345601' },
  { id: 'zalo-member', platform: 'zalo', userId: '6025512893746510384', name: 'Lê Anh Thư', label: 'Thành viên Zalo · Zalo member', kind: 'member' },
  { id: 'tg-official', platform: 'telegram', userId: '7100000900', name: 'Trần Thu Hoa', label: 'Cán bộ (Telegram) · Official', kind: 'official', phone: '84912345900' },
];

function createSandboxClock(): SandboxClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms))),
    offsetMs: () => offset,
    advance: (ms) => {
      offset += Math.max(0, ms);
    },
  };
}

function listen(fetch: (req: Request, ...rest: unknown[]) => Response | Promise<Response>, port: number, host: string, what: string, variable: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, () => {
      server.off('error', onError);
      resolve(server);
    });
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new SandboxError(`${what}: port ${port} on ${host} is already in use (another sandbox or Loa?): stop it or set ${variable} to a free port.`));
      else if (err.code === 'EACCES') reject(new SandboxError(`${what}: not allowed to listen on port ${port}: set ${variable} to a port above 1024.`));
      else reject(err);
    };
    server.once('error', onError);
  });
}

const urlOf = (s: ServerType) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
const closeServer = (s: ServerType) => new Promise<void>((r) => s.close(() => r()));

function databaseUrl(db: string): string {
  if (/^(file|libsql|https?|wss?):/.test(db)) return db;
  return `file:${db}`;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  const clock = createSandboxClock();
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c();
      } catch {
        // best effort while stopping
      }
    }
  };
  try {
    // 1. The page first, so a busy port stops a sandbox that did nothing.
    let pageFetch: (req: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    const pageServer = await listen((req) => pageFetch(req), opts.port ?? 8788, host, 'Sandbox page', 'SANDBOX_PORT');
    cleanups.push(() => closeServer(pageServer));
    let loaFetch: (req: Request, ...rest: unknown[]) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    const loaServer = await listen((req, ...rest) => loaFetch(req, ...rest), opts.loaPort ?? 0, host, 'Loa (sandbox)', 'SANDBOX_LOA_PORT');
    cleanups.push(() => closeServer(loaServer));
    const loaUrl = urlOf(loaServer);

    // 2. The stand-ins, with this session's credentials.
    const tg: FakeTelegram = await startFakeTelegram({ botUsername: BOT_USERNAME, now: () => clock.now().getTime() });
    cleanups.push(() => tg.close());
    const oa: payload.ZaloOa = { appId: String(randomInt(1e9, 2e9)) + String(randomInt(1e9, 2e9)).slice(1), oaId: '4150937291048362718', secretKey: randomBytes(18).toString('base64url') };
    const zalo: FakeZalo = await startFakeZalo({ appId: oa.appId, appSecret: randomBytes(16).toString('hex') });
    cleanups.push(() => zalo.close());
    const botId = randomInt(1e9, 2e9);
    const tgToken = `${botId}:${randomBytes(26).toString('base64url')}`;
    const tgSecret = randomBytes(24).toString('base64url');
    const adminToken = randomBytes(24).toString('base64url');

    // 3. Loa: the real database (migrated), the real runtime, like src/entry/node.ts.
    const dbUrl = databaseUrl(opts.db ?? './data/sandbox.db');
    if (dbUrl.startsWith('file:')) {
      const path = dbUrl.slice('file:'.length).split('?')[0]!;
      if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    }
    const env = parseEnv({
      DATABASE_URL: dbUrl,
      HOST: host,
      PORT: String((loaServer.address() as AddressInfo).port),
      PUBLIC_URL: loaUrl,
      TIMEZONE: opts.timezone ?? 'Asia/Ho_Chi_Minh',
      ...(opts.digestTime ? { DIGEST_TIME: opts.digestTime } : {}),
      ADMIN_TOKEN: adminToken,
      TELEGRAM_BOT_TOKEN: tgToken,
      TELEGRAM_WEBHOOK_SECRET: tgSecret,
      TELEGRAM_BOT_USERNAME: BOT_USERNAME,
      TELEGRAM_API_ROOT: tg.apiRoot,
      ZALO_APP_ID: oa.appId,
      ZALO_APP_SECRET: zalo.appSecret,
      ZALO_OA_SECRET_KEY: oa.secretKey,
      ZALO_REFRESH_TOKEN: zalo.tokens().refreshToken,
      ZALO_API_ROOT: zalo.url,
      ZALO_OAUTH_ROOT: zalo.oauthUrl,
      LOG_LEVEL: opts.logLevel ?? 'warn',
    });
    const dbHandle: DbHandle = await createDb({ url: env.DATABASE_URL });
    cleanups.push(() => dbHandle.close());
    await migrateFromFolder(dbHandle.db);
    // A fresh fake OA has fresh tokens: store them, as `npm run zalo:token` would for a real OA
    // (tokens a reused sandbox database kept from the last run belong to the last fake).
    await createDbTokenStore(dbHandle.db).save(pairFromFake(zalo, clock.now()));
    const runtime = await buildRuntime({
      env,
      clock,
      log: createLogger(env.LOG_LEVEL),
      dbHandle,
      http: createNodeTransport(),
      telegramBotInfo: { id: botId, username: BOT_USERNAME, first_name: 'Loa' },
      metrics: ({ db, clock: c }) => createPromMetrics({ db, clock: c }),
    });
    cleanups.push(() => runtime.close());
    await ensureOfficials(runtime.core);
    loaFetch = (req, ...rest) => runtime.app.fetch(req, ...(rest as []));
    runtime.dispatcher.start();

    const transcript = createTranscript({ tg, zalo }, () => clock.now().getTime());
    cleanups.push(() => transcript.close());
    const personas = DEFAULT_PERSONAS.map((p) => ({ ...p }));
    for (const p of personas) if (p.platform === 'zalo') zalo.setUserDetail(p.userId, { display_name: p.name, user_is_follower: true });

    const post = (path: string, raw: string, headers: Record<string, string>) =>
      fetch(`${loaUrl}${path}`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...headers } });
    const postTelegram = (update: unknown) => post('/webhooks/telegram', JSON.stringify(update), { 'x-telegram-bot-api-secret-token': tgSecret });
    const postZalo = (event: { timestamp: string }) => {
      const raw = JSON.stringify(event);
      return post('/webhooks/zalo', raw, { 'x-zevent-signature': payload.zaloSignature(oa, raw, event.timestamp) });
    };
    const tgUser = (p: Persona): payload.TelegramUser => {
      const [firstName, ...rest] = p.name.split(' ').reverse();
      return { id: Number(p.userId), firstName: firstName ?? p.name, lastName: rest.reverse().join(' ') || undefined };
    };
    const privateChat = (p: Persona) => `${p.platform}:${p.userId}`;
    const groupChat = `telegram:${GROUP.id}`;

    /** Records what the person sent, posts the webhook, and notes a refusal (it would be a bug). */
    async function deliver(chat: string, p: Persona, shown: string, send: () => Promise<Response>): Promise<number> {
      transcript.add({ chat, dir: 'in', persona: p.id, spans: linkify(shown) });
      const res = await send();
      if (res.status !== 200) transcript.add({ chat, dir: 'note', spans: [{ t: `Loa trả lời HTTP ${res.status} · Loa answered HTTP ${res.status}` }] });
      return res.status;
    }

    function sendText(p: Persona, text: string, where: 'private' | 'group' = 'private'): Promise<number> {
      const now = clock.now();
      if (p.platform === 'zalo') return deliver(privateChat(p), p, text, () => postZalo(payload.zaloText(oa, p.userId, text, now)));
      if (where === 'group') return deliver(groupChat, p, text, () => postTelegram(payload.telegramText(tgUser(p), text, now, GROUP)));
      return deliver(privateChat(p), p, text, () => postTelegram(payload.telegramText(tgUser(p), text, now)));
    }

    // 4. The first official, the product's way: a setup code, then /quantri from a private chat.
    const officialPersona = personas.find((p) => p.kind === 'official')!;
    let claimedFirstOfficial = false;
    const setup = await setupCodeIfNoOfficial(dbHandle.db, clock.now());
    if (setup) {
      transcript.add({
        chat: privateChat(officialPersona),
        dir: 'note',
        spans: [
          {
            t: `Chưa có cán bộ nào, nên Loa in mã thiết lập ${setup.code} khi khởi động (như npm start). Hộp thử gửi "/quantri ${setup.code}" thay bạn để bạn thành cán bộ đầu tiên. · No official yet: the sandbox sends the setup code for you.`,
          },
        ],
      });
      await sendText(officialPersona, `/quantri ${setup.code}`);
      await runtime.inbox.idle();
      claimedFirstOfficial = true;
    } else if (!(await isOfficial(dbHandle, officialPersona))) {
      transcript.add({
        chat: privateChat(officialPersona),
        dir: 'note',
        spans: [{ t: 'Cơ sở dữ liệu thử đã có cán bộ khác: người này chưa là cán bộ. Xoá data/sandbox.db để bắt đầu lại. · Another official exists in this database.' }],
      });
    }

    // 5. The schedule, as `npm start` runs it; a catch-up run at start first.
    const runJob = async (job: Job, now: Date) => {
      try {
        return { job: job.name, result: (await job.run(runtime.jobContext, now)) ?? null };
      } catch (err) {
        runtime.core.log.error('job failed', { job: job.name, error: err instanceof Error ? err.name : 'unknown' });
        return { job: job.name, error: err instanceof Error ? err.message : String(err) };
      }
    };
    const runAll = async (now: Date) => {
      const out = [];
      for (const j of jobs) out.push(await runJob(j, now));
      return out;
    };
    if (opts.schedule !== false) {
      await runAll(clock.now());
      const tasks = jobs.map((job) =>
        cron.schedule(job.cron, () => runJob(job, clock.now()).then(() => undefined), { timezone: env.TIMEZONE, name: `sandbox-${job.name}`, noOverlap: true }),
      );
      cleanups.push(async () => {
        for (const t of tasks) await t.destroy();
      });
    }

    // 6. The page and its small JSON API (only this process serves it; Loa gains no route).
    const page = createPage({
      personas,
      transcript,
      clock,
      env,
      loaUrl,
      tg,
      sendText,
      async tap(seq, row, col, personaId) {
        const found = transcript.action(seq, row, col);
        if (!found) return { error: 'no such button' };
        const { entry, action } = found;
        const inGroup = entry.chat === groupChat;
        const p = inGroup ? personas.find((x) => x.id === personaId && x.platform === 'telegram') : personas.find((x) => privateChat(x) === entry.chat);
        if (!p) return { error: 'no person for this chat' };
        const label = entry.buttons?.[row]?.[col]?.label ?? '';
        const now = clock.now();
        switch (action.kind) {
          case 'callback': {
            const update = payload.telegramCallback(tgUser(p), action.data, { id: seq, text: entry.spans.map((s) => s.t).join(''), ...(inGroup ? { chat: GROUP } : {}) }, { id: botId, username: BOT_USERNAME });
            transcript.callbackSent(update.callback_query.id, entry.chat);
            return { status: await deliver(entry.chat, p, `[${label}]`, () => postTelegram(update)) };
          }
          case 'zalo':
            return { status: await deliver(entry.chat, p, action.payload, () => postZalo(payload.zaloText(oa, p.userId, action.payload, now))) };
          case 'text':
            return { status: await sendText(p, action.text, inGroup ? 'group' : 'private') };
          case 'contact':
            return {
              status: await deliver(entry.chat, p, `📞 +${p.phone ?? ''}`, () => postTelegram(payload.telegramContact(tgUser(p), p.phone ?? '84900000000', now))),
            };
          case 'url': {
            // A "continue in the private chat" link (t.me/<bot>?start=<command>) starts it there.
            const start = new RegExp(`^https://t\\.me/${BOT_USERNAME}\\?start=([\\w-]+)$`, 'i').exec(action.url);
            if (start) return { status: await sendText(p, `/start ${start[1]}`), chat: privateChat(p) };
            return { open: action.url };
          }
        }
      },
      async follow(p, on) {
        const now = clock.now();
        return deliver(privateChat(p), p, on ? '[Quan tâm OA · Follow]' : '[Bỏ quan tâm · Unfollow]', () => postZalo(payload.zaloFollow(oa, p.userId, now, on ? 'follow' : 'unfollow')));
      },
      newPersona(platform) {
        const n = personas.filter((p) => p.kind === 'new').length + 1;
        const userId = platform === 'telegram' ? String(7100001000 + n + randomInt(0, 1000) * 1000) : `7${String(randomInt(1e8, 1e9))}${String(randomInt(1e8, 1e9))}`;
        const p: Persona = {
          id: `${platform === 'telegram' ? 'tg' : 'zalo'}-new-${n}`,
          platform,
          userId,
          name: `Người mới ${n}`,
          label: `Người mới ${n} (${platform === 'telegram' ? 'Telegram' : 'Zalo'}) · New person`,
          kind: 'new',
          ...(platform === 'telegram' ? { phone: `849123470${String(n).padStart(2, '0')}` } : {}),
        };
        if (platform === 'zalo') zalo.setUserDetail(p.userId, { display_name: p.name, user_is_follower: true });
        personas.push(p);
        return p;
      },
      async job(name, hours) {
        const now = clock.now();
        if (name === 'digest') {
          // What the admin API's "send now" and the console's "Gửi ngay" run (SPEC §2): today's digest.
          const date = localDate(now, env.TIMEZONE);
          const r = await queueDigest(runtime.core, date, { now, trigger: 'api' });
          return { job: 'digest', result: r };
        }
        if (name === 'reminders') return runJob(jobs.find((j) => j.name === 'reminders')!, now);
        if (name === 'advance') {
          const h = Number(hours ?? 1);
          clock.advance(Number.isFinite(h) ? Math.min(Math.max(h, 0), 24 * 30) * 3600_000 : 0);
          runtime.dispatcher.kick();
        }
        return { job: 'all', results: await runAll(clock.now()) };
      },
      group: { chat: groupChat, title: GROUP.title },
    });
    pageFetch = (req) => page.fetch(req);

    return {
      url: urlOf(pageServer),
      loaUrl,
      adminToken,
      personas,
      group: { chat: groupChat, title: GROUP.title },
      clock,
      runtime,
      transcript,
      databaseUrl: dbUrl,
      claimedFirstOfficial,
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function isOfficial(handle: DbHandle, p: Persona): Promise<boolean> {
  const rows = await handle.db
    .select({ role: members.role })
    .from(chatIdentities)
    .innerJoin(members, eq(members.id, chatIdentities.memberId))
    .where(and(eq(chatIdentities.platform, p.platform), eq(chatIdentities.externalId, p.userId)));
  return rows.some((r) => r.role === 'official');
}

interface PageDeps {
  personas: Persona[];
  transcript: Transcript;
  clock: SandboxClock;
  env: ReturnType<typeof parseEnv>;
  loaUrl: string;
  tg: FakeTelegram;
  group: { chat: string; title: string };
  sendText(p: Persona, text: string, where?: 'private' | 'group'): Promise<number>;
  tap(seq: number, row: number, col: number, persona?: string): Promise<Record<string, unknown>>;
  follow(p: Persona, on: boolean): Promise<number>;
  newPersona(platform: 'telegram' | 'zalo'): Persona;
  job(name: string, hours?: number): Promise<unknown>;
}

const ASSETS = {
  html: readFileSync(new URL('./sandbox/page.html', import.meta.url), 'utf8'),
  js: readFileSync(new URL('./sandbox/page.js', import.meta.url), 'utf8'),
  css: readFileSync(new URL('./sandbox/page.css', import.meta.url), 'utf8'),
};
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function createPage(d: PageDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    // JSON only: a foreign page cannot send application/json here without a CORS preflight we never grant.
    if (c.req.method === 'POST' && !(c.req.header('content-type') ?? '').startsWith('application/json')) return c.json({ error: 'JSON only' }, 415);
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
  });
  app.get('/', (c) => c.html(ASSETS.html));
  app.get('/sandbox.js', (c) => c.body(ASSETS.js, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/sandbox.css', (c) => c.body(ASSETS.css, 200, { 'content-type': 'text/css; charset=utf-8' }));
  const persona = (id: unknown) => d.personas.find((p) => p.id === id);

  app.get('/api/state', (c) =>
    c.json({
      loaUrl: d.loaUrl,
      consoleUrl: `${d.loaUrl}/console`,
      bot: BOT_USERNAME,
      personas: d.personas,
      group: d.group,
      now: d.clock.now().toISOString(),
      nowText: `${formatDateTime(d.clock.now(), d.env.TIMEZONE)}`,
      offsetHours: Math.round(d.clock.offsetMs() / 360_000) / 10,
      timezone: d.env.TIMEZONE,
      digestTime: d.env.DIGEST_TIME,
    }),
  );
  app.get('/api/messages', async (c) => {
    const after = Number(c.req.query('after') ?? 0) || 0;
    const wait = Math.min(Number(c.req.query('wait') ?? 0) || 0, 25_000);
    return c.json({ entries: await d.transcript.after(after, wait) });
  });
  app.get('/api/files/:id', (c) => {
    const f = d.transcript.file(Number(c.req.param('id')));
    if (!f) return c.text('not found', 404);
    return c.body(f.content, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${f.name.replace(/[^\w.-]/g, '_')}"` });
  });
  app.post('/api/send', async (c) => {
    const body = await c.req.json<{ persona?: string; text?: string; where?: 'private' | 'group' }>();
    const p = persona(body.persona);
    const text = (body.text ?? '').trim();
    if (!p || !text) return c.json({ error: 'persona and text needed' }, 400);
    if (body.where === 'group' && p.platform !== 'telegram') return c.json({ error: 'groups are Telegram only here' }, 400);
    return c.json({ status: await d.sendText(p, text.slice(0, 4096), body.where === 'group' ? 'group' : 'private') });
  });
  app.post('/api/tap', async (c) => {
    const body = await c.req.json<{ seq?: number; row?: number; col?: number; persona?: string }>();
    const out = await d.tap(Number(body.seq), Number(body.row), Number(body.col), body.persona);
    return c.json(out, 'error' in out ? 400 : 200);
  });
  app.post('/api/follow', async (c) => {
    const body = await c.req.json<{ persona?: string; follow?: boolean }>();
    const p = persona(body.persona);
    if (!p || p.platform !== 'zalo') return c.json({ error: 'a Zalo persona is needed' }, 400);
    return c.json({ status: await d.follow(p, body.follow !== false) });
  });
  app.post('/api/personas', async (c) => {
    const body = await c.req.json<{ platform?: string }>();
    if (body.platform !== 'telegram' && body.platform !== 'zalo') return c.json({ error: 'platform is telegram or zalo' }, 400);
    return c.json(d.newPersona(body.platform));
  });
  app.post('/api/jobs', async (c) => {
    const body = await c.req.json<{ job?: string; hours?: number }>();
    if (!['digest', 'reminders', 'all', 'advance'].includes(body.job ?? '')) return c.json({ error: 'job is digest, reminders, all or advance' }, 400);
    return c.json(await d.job(body.job!, body.hours));
  });
  return app;
}

async function main() {
  const num = (v: string | undefined, fallback: number) => (v === undefined || v === '' ? fallback : Number(v));
  const port = num(process.env.SANDBOX_PORT, 8788);
  const loaPort = num(process.env.SANDBOX_LOA_PORT, 0);
  for (const [name, v] of [['SANDBOX_PORT', port], ['SANDBOX_LOA_PORT', loaPort]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 65535) throw new SandboxError(`${name} must be a port number (0-65535).`);
  }
  const db = process.env.SANDBOX_DB || './data/sandbox.db';
  const level = (process.env.LOG_LEVEL as LogLevel | undefined) || 'warn';
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ port, loaPort, db, logLevel: level, timezone: process.env.TIMEZONE || undefined, digestTime: process.env.DIGEST_TIME || undefined });
  } catch (err) {
    if (err instanceof SandboxError) throw err;
    throw new SandboxError(operatorMessage(err, { databaseUrl: databaseUrl(db) }));
  }
  const official = sandbox.personas.find((p) => p.kind === 'official')!;
  console.log('Loa sandbox: Telegram and Zalo are local stand-ins, no tokens needed. For trying and training only.');
  console.log(`  Chat page (trang chat thử):  ${sandbox.url}`);
  console.log(`  Console (trang quản trị):    ${sandbox.loaUrl}/console  (sign in: chat as «${official.label}» and send /web)`);
  console.log(`  Database:                    ${sandbox.databaseUrl}  (kept between runs; delete it to start over)`);
  console.log(`  Admin API token:             ${sandbox.adminToken}  (this session only)`);
  console.log('Ctrl+C stops it.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  main().catch((err: unknown) => {
    console.error(`Sandbox failed to start: ${err instanceof SandboxError ? err.message : operatorMessage(err, {})}`);
    process.exit(1);
  });
}
