// npm run bench: POST /webhooks/telegram with unique /start updates at 40 connections through the
// full path (secret, parse, durable dedupe insert, command, outbox insert, 200), next to a bare
// Hono server that parses the same body; prints req/s, p50/p99 and the ratio for each of BENCH_ROUNDS
// rounds (default 3) and their median, and checks that stored events equal 2xx answers in each round.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createClient } from '@libsql/client';
import { startFakeTelegram } from '../../test/fakes/telegram-api';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 40;
const WARMUP_REQUESTS = 2000;
const SECRET = 'bench-secret';
const TOKEN = '1:BENCH_token_for_the_fake_bot_api_000';

function start(mode: 'loa' | 'bare', env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/serve.ts', mode], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (b: Buffer) => {
      const m = /READY (\d+)/.exec(b.toString());
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

let seq = 1; // unique update ids across both servers' runs
function updateBody(): string {
  const id = seq++;
  return JSON.stringify({
    update_id: id,
    message: {
      message_id: id,
      date: 1763700000,
      chat: { id: 100000 + id, type: 'private', first_name: 'Bench' },
      from: { id: 100000 + id, is_bot: false, first_name: 'Bench', language_code: 'vi' },
      text: '/start',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    },
  });
}

/**
 * One load run. `seconds` is measured from the first request sent to the last answer received:
 * autocannon ends (and reports its duration) on whole-second ticks, too coarse for a run of
 * a few seconds.
 */
async function load(port: number, opts: { seconds?: number; amount?: number }): Promise<{ r: autocannon.Result; seconds: number }> {
  let first = 0;
  let last = 0;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: `http://127.0.0.1:${port}/webhooks/telegram`,
        connections: CONNECTIONS,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? 2 }),
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            setupRequest: (req) => {
              first ||= performance.now();
              return { ...req, body: updateBody() };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err as Error) : resolve(res)),
    );
    inst.on('response', () => (last = performance.now()));
  });
  return { r, seconds: (last - first) / 1000 };
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
}

/** One server, warmed up then measured; Loa's runs are a fixed number of requests, so every request is answered before we count what was stored. */
async function measure(mode: 'bare' | 'loa', env: Record<string, string>): Promise<{ row: Row; answered2xx: number }> {
  const { child, port } = await start(mode, env);
  try {
    let warm: autocannon.Result;
    let r: autocannon.Result;
    let seconds: number;
    if (mode === 'bare') {
      warm = (await load(port, { seconds: 2 })).r;
      ({ r, seconds } = await load(port, { seconds: DURATION }));
    } else {
      const w = await load(port, { amount: WARMUP_REQUESTS });
      warm = w.r;
      const warmRps = WARMUP_REQUESTS / w.seconds;
      ({ r, seconds } = await load(port, { amount: Math.max(1000, Math.round(warmRps * DURATION)) }));
    }
    const row: Row = {
      name: mode === 'bare' ? 'bare Hono (parse + 200)' : 'Loa full path',
      rps: (r['2xx'] + r.non2xx) / seconds,
      p50: r.latency.p50,
      p99: r.latency.p99,
      ok: r['2xx'],
      errors: r.non2xx + r.errors + r.timeouts,
    };
    return { row, answered2xx: warm['2xx'] + r['2xx'] };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const tg = await startFakeTelegram({ botUsername: 'LoaBenchBot' });
  const rounds: { bare: Row; loa: Row; stored: number; answered: number }[] = [];
  try {
    // Bare and Loa alternate, ROUNDS times, each Loa round on a fresh database: this shared
    // 2-core machine drifts by ±20 % between runs, so the median ratio is the number to read.
    for (let i = 0; i < ROUNDS; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'loa-bench-'));
      const env = { DATABASE_URL: `file:${join(dir, 'loa.db')}`, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: tg.apiRoot, LOG_LEVEL: 'error' };
      try {
        const bare = await measure('bare', env);
        const loa = await measure('loa', env);
        const db = createClient({ url: env.DATABASE_URL });
        const stored = Number((await db.execute('SELECT count(*) AS n FROM inbound_events')).rows[0]!.n);
        db.close();
        rounds.push({ bare: bare.row, loa: loa.row, stored, answered: loa.answered2xx });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await tg.close();
  }
  console.log(`\nPOST /webhooks/telegram, unique /start updates, ${CONNECTIONS} connections, ~${DURATION} s per server after a warm-up, ${ROUNDS} rounds\n`);
  console.log('| round | server | req/s | p50 ms | p99 ms | 2xx | non-2xx/errors | ratio |');
  console.log('|---|---|---|---|---|---|---|---|');
  rounds.forEach((rd, i) => {
    for (const r of [rd.bare, rd.loa]) {
      const ratio = r === rd.loa ? (rd.loa.rps / rd.bare.rps).toFixed(3) : '';
      console.log(`| ${i + 1} | ${r.name} | ${Math.round(r.rps).toLocaleString('en')} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.errors} | ${ratio} |`);
    }
  });
  const ratio = median(rounds.map((rd) => rd.loa.rps / rd.bare.rps));
  const p99 = median(rounds.map((rd) => rd.loa.p99));
  console.log(`\nmedian ratio Loa / bare Hono = ${ratio.toFixed(3)} (goal ≥ 0.25); median Loa p99 = ${p99} ms (goal ≤ 20 ms)`);
  const equal = rounds.every((rd) => rd.stored === rd.answered);
  console.log(
    `stored events = 2xx answers from Loa (warm-up + run) in every round: ${equal ? 'yes' : 'NO'} (${rounds.map((rd) => `${rd.stored}/${rd.answered}`).join(', ')})`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
