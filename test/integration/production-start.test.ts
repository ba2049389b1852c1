// SPEC §9 / issue 18: the production start compiles no TypeScript at run time. `npm run build`
// bundles to dist/node; the command the Dockerfile and the systemd unit run (`node
// dist/node/server.js`, also what `npm start` runs after building) starts on a fresh database and
// answers /healthz; SIGTERM stops it cleanly.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startProcess, type Running } from '../support/spawn';

const dir = mkdtempSync(join(tmpdir(), 'loa-prod-'));
let server: Running | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const METRICS_TOKEN = 'prod-start-metrics-token';

describe('the production start', () => {
  it('is the same command in package.json, the Dockerfile and the systemd unit', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toMatch(/node dist\/node\/server\.js$/);
    expect(pkg.scripts.build).toBe('node scripts/build.mjs');
    expect(readFileSync('Dockerfile', 'utf8')).toContain('CMD ["node", "dist/node/server.js"]');
    expect(readFileSync('docs/deploy/loa.service', 'utf8')).toContain('ExecStart=/usr/bin/node dist/node/server.js');
  });

  it('builds, starts with plain node on a fresh database and answers /healthz and /metrics', async () => {
    const built = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(process.execPath, ['scripts/build.mjs'], { timeout: 120_000 }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, out: stdout + stderr })),
    );
    expect(built.code, built.out).toBe(0);
    expect(existsSync('dist/node/server.js')).toBe(true);
    expect(readFileSync('dist/node/server.js', 'utf8')).not.toMatch(/from ["']tsx/);
    // Nothing of the tests, their fakes or `npm run sandbox` is in the production bundle (issue 18).
    const maps = readdirSync('dist/node').filter((f) => f.endsWith('.js.map'));
    expect(maps).toContain('server.js.map');
    for (const f of maps) {
      const { sources } = JSON.parse(readFileSync(`dist/node/${f}`, 'utf8')) as { sources: string[] };
      expect(sources.filter((s) => /(^|\/)test\/|scripts\/sandbox/.test(s)), f).toEqual([]);
    }
    for (const f of readdirSync('dist/node').filter((n) => /\.m?js$/.test(n))) {
      expect(readFileSync(`dist/node/${f}`, 'utf8'), f).not.toMatch(/startFakeTelegram|startFakeZalo|startSandbox|LoaSandboxBot/);
    }

    const dbPath = join(dir, 'data', 'loa.db');
    expect(existsSync(dbPath)).toBe(false);
    server = startProcess(process.execPath, ['dist/node/server.js'], { DATABASE_URL: `file:${dbPath}`, PORT: '0', METRICS_TOKEN, LOG_LEVEL: 'warn' });
    const out = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok', queue: { due: 0, oldestDueSeconds: 0 } });
    const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('loa_queue_due 0');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(existsSync(dbPath)).toBe(true);

    expect(await server.stop()).toBe(0);
    server = undefined;
  }, 180_000);
});
