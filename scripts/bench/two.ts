// npm run bench:two: two Loa servers (two Node processes) on one fresh libSQL file, with the fake
// Telegram. The same set of unique /start updates is split across both servers (even ids to one,
// odd to the other) and every DUP_EVERY-th update is sent to BOTH, to check once-only processing
// across processes. Prints total req/s, p50/p99 per server, handled events, duplicates
// (handled events − unique updates, must be 0) and replies sent against replies expected.
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

async function main() {
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
    const b = await start(env, 'server B');
    children.push(b.child);
    console.log(`two servers on one database: A :${a.port} (pid ${a.child.pid}), B :${b.port} (pid ${b.child.pid})`);

    const ids = Array.from({ length: UNIQUE }, (_, i) => FIRST_ID + i);
    const toA = ids.filter((id, i) => i % 2 === 0 || i % DUP_EVERY === 1);
    const toB = ids.filter((id, i) => i % 2 === 1 || i % DUP_EVERY === 0);
    const sentTwice = toA.length + toB.length - UNIQUE;
    console.log(`sending ${UNIQUE} unique updates: ${toA.length} to A, ${toB.length} to B (${sentTwice} to both), ${CONNECTIONS_EACH} connections each`);

    const t0 = performance.now();
    const [ra, rb] = await Promise.all([load(a.port, toA), load(b.port, toB)]);
    const seconds = (performance.now() - t0) / 1000;
    const requests = ra['2xx'] + ra.non2xx + rb['2xx'] + rb.non2xx;
    const errors = ra.non2xx + ra.errors + ra.timeouts + rb.non2xx + rb.errors + rb.timeouts;
    console.log(`load done in ${seconds.toFixed(1)} s; waiting for both servers to process every event`);

    const count = async (sql: string) => Number((await db.execute(sql)).rows[0]!.n);
    const deadline = Date.now() + REPLY_WAIT_S * 1000;
    let pending = Infinity;
    let expectedReplies = 0;
    let replies = 0;
    while (Date.now() < deadline) {
      pending = await count(`SELECT count(*) AS n FROM inbound_events WHERE status = 'received'`);
      replies = tg.sent().length;
      // Each unique chat gets the same /start reply(ies): learn how many from the chats done so far.
      const perChat = new Map<string, number>();
      for (const p of tg.sent()) perChat.set(String(p.chat_id), (perChat.get(String(p.chat_id)) ?? 0) + 1);
      const counts = [...perChat.values()].sort((x, y) => x - y);
      const perStart = counts.length ? counts[Math.floor(counts.length / 2)]! : 1;
      expectedReplies = perStart * UNIQUE;
      console.log(`  events pending ${pending}, replies sent ${replies}/${expectedReplies}`);
      if (pending === 0 && replies >= expectedReplies) break;
      await pause(1000);
    }

    const stored = await count('SELECT count(*) AS n FROM inbound_events');
    const handled = await count(`SELECT count(*) AS n FROM inbound_events WHERE status = 'done'`);
    const perChat = new Map<string, number>();
    for (const p of tg.sent()) perChat.set(String(p.chat_id), (perChat.get(String(p.chat_id)) ?? 0) + 1);
    const perStart = expectedReplies / UNIQUE;
    const chatsOff = [...perChat.values()].filter((n) => n !== perStart).length + (UNIQUE - perChat.size);

    console.log('');
    console.log(`| server | requests | 2xx | non-2xx/errors | p50 ms | p99 ms |`);
    console.log('|---|---|---|---|---|---|');
    for (const [name, r] of [['A', ra], ['B', rb]] as const) {
      console.log(`| ${name} | ${r['2xx'] + r.non2xx} | ${r['2xx']} | ${r.non2xx + r.errors + r.timeouts} | ${r.latency.p50} | ${r.latency.p99} |`);
    }
    console.log('');
    console.log(`total: ${requests} requests in ${seconds.toFixed(2)} s = ${Math.round(requests / seconds).toLocaleString('en')} req/s; p99 A ${ra.latency.p99} ms, B ${rb.latency.p99} ms; errors ${errors}`);
    console.log(`unique updates ${UNIQUE}, sent to both ${sentTwice}; events stored ${stored}, handled (done) ${handled}, still pending ${pending}`);
    console.log(`duplicates = handled − unique = ${handled - UNIQUE} (must be 0)`);
    console.log(`replies sent ${tg.sent().length}, expected ${expectedReplies} (${perStart} per /start); chats with a missing or extra reply: ${chatsOff}`);
    if (handled !== UNIQUE || stored !== UNIQUE || chatsOff !== 0 || errors !== 0) process.exitCode = 1;
  } finally {
    db.close();
    for (const c of children) await stop(c);
    await tg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
