// SPEC §9 "errors an operator reads": each start-up and script error an operator can cause gives
// an exit code and one line that says what and how to fix it, never a stack trace or SQL text.
// The real scripts are spawned (node --import tsx <file>, what `npm start` / `npm run x` run), several at
// once: each test has its own database, and most of a test is waiting (a child starting, a 5 s busy timeout).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript, type ScriptResult } from '../support/spawn';
import { createTempDb, type TempDb } from '../support/temp-db';
import { startHranaServer, type HranaServer } from '../support/hrana-server';
import { startFakeZalo, type FakeZalo } from '../fakes/zalo-api';

const TG_TOKEN = '123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ';
const HRANA_TOKEN = 'operator-errors-hrana-token';

/** Exit code 1 and exactly one line on stderr: no stack trace, no SQL, no "Failed query". */
function expectOneLine(res: ScriptResult, says: RegExp) {
  const all = `${res.stdout}\n${res.stderr}`;
  expect(res.code, all).toBe(1);
  const lines = res.stderr.trim().split('\n');
  expect(lines, all).toHaveLength(1);
  expect(lines[0]).toMatch(says);
  expect(all).not.toMatch(/^\s+at /m);
  expect(all).not.toMatch(/Failed query|CREATE TABLE|SELECT |INSERT INTO|node:internal|\.ts:\d+/);
}

let hrana: HranaServer;
let closedPort: number;
beforeAll(async () => {
  hrana = await startHranaServer({ authToken: HRANA_TOKEN });
  // A port nothing listens on: bind, note it, close.
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  closedPort = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
});
afterAll(async () => {
  await hrana.close();
});
/** A fresh migrated database for one test (the tests run concurrently), deleted after the file. */
const temps: TempDb[] = [];
async function tempDb(): Promise<TempDb> {
  const temp = await createTempDb();
  temps.push(temp);
  return temp;
}
afterAll(() => {
  for (const t of temps.splice(0)) t.destroy();
});

const unreachable = () => `http://127.0.0.1:${closedPort}`;

/** Holds a write lock on the file (another program in the middle of a write) until released. */
function lockDb(url: string) {
  const db = new Database(url.slice('file:'.length));
  db.exec('BEGIN EXCLUSIVE');
  return () => {
    db.exec('ROLLBACK');
    db.close();
  };
}

describe.concurrent('npm start', () => {
  const start = (env: Record<string, string>) => runScript('src/entry/node.ts', [], { PORT: '0', ...env });

  it('a busy port', async () => {
    const temp = await tempDb();
    const other = createServer();
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    const port = (other.address() as AddressInfo).port;
    try {
      const res = await start({ DATABASE_URL: temp.url, PORT: String(port) });
      expectOneLine(res, new RegExp(`port ${port} .*already in use.*PORT`));
      expect(res.stdout).not.toContain('listening');
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  }, 60_000);

  it('an unreachable database', async () => {
    expectOneLine(await start({ DATABASE_URL: unreachable() }), /cannot reach the database server .*DATABASE_URL/);
  }, 60_000);

  it('a locked database', async () => {
    const temp = await tempDb();
    const release = lockDb(temp.url);
    try {
      expectOneLine(await start({ DATABASE_URL: temp.url }), /database .*is locked/);
    } finally {
      release();
    }
  }, 60_000);

  it('a file that is not a database', async () => {
    const temp = await tempDb();
    const path = join(temp.dir, 'notes.db');
    writeFileSync(path, 'this is not a database, just text '.repeat(200));
    expectOneLine(await start({ DATABASE_URL: `file:${path}` }), /not a readable SQLite database/);
  }, 60_000);

  it('a wrong DATABASE_AUTH_TOKEN', async () => {
    const res = await start({ DATABASE_URL: hrana.url, DATABASE_AUTH_TOKEN: 'wrong-token-value' });
    expectOneLine(res, /refused the credentials: check DATABASE_AUTH_TOKEN/);
    expect(res.stderr).not.toContain('wrong-token-value');
  }, 60_000);

  it('a bot token Telegram refuses', async () => {
    const temp = await tempDb();
    const api: Server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
    try {
      const res = await start({
        DATABASE_URL: temp.url,
        TELEGRAM_BOT_TOKEN: TG_TOKEN,
        TELEGRAM_WEBHOOK_SECRET: 'secret',
        TELEGRAM_API_ROOT: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
      });
      expectOneLine(res, /TELEGRAM_BOT_TOKEN was refused by Telegram.*@BotFather/);
      expect(res.stderr).not.toContain(TG_TOKEN);
    } finally {
      await new Promise<void>((r) => api.close(() => r()));
    }
  }, 60_000);

  it('a missing variable (one line per problem)', async () => {
    const temp = await tempDb();
    const res = await start({ DATABASE_URL: temp.url, TELEGRAM_BOT_TOKEN: TG_TOKEN });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_BOT_TOKEN is set');
    expect(res.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});

describe.concurrent('npm run db:migrate', () => {
  const migrate = (env: Record<string, string>) => runScript('scripts/migrate.ts', [], env);

  it('an unreachable database', async () => {
    expectOneLine(await migrate({ DATABASE_URL: unreachable() }), /^Migration failed: cannot reach the database server/);
  }, 60_000);

  it('a locked database', async () => {
    const temp = await tempDb();
    // A new file (migrations to write) that another program is writing to.
    const url = `file:${join(temp.dir, 'new.db')}`;
    const release = lockDb(url);
    try {
      expectOneLine(await migrate({ DATABASE_URL: url }), /^Migration failed: the database .*is locked/);
    } finally {
      release();
    }
  }, 60_000);

  it('a wrong DATABASE_AUTH_TOKEN', async () => {
    expectOneLine(await migrate({ DATABASE_URL: hrana.url, DATABASE_AUTH_TOKEN: 'nope-token' }), /^Migration failed: .*check DATABASE_AUTH_TOKEN/);
  }, 60_000);

  it('a folder that cannot be written', async () => {
    expectOneLine(await migrate({ DATABASE_URL: 'file:/etc/passwd/loa.db' }), /^Migration failed: .*DATABASE_URL/);
  }, 60_000);
});

describe.concurrent('npm run zalo:token', () => {
  let zalo: FakeZalo;
  beforeAll(async () => {
    zalo = await startFakeZalo();
  });
  afterAll(async () => {
    await zalo.close();
  });
  const zaloEnv = () => ({
    ZALO_APP_ID: zalo.appId,
    ZALO_APP_SECRET: zalo.appSecret,
    ZALO_OA_SECRET_KEY: 'oa-secret',
    ZALO_API_ROOT: zalo.url,
    ZALO_OAUTH_ROOT: zalo.oauthUrl,
  });
  const zaloToken = (args: string[], env: Record<string, string>) => runScript('scripts/zalo-token.ts', args, env);

  it('Zalo not configured', async () => {
    const temp = await tempDb();
    expectOneLine(await zaloToken([], { DATABASE_URL: temp.url }), /Zalo is not configured: set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY/);
  }, 60_000);

  it('--refresh with no refresh token anywhere', async () => {
    const temp = await tempDb();
    const res = await zaloToken(['--refresh'], { DATABASE_URL: temp.url, ...zaloEnv() });
    expectOneLine(res, /no refresh token.*set ZALO_REFRESH_TOKEN/i);
    expect(res.stderr).not.toContain('npm run zalo:token');
  }, 60_000);

  it('--refresh with a refresh token Zalo refuses', async () => {
    const temp = await tempDb();
    const res = await zaloToken(['--refresh'], { DATABASE_URL: temp.url, ...zaloEnv(), ZALO_REFRESH_TOKEN: 'stale-refresh-token' });
    expectOneLine(res, /refresh token.*(refused|rejected).*ZALO_REFRESH_TOKEN/i);
    expect(res.stderr).not.toContain('stale-refresh-token');
  }, 60_000);

  it('an unreachable database', async () => {
    expectOneLine(await zaloToken([], { DATABASE_URL: unreachable(), ...zaloEnv() }), /cannot reach the database server/);
  }, 60_000);
});

