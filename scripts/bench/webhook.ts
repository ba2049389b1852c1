// npm run bench: POST /webhooks/telegram with unique /start updates at 40 connections through the
// full path (secret, parse, durable dedupe insert, command, outbox insert, 200), next to a bare
// Hono server that parses the same body; prints req/s, p50/p99, server CPU per request and the
// ratio for each of BENCH_ROUNDS rounds (default 3) and their median, and checks that stored events
// equal 2xx answers. The load comes from autocannon (npm) and, when installed, also from wrk
// (Debian): see scripts/bench/wrk.ts for why both.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createClient } from '@libsql/client';
import { startFakeTelegram } from '../../test/fakes/telegram-api';
import { startUpdate } from './start-update';
import { wrkInstalled, wrkLoad } from './wrk';

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

/** Clock ticks per second of /proc's CPU times (Linux). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, µs) a process has used so far, from /proc (Linux); null elsewhere.
 * Server CPU per request is steadier than req/s on a shared machine: it does not depend on what
 * else runs, only on the work each request costs.
 */
function cpuMicros(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' '); // after "pid (name) ": the name may hold ") "
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
  } catch {
    return null;
  }
}

let seq = 1; // unique update ids across both servers' runs
const updateBody = () => startUpdate(seq++);

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

type Load = 'autocannon' | 'wrk';

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  /** Server CPU time per request of the measured run, µs (null where /proc is missing). */
  cpu: number | null;
}

interface Measured {
  row: Row;
  /** 2xx answers read by the load generator, warm-up and run. */
  answered2xx: number;
}

const cpuPerRequest = (before: number | null, after: number | null, requests: number) =>
  before === null || after === null || requests === 0 ? null : (after - before) / requests;

/** autocannon: Loa's runs are a fixed number of requests, so every request is answered before we count what was stored. */
async function measureAutocannon(mode: 'bare' | 'loa', pid: number | undefined, port: number): Promise<Measured> {
  let warm: autocannon.Result;
  let r: autocannon.Result;
  let seconds: number;
  let cpuBefore: number | null;
  if (mode === 'bare') {
    warm = (await load(port, { seconds: 2 })).r;
    cpuBefore = cpuMicros(pid);
    ({ r, seconds } = await load(port, { seconds: DURATION }));
  } else {
    const w = await load(port, { amount: WARMUP_REQUESTS });
    warm = w.r;
    const warmRps = WARMUP_REQUESTS / w.seconds;
    cpuBefore = cpuMicros(pid);
    ({ r, seconds } = await load(port, { amount: Math.max(1000, Math.round(warmRps * DURATION)) }));
  }
  const answered = r['2xx'] + r.non2xx;
  const row: Row = {
    name: '',
    rps: answered / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    errors: r.non2xx + r.errors + r.timeouts,
    cpu: cpuPerRequest(cpuBefore, cpuMicros(pid), answered),
  };
  return { row, answered2xx: warm['2xx'] + r['2xx'] };
}

/** wrk: timed runs; the requests in flight when wrk stops are stored and answered, but the answer is never read. */
async function measureWrk(pid: number | undefined, port: number): Promise<Measured> {
  const opts = { connections: CONNECTIONS, secret: SECRET };
  const warm = await wrkLoad(port, { ...opts, seconds: 2, firstId: nextIds() });
  const cpuBefore = cpuMicros(pid);
  const r = await wrkLoad(port, { ...opts, seconds: DURATION, firstId: nextIds() });
  const row: Row = {
    name: '',
    rps: r.rps,
    p50: r.p50,
    p99: r.p99,
    ok: r.answered - r.non2xx,
    errors: r.non2xx + r.socketErrors,
    cpu: cpuPerRequest(cpuBefore, cpuMicros(pid), r.answered),
  };
  return { row, answered2xx: warm.answered - warm.non2xx + row.ok };
}

/** wrk's ids: a fresh block of ten million per run, far above autocannon's. */
let wrkBlock = 0;
const nextIds = () => 1_000_000_000 + 10_000_000 * wrkBlock++;

/** One server, warmed up then measured. */
async function measure(mode: 'bare' | 'loa', loadWith: Load, env: Record<string, string>): Promise<Measured> {
  const { child, port } = await start(mode, env);
  try {
    const m = loadWith === 'wrk' ? await measureWrk(child.pid, port) : await measureAutocannon(mode, child.pid, port);
    m.row.name = mode === 'bare' ? 'bare Hono (parse + 200)' : 'Loa full path';
    return m;
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Round {
  load: Load;
  bare: Row;
  loa: Row;
  stored: number;
  answered: number;
}

async function main() {
  const loads: Load[] = wrkInstalled() ? ['autocannon', 'wrk'] : ['autocannon'];
  const tg = await startFakeTelegram({ botUsername: 'LoaBenchBot' });
  const rounds: Round[] = [];
  try {
    // Bare and Loa alternate, ROUNDS times per load generator, each Loa run on a fresh database:
    // this shared 2-core machine drifts by ±20 % between runs, so the median ratio is the number to read.
    for (let i = 0; i < ROUNDS; i++) {
      for (const loadWith of loads) {
        const dir = mkdtempSync(join(tmpdir(), 'loa-bench-'));
        const env = { DATABASE_URL: `file:${join(dir, 'loa.db')}`, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: tg.apiRoot, LOG_LEVEL: 'error' };
        try {
          const bare = await measure('bare', loadWith, env);
          const loa = await measure('loa', loadWith, env);
          const db = createClient({ url: env.DATABASE_URL });
          const stored = Number((await db.execute('SELECT count(*) AS n FROM inbound_events')).rows[0]!.n);
          db.close();
          rounds.push({ load: loadWith, bare: bare.row, loa: loa.row, stored, answered: loa.answered2xx });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await tg.close();
  }
  console.log(`\nPOST /webhooks/telegram, unique /start updates, ${CONNECTIONS} connections, ~${DURATION} s per server after a warm-up, ${ROUNDS} rounds per load generator\n`);
  console.log('| round | load | server | req/s | p50 ms | p99 ms | 2xx | non-2xx/errors | server CPU µs/req | ratio (req/s) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const cpuText = (r: Row) => (r.cpu === null ? 'n/a' : r.cpu.toFixed(1));
  const ms = (x: number) => (Math.round(x * 100) / 100).toString();
  for (const loadWith of loads) {
    rounds
      .filter((rd) => rd.load === loadWith)
      .forEach((rd, i) => {
        for (const r of [rd.bare, rd.loa]) {
          const ratio = r === rd.loa ? (rd.loa.rps / rd.bare.rps).toFixed(3) : '';
          console.log(`| ${i + 1} | ${loadWith} | ${r.name} | ${Math.round(r.rps).toLocaleString('en')} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.ok} | ${r.errors} | ${cpuText(r)} | ${ratio} |`);
        }
      });
  }
  console.log('');
  for (const loadWith of loads) {
    const of = rounds.filter((rd) => rd.load === loadWith);
    const ratio = median(of.map((rd) => rd.loa.rps / rd.bare.rps));
    const p99 = median(of.map((rd) => rd.loa.p99));
    console.log(`${loadWith}: median ratio Loa / bare Hono = ${ratio.toFixed(3)} (goal ≥ 0.25); median Loa p99 = ${ms(p99)} ms (goal ≤ 20 ms)`);
    if (of.every((rd) => rd.bare.cpu !== null && rd.loa.cpu !== null)) {
      const cpuRatio = median(of.map((rd) => rd.bare.cpu! / rd.loa.cpu!));
      console.log(
        `${loadWith}: median server CPU per request: bare ${median(of.map((rd) => rd.bare.cpu!)).toFixed(1)} µs, Loa ${median(of.map((rd) => rd.loa.cpu!)).toFixed(1)} µs; bare / Loa = ${cpuRatio.toFixed(3)}`,
      );
    }
  }
  const counts = (of: Round[]) => of.map((rd) => `${rd.stored}/${rd.answered}`).join(', ');
  const ac = rounds.filter((rd) => rd.load === 'autocannon');
  console.log(`autocannon: stored events = 2xx answers from Loa (warm-up + run) in every round: ${ac.every((rd) => rd.stored === rd.answered) ? 'yes' : 'NO'} (${counts(ac)})`);
  const wrk = rounds.filter((rd) => rd.load === 'wrk');
  if (wrk.length) {
    // wrk stops on a deadline: up to one request per connection, per run, is stored and answered
    // after wrk has stopped reading. Anything else (fewer stored, or more) is a lost or a phantom event.
    const ok = wrk.every((rd) => rd.stored >= rd.answered && rd.stored - rd.answered <= 2 * CONNECTIONS);
    console.log(
      `wrk: every 2xx answer stored, the only extra events the ≤ ${2 * CONNECTIONS} in flight when wrk stopped its two runs: ${ok ? 'yes' : 'NO'} (${counts(wrk)})`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
