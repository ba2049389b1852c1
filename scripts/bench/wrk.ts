// The webhook bench's second load generator: wrk (Debian package `wrk`, C), used when installed.
// autocannon runs in the bench's own Node process and on this 2-core machine it shares the second
// core with the server's GC and compiler threads; wrk costs a fraction of that, so its numbers say
// more about the server. Each request is a unique Telegram /start update built by a Lua script.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startUpdateTemplate } from './start-update';

export interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  /** Answers read, and of those the ones that were not 2xx. */
  answered: number;
  non2xx: number;
  /** Connect, read, write errors and time-outs. */
  socketErrors: number;
}

export function wrkInstalled(): boolean {
  const r = spawnSync('wrk', ['-v']);
  return !r.error;
}

// The ids come from FIRST_ID + a counter: unique because wrk runs one thread (-t1); more threads
// would need an offset per thread. The body is scripts/bench/start-update.ts's, filled in.
const LUA = `
local n = 0
local first = tonumber(os.getenv("FIRST_ID"))
local secret = os.getenv("SECRET")
local template = os.getenv("BODY_TEMPLATE")
request = function()
  local id = first + n
  n = n + 1
  local body = template:gsub("{ID}", tostring(id)):gsub("{USER}", tostring(100000 + id))
  return wrk.format("POST", "/webhooks/telegram", { ["content-type"] = "application/json", ["x-telegram-bot-api-secret-token"] = secret }, body)
end
`;

const toMs = (value: string, unit: string) => Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);

function parse(out: string): WrkResult {
  const num = (re: RegExp) => {
    const m = re.exec(out);
    if (!m) throw new Error(`unexpected wrk output:\n${out}`);
    return m;
  };
  const p50 = num(/^\s*50%\s+([\d.]+)(us|ms|s)\s*$/m);
  const p99 = num(/^\s*99%\s+([\d.]+)(us|ms|s)\s*$/m);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(num(/Requests\/sec:\s+([\d.]+)/)[1]),
    p50: toMs(p50[1]!, p50[2]!),
    p99: toMs(p99[1]!, p99[2]!),
    answered: Number(num(/(\d+) requests in/)[1]),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
  };
}

/** One timed wrk run at `connections` connections on one thread; ids start at firstId. */
export async function wrkLoad(port: number, opts: { seconds: number; connections: number; firstId: number; secret: string }): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-wrk-'));
  const script = join(dir, 'start.lua');
  writeFileSync(script, LUA);
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--latency', '-s', script, `http://127.0.0.1:${port}/webhooks/telegram`], {
        env: { ...process.env, FIRST_ID: String(opts.firstId), SECRET: opts.secret, BODY_TEMPLATE: startUpdateTemplate },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (b: Buffer) => (text += b.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))));
    });
    return parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
