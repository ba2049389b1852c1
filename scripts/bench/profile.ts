// npm run bench:profile: where a webhook's time goes. Starts the Loa bench server (serve.ts) under
// `node --cpu-prof`, loads it with unique /start updates at 40 connections (wrk when installed,
// else autocannon) and prints: the SQL statements and transactions per webhook (BENCH_COUNT_SQL),
// server CPU per request (/proc), and the functions with the most self time and total time in the
// server's main thread (the .cpuprofile read by a small walker: no extra tool).
// BENCH_SECONDS (default 8); BENCH_NO_PROF=1 skips the profile (counts and CPU only).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startFakeTelegram } from '../../test/fakes/telegram-api';
import { startUpdate } from './start-update';
import { wrkInstalled, wrkLoad } from './wrk';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SECRET = 'bench-secret';
const TOKEN = '1:BENCH_token_for_the_fake_bot_api_000';

function cpuMicros(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) / 100) * 1e6;
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

function report(profilePath: string, requests: number) {
  const p = JSON.parse(readFileSync(profilePath, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Time per sample: the next delta (as DevTools does).
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
  const name = (n: Node) => {
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
    const short = url.includes('node_modules/') ? url.slice(url.lastIndexOf('node_modules/') + 13) : url;
    return `${n.callFrame.functionName || '(anonymous)'} ${short ? `${short}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    self.set(name(n), (self.get(name(n)) ?? 0) + us);
    // Total: once per distinct function on the stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const all = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const per = (us: number) => `${(us / requests).toFixed(1).padStart(6)} µs/req ${((100 * us) / all).toFixed(1).padStart(5)} %`;
  console.log(`\nmain thread profile: ${(all / 1e6).toFixed(2)} s sampled over ${requests} requests (${(all / requests).toFixed(1)} µs/req)`);
  console.log('\ntop self time:');
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${per(us)}  ${k}`);
  console.log('\ntop total time (project code and SQL entry points):');
  for (const [k, us] of [...total].sort((a, b) => b[1] - a[1]).filter(([k]) => !k.includes('node:') && !k.startsWith('(')).slice(0, 45)) console.log(`  ${per(us)}  ${k}`);
}

async function main() {
  const tg = await startFakeTelegram({ botUsername: 'LoaBenchBot' });
  const dir = mkdtempSync(join(tmpdir(), 'loa-prof-'));
  const profDir = join(dir, 'prof');
  let child: ChildProcess | undefined;
  try {
    const prof = !process.env.BENCH_NO_PROF;
    child = spawn(process.execPath, [...(prof ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []), '--import', 'tsx', 'scripts/bench/serve.ts', 'loa'], {
      env: { ...process.env, BENCH_COUNT_SQL: '1', DATABASE_URL: `file:${join(dir, 'loa.db')}`, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: tg.apiRoot, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      child!.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /READY (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child!.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    let requests: number;
    let cpu: number;
    if (wrkInstalled()) {
      await wrkLoad(port, { seconds: 2, connections: 40, firstId: 1_000_000_000, secret: SECRET });
      const before = cpuMicros(child.pid);
      const r = await wrkLoad(port, { seconds: SECONDS, connections: 40, firstId: 1_100_000_000, secret: SECRET });
      cpu = (cpuMicros(child.pid) - before) / r.answered;
      requests = r.answered;
      console.log(`wrk: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.answered} answered (${r.non2xx} non-2xx); server CPU ${cpu.toFixed(1)} µs/req`);
    } else {
      let id = 1;
      const run = (seconds: number) =>
        new Promise<autocannon.Result>((resolve, reject) =>
          autocannon(
            { url: `http://127.0.0.1:${port}/webhooks/telegram`, connections: 40, duration: seconds, requests: [{ method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, setupRequest: (req) => ({ ...req, body: startUpdate(id++) }) }] },
            (err, res) => (err ? reject(err as Error) : resolve(res)),
          ),
        );
      await run(2);
      const before = cpuMicros(child.pid);
      const r = await run(SECONDS);
      requests = r['2xx'] + r.non2xx;
      cpu = (cpuMicros(child.pid) - before) / requests;
      console.log(`autocannon: ${Math.round(requests / SECONDS)} req/s, p99 ${r.latency.p99} ms; server CPU ${cpu.toFixed(1)} µs/req`);
    }
    const exited = new Promise((res) => child!.once('exit', res));
    child.kill('SIGTERM');
    await exited;
    for (const line of out.split('\n')) if (line.startsWith('SQL')) console.log(line.slice(4));
    if (prof) {
      const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      // The profile covers warm-up and run: per-request figures divide by both.
      if (file) report(join(profDir, file), Number(/SQL webhooks (\d+)/.exec(out)?.[1] ?? requests));
    }
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await tg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
