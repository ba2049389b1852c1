// npm run bench:two: two Loa servers (two Node processes) on one fresh libSQL file, with the fake
// Telegram. The same set of unique /start updates is split across both servers (even ids to one,
// odd to the other) and every DUP_EVERY-th update is sent to BOTH, to check once-only processing
// across processes. Prints total req/s, p50/p99 per server, handled events, duplicates
// (handled events − unique updates, must be 0) and replies sent against replies expected, next to a
// one-process baseline measured in the same run (the same requests to one server on a fresh
// database) and the ratio two-process / one-process req/s. BENCH_ROUNDS (default 1) repeats the pair.
// Not a timed test: numbers only (SPEC §4, issue 14 "Benchmarks").
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createClient } from '@libsql/client';
import { startFakeTelegram } from '../../test/fakes/telegram-api';
import { startUpdate } from './start-update';

const UNIQUE = Number(process.env.BENCH_UPDATES ?? 4000);
const DUP_EVERY = 10;
const CONNECTIONS_EACH = 20; // 40 in all, as `npm run bench`
const REPLY_WAIT_S = Number(process.env.BENCH_REPLY_WAIT ?? 120);
const SECRET = 'bench-secret';
const TOKEN = '1:BENCH_token_for_the_fake_bot_api_000';
const FIRST_ID = 5_000_000;

function start(env: Record<string, string>, name: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/serve.ts', 'loa'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (b: Buffer) => {
      const m = /READY (\d+)/.exec(b.toString());
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((res) => child.once('exit', res));
  child.kill('SIGTERM');
  await exited;
}

/** Sends exactly `ids` (one request each) to one server; resolves with autocannon's result. */
function load(port: number, ids: number[]): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}/webhooks/telegram`,
        connections: CONNECTIONS_EACH,
        amount: ids.length,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            setupRequest: (req) => ({ ...req, body: startUpdate(ids[next++ % ids.length]!) }),
          },
        ],
      },
      (err, res) => (err ? reject(err as Error) : resolve(res)),
    );
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Scenario {
  servers: 1 | 2;
  rows: { name: string; r: autocannon.Result }[];
  seconds: number;
  requests: number;
  rps: number;
  errors: number;
  stored: number;
  handled: number;
  pending: number;
  replies: number;
  expectedReplies: number;
  perStart: number;
  chatsOff: number;
}

/**
 * One run: the same requests (A's share and B's share, the DUP_EVERY-th update in both) sent at
 * 2 × CONNECTIONS_EACH connections, to two servers on one fresh database or, as the baseline, both
 * shares to one server. Waits until every event is processed and every reply sent.
 */
async function scenario(servers: 1 | 2): Promise<Scenario> {
  const tg = await startFakeTelegram({ botUsername: 'LoaBenchBot' });
  const dir = mkdtempSync(join(tmpdir(), 'loa-bench-two-'));
  const env = {
    DATABASE_URL: `file:${join(dir, 'loa.db')}`,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_RATE_PER_SEC: '1000',
    LOG_LEVEL: 'error',
  };
  const children: ChildProcess[] = [];
  const db = createClient({ url: env.DATABASE_URL });
  try {
    // One after the other: the first applies the migrations, the second finds them applied.
    const a = await start(env, 'server A');
    children.push(a.child);
    const b = servers === 2 ? await start(env, 'server B') : a;
    if (servers === 2) children.push(b.child);
    console.log(servers === 2 ? `two servers on one database: A :${a.port} (pid ${a.child.pid}), B :${b.port} (pid ${b.child.pid})` : `one server (baseline): :${a.port} (pid ${a.child.pid})`);

    const ids = Array.from({ length: UNIQUE }, (_, i) => FIRST_ID + i);
    const toA = ids.filter((id, i) => i % 2 === 0 || i % DUP_EVERY === 1);
    const toB = ids.filter((id, i) => i % 2 === 1 || i % DUP_EVERY === 0);
    const sentTwice = toA.length + toB.length - UNIQUE;
    console.log(`sending ${UNIQUE} unique updates: ${toA.length} + ${toB.length} (${sentTwice} twice), ${CONNECTIONS_EACH} connections each${servers === 1 ? ', both to the one server' : ''}`);

    const t0 = performance.now();
    const [ra, rb] = await Promise.all([load(a.port, toA), load(b.port, toB)]);
    const seconds = (performance.now() - t0) / 1000;
    const requests = ra['2xx'] + ra.non2xx + rb['2xx'] + rb.non2xx;
    const errors = ra.non2xx + ra.errors + ra.timeouts + rb.non2xx + rb.errors + rb.timeouts;
    console.log(`load done in ${seconds.toFixed(1)} s; waiting for every event to be processed`);

    const count = async (sql: string) => Number((await db.execute(sql)).rows[0]!.n);
    const deadline = Date.now() + REPLY_WAIT_S * 1000;
    let pending = Infinity;
    let expectedReplies = 0;
    while (Date.now() < deadline) {
      pending = await count(`SELECT count(*) AS n FROM inbound_events WHERE status = 'received'`);
      // Each unique chat gets the same /start reply(ies): learn how many from the chats done so far.
      const perChat = new Map<string, number>();
      for (const p of tg.sent()) perChat.set(String(p.chat_id), (perChat.get(String(p.chat_id)) ?? 0) + 1);
      const counts = [...perChat.values()].sort((x, y) => x - y);
      const perStart = counts.length ? counts[Math.floor(counts.length / 2)]! : 1;
      expectedReplies = perStart * UNIQUE;
      console.log(`  events pending ${pending}, replies sent ${tg.sent().length}/${expectedReplies}`);
      if (pending === 0 && tg.sent().length >= expectedReplies) break;
      await pause(1000);
    }

    const stored = await count('SELECT count(*) AS n FROM inbound_events');
    const handled = await count(`SELECT count(*) AS n FROM inbound_events WHERE status = 'done'`);
    const perChat = new Map<string, number>();
    for (const p of tg.sent()) perChat.set(String(p.chat_id), (perChat.get(String(p.chat_id)) ?? 0) + 1);
    const perStart = expectedReplies / UNIQUE;
    const chatsOff = [...perChat.values()].filter((n) => n !== perStart).length + (UNIQUE - perChat.size);
    const rows = servers === 2 ? [{ name: 'A', r: ra }, { name: 'B', r: rb }] : [{ name: 'one (share A)', r: ra }, { name: 'one (share B)', r: rb }];
    return { servers, rows, seconds, requests, rps: requests / seconds, errors, stored, handled, pending, replies: tg.sent().length, expectedReplies, perStart, chatsOff };
  } finally {
    db.close();
    for (const c of children) await stop(c);
    await tg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

async function main() {
  const runs: Scenario[] = [];
  // The baseline and the two-process run alternate (this machine drifts between runs).
  for (let i = 0; i < ROUNDS; i++) for (const n of [1, 2] as const) runs.push(await scenario(n));
  console.log('');
  console.log('| round | servers | load share | requests | 2xx | non-2xx/errors | p50 ms | p99 ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  runs.forEach((s, i) => {
    for (const { name, r } of s.rows) console.log(`| ${Math.floor(i / 2) + 1} | ${s.servers} | ${name} | ${r['2xx'] + r.non2xx} | ${r['2xx']} | ${r.non2xx + r.errors + r.timeouts} | ${r.latency.p50} | ${r.latency.p99} |`);
  });
  console.log('');
  let bad = false;
  for (const s of runs) {
    const label = s.servers === 2 ? 'two processes' : 'one process ';
    console.log(`${label}: ${s.requests} requests in ${s.seconds.toFixed(2)} s = ${Math.round(s.rps).toLocaleString('en')} req/s; errors ${s.errors}; events stored ${s.stored}, handled ${s.handled}, pending ${s.pending}; duplicates = handled − unique = ${s.handled - UNIQUE} (must be 0); replies ${s.replies}/${s.expectedReplies} (${s.perStart} per /start), chats with a missing or extra reply ${s.chatsOff}`);
    if (s.handled !== UNIQUE || s.stored !== UNIQUE || s.chatsOff !== 0 || s.errors !== 0) bad = true;
  }
  const ratios = runs.flatMap((s, i) => (s.servers === 2 ? [s.rps / runs[i - 1]!.rps] : []));
  console.log(`ratio two processes / one process (req/s, same requests, same run): ${ratios.map((r) => r.toFixed(3)).join(', ')}${ratios.length > 1 ? `; median ${median(ratios).toFixed(3)}` : ''}`);
  if (bad) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
