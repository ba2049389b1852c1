// npm run bench:worker — the Worker's size and start-up, and what one Cron Trigger tick costs:
//  1. bundle size: `wrangler deploy --dry-run --outdir` (raw and gzip, as wrangler prints them)
//     and a check that no Node-only module (node-cron, @hono/node-server) reached the bundle;
//     and the CPU time of its global scope (`wrangler check startup`, Cloudflare's 1 s limit);
//  2. cold start with `wrangler dev` (bundling included): spawn → first 200 on /healthz;
//  3. cold start of the built bundle in Miniflare/workerd: start → ready, then the first
//     /healthz (builds the runtime, one database round trip), a warm one, and a first webhook;
//  4. one tick draining BENCH_ROWS outbox rows (half Telegram, half Zalo) at 1,000 msg/s: wall
//     time, the workerd process's CPU time (utime+stime from /proc, an upper bound of what
//     Cloudflare bills) per message, and subrequests (platform calls + database requests);
//  5. with --full: one tick at the production pace (Telegram 25/s, Zalo 40/s): rows sent per tick.
// Everything runs on 127.0.0.1 against the Hrana shim and the platform fakes. Numbers, not asserts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';
import { createDb } from '../../db/client';
import { migrateFromFolder } from '../../db/migrate-from-folder';
import { enqueueMany, type OutboxInsert } from '../../db/queries/outbox';
import { startFakeTelegram } from '../../test/fakes/telegram-api';
import { startFakeZalo } from '../../test/fakes/zalo-api';
import { fakePlatformEnv } from '../../test/support/fake-env';
import { startHranaServer } from '../../test/support/hrana-server';
import { TG_SECRET, ZALO_APP_ID, BOT_USERNAME } from '../../test/worker/constants';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const FULL = process.argv.includes('--full');
const CLK_TCK = 100; // Linux USER_HZ
const quiet = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };

const ms = (t: number) => `${t.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function table(headers: string[], rows: (string | number)[][]) {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of cells.slice(1)) console.log(line(r));
  console.log('');
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: quiet, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** utime+stime (ms) of the workerd processes started by this process (directly or via a child). */
function workerdCpuMs(): number {
  const stats = new Map<number, { ppid: number; comm: string; cpu: number }>();
  for (const name of readdirProc()) {
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
      const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(name), { ppid: Number(rest[1]), comm, cpu: ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK });
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, i = 0; p > 1 && i < 10; p = stats.get(p)?.ppid ?? 0, i++) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, s] of stats) if (s.comm === 'workerd' && mine(pid)) total += s.cpu;
  return total;
}
function readdirProc(): string[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n));
}

/** Runs `fn` on a started Miniflare and always disposes it (workerd is a child process). */
async function withMiniflare<T>(options: ConstructorParameters<typeof Miniflare>[0], fn: (mf: Miniflare, readyMs: number) => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const mf = new Miniflare(options);
  try {
    await mf.ready;
    return await fn(mf, performance.now() - t0);
  } finally {
    await mf.dispose();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'loa-bench-worker-'));
  const db = await startHranaServer({ path: join(dir, 'loa.db') });
  const handle = await createDb({ url: db.url });
  await migrateFromFolder(handle.db);
  const tg = await startFakeTelegram({ botUsername: BOT_USERNAME });
  const zalo = await startFakeZalo({ appId: ZALO_APP_ID });
  const vars: Record<string, string> = {
    DATABASE_URL: db.url,
    ...fakePlatformEnv(tg, zalo),
    LOG_LEVEL: 'warn',
    TIMEZONE: 'Asia/Ho_Chi_Minh',
    DIGEST_TIME: '07:00',
  };

  try {
    // 1. Bundle size.
    const out = join(dir, 'dist');
    const dry = await run(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '--outdir', out]);
    const upload = /Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+ KiB)/.exec(dry);
    const bundle = readFileSync(join(out, 'worker.js'));
    const nodeOnly = ['node-cron', '@hono/node-server'].filter((m) => bundle.includes(`node_modules/${m}/`));
    console.log('\n## Bundle (wrangler deploy --dry-run)\n');
    table(
      ['what', 'raw', 'gzip'],
      [
        ['wrangler "Total Upload"', upload?.[1] ?? '?', upload?.[2] ?? '?'],
        ['worker.js (measured here)', `${(bundle.length / 1024).toFixed(1)} KiB`, `${(gzipSync(bundle).length / 1024).toFixed(1)} KiB`],
      ],
    );
    console.log(`Node-only modules in the bundle: ${nodeOnly.length ? nodeOnly.join(', ') : 'none'} (node-cron, @hono/node-server checked)\n`);

    // 1b. What Cloudflare's 1 s startup limit measures: the bundle's global scope, profiled by
    // `wrangler check startup` (CPU samples that are not idle).
    const startRows: string[][] = [];
    for (let i = 0; i < RUNS; i++) {
      const profile = join(dir, `startup-${i}.cpuprofile`);
      await run(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'check', 'startup', '--outfile', profile]);
      const p = JSON.parse(readFileSync(profile, 'utf8')) as { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[] };
      const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
      const busyUs = p.samples.reduce((sum, id, k) => sum + (idle.has(id) ? 0 : (p.timeDeltas[k] ?? 0)), 0);
      startRows.push([String(i + 1), ms(busyUs / 1000)]);
    }
    console.log('## Startup CPU of the bundle (`wrangler check startup`; Cloudflare allows 1 s)\n');
    table(['run', 'global scope CPU'], startRows);

    // 2. wrangler dev: spawn → first 200 on /healthz.
    const envFile = join(dir, 'bench.env');
    writeFileSync(envFile, Object.entries(vars).map(([k, v]) => `${k}=${v}`).join('\n'));
    const devRows: string[][] = [];
    for (let i = 0; i < RUNS; i++) {
      const port = await freePort();
      const t0 = performance.now();
      const child: ChildProcess = spawn(
        process.execPath,
        ['node_modules/wrangler/bin/wrangler.js', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()), '--env-file', envFile, '--show-interactive-dev-session=false'],
        { env: quiet, stdio: ['ignore', 'ignore', 'ignore'], detached: true },
      );
      try {
        let firstOk = 0;
        let firstLatency = 0;
        while (performance.now() - t0 < 60_000) {
          const s = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
          if (res) await res.arrayBuffer();
          if (res?.status === 200) {
            firstOk = performance.now() - t0;
            firstLatency = performance.now() - s;
            break;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        const s2 = performance.now();
        await (await fetch(`http://127.0.0.1:${port}/healthz`)).arrayBuffer();
        devRows.push([String(i + 1), ms(firstOk), ms(firstLatency), ms(performance.now() - s2)]);
      } finally {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    console.log('## Cold start with `wrangler dev` (bundling included)\n');
    table(['run', 'spawn → first 200 /healthz', 'that request', 'next /healthz'], devRows);

    // 3. Miniflare on the built bundle.
    const mfRows: string[][] = [];
    const mfOptions = {
      scriptPath: join(out, 'worker.js'),
      modulesRoot: out,
      modules: true,
      compatibilityDate: '2025-09-15',
      compatibilityFlags: ['nodejs_compat'],
      bindings: vars,
      port: 0,
    };
    for (let i = 0; i < RUNS; i++) {
      mfRows.push(
        await withMiniflare(mfOptions, async (mf, ready) => {
          const a = performance.now();
          await (await mf.dispatchFetch('http://loa.example/healthz')).arrayBuffer();
          const first = performance.now() - a;
          const b = performance.now();
          await (await mf.dispatchFetch('http://loa.example/healthz')).arrayBuffer();
          const warm = performance.now() - b;
          const c = performance.now();
          const chat = { id: 4242 + i, type: 'private' };
          const update = { update_id: 1e9 + i, message: { message_id: 1, date: 1, chat, from: { id: chat.id, is_bot: false, first_name: 'B' }, text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] } };
          const res = await mf.dispatchFetch('http://loa.example/webhooks/telegram', {
            method: 'POST',
            body: JSON.stringify(update),
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET },
          });
          await res.arrayBuffer();
          return [String(i + 1), ms(ready), ms(first), ms(warm), `${ms(performance.now() - c)} (${res.status})`];
        }),
      );
    }
    // The same start for a hello-world Worker: what workerd itself costs on this machine.
    const hello = join(dir, 'hello');
    mkdirSync(hello);
    writeFileSync(join(hello, 'worker.js'), "export default { fetch() { return new Response('ok'); } };");
    for (let i = 0; i < RUNS; i++) {
      mfRows.push(
        await withMiniflare({ ...mfOptions, scriptPath: join(hello, 'worker.js'), modulesRoot: hello }, async (mf, ready) => {
          const a = performance.now();
          await (await mf.dispatchFetch('http://loa.example/')).arrayBuffer();
          return [`hello-world ${i + 1}`, ms(ready), ms(performance.now() - a), '', ''];
        }),
      );
    }
    console.log('## Cold start of the built bundle in Miniflare (workerd)\n');
    table(['run', 'start → ready', 'first /healthz (builds runtime)', 'warm /healthz', 'first webhook → 200'], mfRows);

    // 4. + 5. One tick draining the outbox.
    async function tickRun(rows: number, rates: { tg: string; zalo: string }) {
      const now = new Date();
      const batch: OutboxInsert[] = [];
      const lines = ['📰 Điểm tin ngày 21/11/2026', ...Array.from({ length: 8 }, (_, k) => `${k + 1}. Khai mạc Lễ hội Áo dài TP.HCM 2026 — https://tuoitre.vn/bai-${k}.htm`)];
      for (let k = 0; k < rows; k++) {
        const platform = k % 2 === 0 ? 'telegram' : 'zalo';
        batch.push({ idempotencyKey: `bench:${now.getTime()}:${k}`, ref: 'bench', platform, chatId: String(platform === 'telegram' ? 10_000_000 + k : 6_000_000_000_000_000_000n + BigInt(k)), message: { lines } });
      }
      await enqueueMany(handle.db, batch, now);
      return withMiniflare({ ...mfOptions, bindings: { ...vars, TELEGRAM_RATE_PER_SEC: rates.tg, ZALO_RATE_PER_SEC: rates.zalo } }, async (mf) => {
        await (await mf.dispatchFetch('http://loa.example/healthz')).arrayBuffer(); // runtime built outside the measurement
        const worker = await mf.getWorker();
        const calls0 = tg.calls.length + zalo.calls.length;
        const db0 = db.requests();
        const cpu0 = workerdCpuMs();
        const t0 = performance.now();
        // A past minute: the tick's jobs (digest...) find nothing to do, only the outbox drains.
        await worker.scheduled({ scheduledTime: new Date(Date.UTC(2026, 0, 1, 12, 1)), cron: '* * * * *' });
        const wall = performance.now() - t0;
        const cpu = workerdCpuMs() - cpu0;
        const left = Number((db.db.prepare("SELECT count(*) FROM outbox WHERE ref = 'bench' AND status != 'sent'").raw(true).get() as number[])[0]);
        db.db.prepare("DELETE FROM outbox WHERE ref = 'bench'").run();
        return { sent: rows - left, left, wall, cpu, platformCalls: tg.calls.length + zalo.calls.length - calls0, dbRequests: db.requests() - db0 };
      });
    }

    const cpuRows: string[][] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await tickRun(ROWS, { tg: '1000', zalo: '1000' });
      cpuRows.push([String(i + 1), String(r.sent), ms(r.wall), ms(r.cpu), `${(r.cpu / Math.max(1, r.sent)).toFixed(2)} ms`, String(r.platformCalls), String(r.dbRequests)]);
    }
    console.log(`## One tick draining ${ROWS} rows (half Telegram, half Zalo) at 1,000 msg/s\n`);
    table(['run', 'sent', 'tick wall', 'workerd CPU', 'CPU per message', 'platform calls', 'database requests'], cpuRows);
    const perMsg = median(cpuRows.map((r) => parseFloat(r[4]!)));
    console.log(`At ${perMsg.toFixed(2)} ms CPU per message, the default 30 s CPU limit covers ~${Math.floor(30_000 / perMsg).toLocaleString('en')} messages per tick.\n`);

    if (FULL) {
      const r = await tickRun(4000, { tg: '25', zalo: '40' });
      console.log('## One tick at the production pace (Telegram 25/s, Zalo 40/s), 4,000 rows due\n');
      table(
        ['sent in the tick', 'left for the next', 'tick wall', 'workerd CPU', 'platform calls', 'database requests'],
        [[String(r.sent), String(r.left), ms(r.wall), ms(r.cpu), String(r.platformCalls), String(r.dbRequests)]],
      );
    }
  } finally {
    handle.close();
    await tg.close();
    await zalo.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench:worker failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
