// npm run bench:fanout — the daily digest at scale.
//
// The parent process runs the fake Telegram Bot API and the fake Zalo OA API (so a kill -9 of
// Loa does not kill them), seeds a fresh database with BENCH_MEMBERS members (default 100,000:
// half Telegram, half Zalo, chunked multi-row inserts in one batch) and 10 articles, then runs
// Loa's dispatcher in a child process (`tsx scripts/bench/fanout.ts --child`):
//   1. the child runs the `digest` job (time to queue one digest for everyone);
//   2. the child sends at 1,000/s per platform; the parent measures the rate at the fakes and,
//      halfway, kills the child with SIGKILL and counts the rows left in flight (`sending`);
//   3. a new child starts on the same database, the `digest` job queues nothing new, and the
//      dispatcher resumes after the lease (5 s here) until every row is final;
//   4. the parent counts, per idempotency key (one digest row per chat), the parts each chat
//      received: lost = chats missing a part, sent twice = chats that got a part twice.
// Peak RSS is the child's (VmHWM), sampled by the parent until the child ends or is killed.
// While phase A queues the digest, the child also serves Loa's HTTP app and the parent sends it
// Telegram webhooks at a steady BENCH_WEBHOOK_RATE (default 200/s, 10 connections): their p99
// while the digest is queued is the latency a member sees then.
// `npm run bench:fanout -- --members 1000000` (or BENCH_MEMBERS) sets phase A's size.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { createDb, type DbHandle } from '../../db/client';
import { migrateFromFolder } from '../../db/migrate-from-folder';
import { articles, chatIdentities, members } from '../../db/schema';
import { startFakeTelegram, type FakeTelegram } from '../../test/fakes/telegram-api';
import { startFakeZalo, type FakeZalo } from '../../test/fakes/zalo-api';
import { renderZaloMessage } from '../../bots/zalo/render';
import { render as renderTelegram } from '../../bots/telegram/render';
import { buildDigestMessage } from '../../src/core/features/digest/message';
import { messagesFor } from '../../src/i18n';
import { localDate } from '../../src/core/time';
import { startUpdate } from './start-update';

const TG_TOKEN = '123456789:BENCH_token_for_the_fake_bot_api_000';
const ZALO_APP_ID = '2718281828459045235';
const TIMEZONE = 'Asia/Ho_Chi_Minh';
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const LEASE_MS = 5000;

// ---------------------------------------------------------------------------------------------
// Child: Loa's real runtime (digest job + dispatcher) against the fakes.
// ---------------------------------------------------------------------------------------------

async function child(): Promise<void> {
  const { parseEnv } = await import('../../src/config/env');
  const { buildRuntime } = await import('../../src/entry/build-deps');
  const { createNodeTransport } = await import('../../bots/http/node-transport');
  const { createLogger } = await import('../../src/core/logger');
  const { runDigestSchedule } = await import('../../src/core/use-cases/queue-digest');
  const { sendDigestSummaries } = await import('../../src/core/use-cases/summarise-digests');
  const env = parseEnv(process.env);
  const dbHandle = await createDb({ url: env.DATABASE_URL });
  const rt = await buildRuntime({
    env,
    dbHandle,
    log: createLogger('error'),
    telegramBotInfo: { id: 123456789, username: 'LoaBenchBot', first_name: 'Loa' },
    dispatcher: { leaseMs: LEASE_MS },
    http: createNodeTransport(),
  });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  // Phase A ends the child with SIGUSR2 when profiling, so --cpu-prof can write its file.
  process.on('SIGUSR2', () => process.exit(0));
  if (process.env.BENCH_SERVE) {
    // Phase A: serve the webhooks, and queue the digest when the parent says so (SIGUSR1), with
    // webhooks already arriving.
    const { serve } = await import('@hono/node-server');
    const go = new Promise((resolve) => process.once('SIGUSR1', resolve));
    const server = serve({ fetch: rt.app.fetch, port: 0, hostname: '127.0.0.1' }, () => say(`READY ${(server.address() as AddressInfo).port}`));
    await go;
  }

  // How long the event loop could not answer a webhook while the digest was queued.
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const t0 = performance.now();
  const tick = await runDigestSchedule(rt.core, new Date());
  const queueMs = performance.now() - t0;
  stalls.disable();
  say(`QUEUED ${JSON.stringify({ ms: Math.round(queueMs), tick, maxStallMs: Math.round(stalls.max / 1e6) })}`);

  const date = localDate(new Date(), env.TIMEZONE);
  rt.dispatcher.start();
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    // "Anything left?" through the claim index (`+ref` keeps SQLite off the ref index): a count
    // over the digest's rows took ~80 ms per check here, a stall of the dispatcher being measured.
    const rows = await dbHandle.db.all<{ left: number }>(
      sql`SELECT EXISTS (SELECT 1 FROM outbox WHERE platform IN ('telegram', 'zalo') AND status IN ('queued', 'sending') AND +ref = ${'digest:' + date}) AS left`,
    );
    if (Number(rows[0]!.left) === 0) break;
  }
  await sendDigestSummaries(rt.core, new Date());
  await rt.dispatcher.drain(10_000);
  await rt.close();
  dbHandle.close();
  say('DONE');
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Parent: fakes, seed, orchestration, counting.
// ---------------------------------------------------------------------------------------------

const TITLES = [
  'Khai mạc Lễ hội Áo dài TP.HCM 2026 với hơn 3.000 người tham gia diễu hành trên phố đi bộ Nguyễn Huệ',
  'Giải marathon quốc tế thành phố thu hút 15.000 vận động viên từ 60 quốc gia và vùng lãnh thổ',
  'Bảo tàng Mỹ thuật mở cửa ban đêm dịp cuối tuần, giới thiệu bộ sưu tập tranh sơn mài quý hiếm',
  'Liên hoan phim Việt Nam lần thứ 24: những bộ phim độc lập gây bất ngờ với giới phê bình',
  'Sở Văn hóa và Thể thao phát động cuộc thi sáng tác video ngắn quảng bá du lịch thành phố',
  'Đội tuyển bóng đá nữ Việt Nam giành huy chương vàng SEA Games sau loạt sút luân lưu kịch tính',
  'Đêm nhạc tưởng nhớ Trịnh Công Sơn tại Nhà hát Thành phố kín chỗ ngay trong ngày mở bán vé',
  'Triển lãm ảnh "Sài Gòn xưa và nay" thu hút đông đảo giới trẻ đến tham quan và chụp ảnh check-in',
  'Thành phố đầu tư 500 tỷ đồng nâng cấp hệ thống nhà văn hóa, thư viện và sân chơi cho thiếu nhi',
  'Lễ hội ẩm thực đường phố quy tụ hơn 200 gian hàng đặc sản ba miền trong ba ngày cuối tuần',
];
const HOSTS = ['tuoitre.vn', 'vnexpress.net', 'sggp.org.vn', 'thanhnien.vn', 'nhandan.vn', 'nld.com.vn', 'plo.vn', 'dantri.com.vn', 'vietnamnet.vn', 'vtv.vn'];
const OUTLETS = ['Tuổi Trẻ', 'VnExpress', 'Sài Gòn Giải Phóng', 'Thanh Niên', 'Nhân Dân', 'Người Lao Động', 'Pháp Luật TP.HCM', 'Dân Trí', 'VietNamNet', 'VTV'];

async function seed(db: DbHandle['db'], n: number, date: string, now: Date): Promise<void> {
  // Generated by SQLite (a recursive counter), 100,000 members a transaction: a million members
  // built as JS rows took minutes and gigabytes in this process. Without names: the fan-out never
  // reads them, and the console's name-word trigger (member_name_words_insert) costs ~0.4 ms per
  // named member here (20,000 members: 7.8 s with names, the identities 1.3 s).
  const CHUNK = 100_000;
  const t = now.getTime();
  const lastInbound = t - 3600_000;
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    // (The counter is cast: a bound JS number may arrive as a real, and 7e18 + i as a real loses
    // the low digits.) Member ids are 1..n in a fresh database (inserted first, in this order); member i + 1 has
    // identity i: even on Telegram, odd on Zalo. Every member wrote to the bot privately once
    // (pushes go only to a private chat, SPEC §6).
    await db.batch([
      db.run(sql`WITH RECURSIVE c(i) AS (SELECT CAST(${from} AS INTEGER) UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ${to})
        INSERT INTO members (role, registered_at, consent_at, consent_version, created_at)
        SELECT 'creator', ${t}, ${t}, 'bench', ${t} FROM c`),
      db.run(sql`WITH RECURSIVE c(i) AS (SELECT CAST(${from} AS INTEGER) UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ${to}),
        x(i, platform, ext) AS (SELECT i, CASE i % 2 WHEN 0 THEN 'telegram' ELSE 'zalo' END,
          CASE i % 2 WHEN 0 THEN CAST(100000000 + i AS TEXT) ELSE CAST(7000000000000000000 + i AS TEXT) END FROM c)
        INSERT INTO chat_identities (platform, external_id, chat_id, member_id, last_inbound_at, private_chat_at, created_at)
        SELECT platform, ext, ext, i + 1, ${lastInbound}, ${t}, ${t} FROM x`),
    ]);
  }
  await db.insert(articles).values(
    TITLES.map((title, i) => ({
      digestDate: date,
      url: `https://${HOSTS[i]}/van-hoa/${title.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').slice(0, 80)}-${4000000 + i}.html`,
      urlKey: `bench-${i}`,
      title,
      outlet: OUTLETS[i]!,
      position: i + 1,
      source: 'api' as const,
      addedByMemberId: null,
      addedAt: now,
    })),
  );
}

interface ChildHandle {
  proc: ChildProcess;
  lines: string[];
  peakRssKb: number;
  exited: Promise<number | null>;
  waitFor(prefix: string, timeoutMs: number): Promise<string>;
}

function startChild(env: Record<string, string>): ChildHandle {
  // BENCH_CPU_PROF=<dir>: write a V8 CPU profile of each child that exits normally (run 2).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const proc = spawn(process.execPath, [...prof, '--import', 'tsx', 'scripts/bench/fanout.ts', '--child'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const h: ChildHandle = {
    proc,
    lines: [],
    peakRssKb: 0,
    exited: new Promise((resolve) => proc.on('exit', (code) => resolve(code))),
    async waitFor(prefix, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = h.lines.find((l) => l.startsWith(prefix));
        if (line) return line.slice(prefix.length).trim();
        if (Date.now() > deadline) throw new Error(`child did not print ${prefix} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  let buf = '';
  proc.stdout!.on('data', (b: Buffer) => {
    buf += b.toString();
    const parts = buf.split('\n');
    buf = parts.pop() ?? '';
    h.lines.push(...parts);
  });
  // VmHWM is the process's peak resident set size; sampled until it exits or is killed.
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      if (m) h.peakRssKb = Math.max(h.peakRssKb, Number(m[1]));
    } catch {
      /* gone */
    }
  }, 100);
  void h.exited.then(() => clearInterval(timer));
  return h;
}

/** Digest API calls the fakes answered so far, per platform (incremental: the call logs only grow). */
function createCounter(tg: FakeTelegram, zalo: FakeZalo) {
  const state = { tgIndex: 0, zaloIndex: 0, telegram: 0, zalo: 0 };
  return () => {
    for (; state.tgIndex < tg.calls.length; state.tgIndex++) {
      const c = tg.calls[state.tgIndex]!;
      if (c.method === 'sendMessage') state.telegram++;
    }
    for (; state.zaloIndex < zalo.calls.length; state.zaloIndex++) {
      if (zalo.calls[state.zaloIndex]!.path === '/v3.0/oa/message/cs') state.zalo++;
    }
    return { telegram: state.telegram, zalo: state.zalo };
  };
}

const fmt = (n: number) => new Intl.NumberFormat('en-US').format(Math.round(n));

type Row = [string, string, string, string];

interface Setup {
  dir: string;
  handle: DbHandle;
  env: Record<string, string>;
  date: string;
  tgParts: string[];
  zaloParts: string[];
  expectedCalls: number;
  seedMs: number;
}

/** A fresh database with `total` members (half Telegram, half Zalo), 10 articles and one official. */
async function setup(total: number, tg: FakeTelegram, zalo: FakeZalo): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-fanout-'));
  const dbUrl = `file:${join(dir, 'loa.db')}`;
  const now = new Date();
  const date = localDate(now, TIMEZONE);
  const handle = await createDb({ url: dbUrl });
  await migrateFromFolder(handle.db);
  const t = performance.now();
  await seed(handle.db, total, date, now);
  const seedMs = performance.now() - t;
  // The official from OFFICIALS (for the summary), as the server creates it at start.
  const [off] = await handle.db.insert(members).values({ role: 'official', createdAt: now }).returning({ id: members.id });
  await handle.db.insert(chatIdentities).values({ platform: 'telegram', externalId: '900', chatId: '900', memberId: off!.id, privateChatAt: now, createdAt: now });
  // What one recipient receives: parts per platform (Zalo splits at 2,000 characters).
  const msg = buildDigestMessage(messagesFor('vi'), date, await benchArticles(handle, date));
  const tgParts = renderTelegram(msg).map((p) => String(p.text));
  const zaloParts = renderZaloMessage(msg).map((p) => p.text);
  const expectedCalls = Math.ceil(total / 2) * tgParts.length + Math.floor(total / 2) * zaloParts.length;
  const env: Record<string, string> = {
    DATABASE_URL: dbUrl,
    TIMEZONE,
    DIGEST_TIME: '00:00',
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: 'bench-secret',
    TELEGRAM_API_ROOT: tg.apiRoot,
    ZALO_APP_ID,
    ZALO_APP_SECRET: zalo.appSecret,
    ZALO_OA_SECRET_KEY: 'bench-oa-secret',
    // Zalo refresh tokens are single-use: each database starts from the pair the fake holds now.
    ZALO_REFRESH_TOKEN: zalo.issueTokens().refreshToken,
    ZALO_API_ROOT: zalo.url,
    ZALO_OAUTH_ROOT: zalo.oauthUrl,
    TELEGRAM_RATE_PER_SEC: String(RATE),
    ZALO_RATE_PER_SEC: String(RATE),
    OFFICIALS: 'telegram:900',
    LOG_LEVEL: 'error',
  };
  return { dir, handle, env, date, tgParts, zaloParts, expectedCalls, seedMs };
}

const count = async (handle: DbHandle, q: ReturnType<typeof sql>) => Number((await handle.db.all<{ n: number }>(q))[0]!.n);
const pct = (r: number) => `${Math.round((r / RATE) * 100)} % of ${fmt(RATE)}/s`;

async function parent(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const total = Number(arg('members') ?? process.env.BENCH_MEMBERS ?? 100_000);
  const queueGoalMs = total >= 1_000_000 ? 10_000 : 3000;
  const webhookRate = Number(process.env.BENCH_WEBHOOK_RATE ?? 200);
  const restartTotal = Number(process.env.BENCH_RESTART_MEMBERS ?? 10_000);
  const windowSec = Number(process.env.BENCH_RATE_SECONDS ?? 15);
  const tg = await startFakeTelegram({ botUsername: 'LoaBenchBot' });
  const zalo = await startFakeZalo({ appId: ZALO_APP_ID });
  const counts = createCounter(tg, zalo);
  const rows: Row[] = [];
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`load average before: ${load()} (2 cores shared with other work: compare ratios, not absolutes)`);
  try {
    // Phase A: 100,000 members. Queue time, then the send rate over a window, peak RSS.
    const a = await setup(total, tg, zalo);
    rows.push(['A: seed', `${fmt(total)} members + identities, one batch`, `${fmt(a.seedMs)} ms`, '']);
    const c1 = startChild({ ...a.env, BENCH_SERVE: '1' });
    const port = Number(await c1.waitFor('READY', 120_000));
    // Webhooks at a steady rate (new people sending /start), from before the digest is queued
    // until it is: the answers' latencies while it queues.
    const latencies: { at: number; ms: number; ok: boolean }[] = [];
    let updateId = 50_000_000;
    const hooks = autocannon({
      url: `http://127.0.0.1:${port}/webhooks/telegram`,
      connections: 10,
      overallRate: webhookRate,
      duration: 600,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'bench-secret' }, setupRequest: (req) => ({ ...req, body: startUpdate(updateId++) }) }],
    }, () => undefined);
    hooks.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => latencies.push({ at: performance.now(), ms, ok: status === 200 }));
    // 2 s of warm-up (the first answers compile code and fill caches), then 3 s of answers
    // before the digest: the same server's p99 without a fan-out, to compare with.
    await new Promise((r) => setTimeout(r, 2000));
    const warmAt = performance.now();
    await new Promise((r) => setTimeout(r, 3000));
    const goAt = performance.now();
    c1.proc.kill('SIGUSR1');
    const queued = JSON.parse(await c1.waitFor('QUEUED', 600_000)) as { ms: number; tick: string; maxStallMs: number };
    const queuedAt = performance.now();
    hooks.stop();
    const during = latencies.filter((l) => l.at >= goAt && l.at <= queuedAt);
    const beforeGo = latencies.filter((l) => l.at >= warmAt && l.at < goAt);
    const p = (xs: { ms: number }[], q: number) => (xs.length ? [...xs].sort((x, y) => x.ms - y.ms)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!.ms : NaN);
    const rowCount = await count(a.handle, sql`SELECT count(*) AS n FROM outbox WHERE ref = ${'digest:' + a.date}`);
    rows.push(['A: queue one digest (digest job)', `${fmt(rowCount)} outbox rows, 10 articles`, `${fmt(queued.ms)} ms`, queued.ms <= queueGoalMs ? `goal ≤ ${queueGoalMs / 1000} s: met` : `goal ≤ ${queueGoalMs / 1000} s: MISSED`]);
    rows.push(['A: longest event-loop stall while queuing', 'webhooks wait at most this long', `${fmt(queued.maxStallMs)} ms`, '']);
    const p99 = p(during, 0.99);
    rows.push([
      'A: webhook p99 while queuing',
      `${fmt(during.length)} answers (${during.filter((l) => !l.ok).length} not 200) at ${fmt(webhookRate)}/s; before: p99 ${fmt(p(beforeGo, 0.99))} ms; during: p50 ${fmt(p(during, 0.5))}, max ${fmt(p(during, 1))} ms`,
      `${fmt(p99)} ms`,
      p99 <= 50 ? 'goal ≤ 50 ms: met' : 'goal ≤ 50 ms: MISSED',
    ]);
    await new Promise((r) => setTimeout(r, 3000)); // warm-up
    const from = { at: performance.now(), c: counts() };
    await new Promise((r) => setTimeout(r, windowSec * 1000));
    const to = { at: performance.now(), c: counts() };
    c1.proc.kill(process.env.BENCH_CPU_PROF ? 'SIGUSR2' : 'SIGKILL');
    await c1.exited;
    const secs = (to.at - from.at) / 1000;
    const tgRate = (to.c.telegram - from.c.telegram) / secs;
    const zaloRate = (to.c.zalo - from.c.zalo) / secs;
    rows.push(['A: send rate, Telegram', `${fmt(to.c.telegram - from.c.telegram)} calls in ${secs.toFixed(1)} s`, `${fmt(tgRate)}/s`, `${pct(tgRate)} (goal ≥ 90 %)`]);
    rows.push(['A: send rate, Zalo', `${fmt(to.c.zalo - from.c.zalo)} calls in ${secs.toFixed(1)} s`, `${fmt(zaloRate)}/s`, `${pct(zaloRate)} (goal ≥ 90 %)`]);
    const peakA = c1.peakRssKb / 1024;
    rows.push(['A: peak RSS of the Loa process', 'queue + sending', `${fmt(peakA)} MB`, peakA <= 300 ? 'goal ≤ 300 MB: met' : 'goal ≤ 300 MB: MISSED']);
    a.handle.close();
    rmSync(a.dir, { recursive: true, force: true });

    // Phase B: kill -9 halfway through a whole digest, restart, count losses and duplicates.
    const b = await setup(restartTotal, tg, zalo);
    const before = counts();
    const logStart = { tg: tg.calls.length, zalo: zalo.sent().length };
    const c2 = startChild(b.env);
    await c2.waitFor('QUEUED', 120_000);
    for (;;) {
      const c = counts();
      if (c.telegram - before.telegram + c.zalo - before.zalo >= b.expectedCalls / 2) break;
      if (c2.proc.exitCode !== null) throw new Error('the child ended before halfway');
      await new Promise((r) => setTimeout(r, 20));
    }
    c2.proc.kill('SIGKILL');
    await c2.exited;
    const atKill = counts();
    const inFlight = await count(b.handle, sql`SELECT count(*) AS n FROM outbox WHERE ref = ${'digest:' + b.date} AND status = 'sending'`);
    rows.push([
      'B: kill -9 halfway',
      `${fmt(atKill.telegram - before.telegram + atKill.zalo - before.zalo)} of ${fmt(b.expectedCalls)} calls (${fmt(restartTotal)} members)`,
      `${fmt(inFlight)} rows in flight`,
      '',
    ]);
    const c3 = startChild(b.env);
    const requeued = JSON.parse(await c3.waitFor('QUEUED', 120_000)) as { ms: number; tick: string };
    const tRestart = performance.now();
    await c3.waitFor('DONE', 30 * 60_000);
    await c3.exited;
    rows.push(['B: restart, digest job again', `tick = ${requeued.tick}`, `${fmt(requeued.ms)} ms`, 'nothing queued twice']);
    rows.push(['B: restart, rest of the sends', `lease ${LEASE_MS / 1000} s first`, `${((performance.now() - tRestart) / 1000).toFixed(1)} s`, '']);

    // Per chat = per idempotency key (one digest row per chat): which parts arrived, how often.
    const got = new Map<string, Map<string, number>>();
    const note = (chat: string, text: string) => {
      let m = got.get(chat);
      if (!m) got.set(chat, (m = new Map()));
      m.set(text, (m.get(text) ?? 0) + 1);
    };
    for (const c of tg.calls.slice(logStart.tg)) {
      if (c.method !== 'sendMessage' || c.status !== 200) continue;
      const chat = String(c.payload.chat_id);
      if (chat !== '900') note(`telegram:${chat}`, String(c.payload.text));
    }
    for (const m of zalo.sent().slice(logStart.zalo)) note(`zalo:${m.userId}`, m.text);
    const idents = await b.handle.db.all<{ platform: string; chat_id: string }>(sql`SELECT platform, chat_id FROM chat_identities WHERE external_id != '900'`);
    let lost = 0;
    let twice = 0;
    for (const i of idents) {
      const want = i.platform === 'telegram' ? b.tgParts : b.zaloParts;
      const m = got.get(`${i.platform}:${i.chat_id}`) ?? new Map<string, number>();
      if (want.some((p) => !m.has(p))) lost++;
      if ([...m.values()].some((n) => n > 1)) twice++;
    }
    const statuses = await b.handle.db.all<{ status: string; n: number }>(
      sql`SELECT status, count(*) AS n FROM outbox WHERE ref = ${'digest:' + b.date} GROUP BY status`,
    );
    const summaries = tg.sent(900).filter((p) => String(p.text).includes('đã xử lý xong')).length;
    rows.push(['B: messages lost', `${fmt(idents.length)} recipients checked`, String(lost), lost === 0 ? 'goal 0: met' : 'goal 0: MISSED']);
    rows.push(['B: messages sent twice', 'a part delivered twice to one chat', String(twice), twice <= inFlight ? `goal ≤ ${fmt(inFlight)} in flight: met` : `goal ≤ ${fmt(inFlight)}: MISSED`]);
    rows.push(['B: outbox rows at the end', statuses.map((x) => `${x.status} ${fmt(Number(x.n))}`).join(', '), '', '']);
    rows.push(['B: officials’ summary', `${summaries} message(s) to the official`, '', summaries === 1 ? 'once: met' : 'MISSED']);
    const peakB = Math.max(c2.peakRssKb, c3.peakRssKb) / 1024;
    rows.push(['B: peak RSS of the Loa process', `before the kill ${fmt(c2.peakRssKb / 1024)} MB, after ${fmt(c3.peakRssKb / 1024)} MB`, `${fmt(peakB)} MB`, '']);
    rows.push(['parts per recipient', `Telegram ${b.tgParts.length}, Zalo ${b.zaloParts.length} (split at 2,000)`, '', '']);
    b.handle.close();
    rmSync(b.dir, { recursive: true, force: true });
  } finally {
    await tg.close();
    await zalo.close();
  }
  console.log(`load average after: ${load()}`);
  printTable(rows);
}

async function benchArticles(handle: DbHandle, date: string) {
  const list = await handle.db.all<{ id: number; title: string; url: string; outlet: string }>(
    sql`SELECT id, title, url, outlet FROM articles WHERE digest_date = ${date} ORDER BY position LIMIT 10`,
  );
  return list.map((a) => ({ ...a, id: Number(a.id) }));
}

function printTable(rows: Row[]) {
  const head: [string, string, string, string] = ['measure', 'detail', 'result', 'goal'];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => [...r[i]!].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

if (process.argv.includes('--child')) {
  child().catch((err) => {
    console.error(`child failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  });
} else {
  parent().catch((err) => {
    console.error(`bench failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  });
}
