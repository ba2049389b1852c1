// Runs in Node before the workerd tests: a libSQL server over HTTP (the Hrana shim on a temp file,
// migrated with the same folder migrator `npm run db:migrate` uses), the fake Telegram and Zalo
// APIs, and a small control server so tests inside workerd can read and steer the fakes.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../db/client';
import { migrateFromFolder } from '../../db/migrate-from-folder';
import { startFakeTelegram } from '../fakes/telegram-api';
import { startFakeZalo } from '../fakes/zalo-api';
import { startHranaServer } from '../support/hrana-server';
import { BOT_USERNAME, DB_AUTH_TOKEN, ZALO_APP_ID } from './constants';

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
    });
    req.on('error', reject);
  });
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'loa-worker-test-'));
  const db = await startHranaServer({ path: join(dir, 'loa.db'), authToken: DB_AUTH_TOKEN });
  const empty = await startHranaServer({ path: join(dir, 'empty.db') });
  const handle = await createDb({ url: db.url, authToken: DB_AUTH_TOKEN });
  await migrateFromFolder(handle.db);
  handle.close();

  const tg = await startFakeTelegram({ botUsername: BOT_USERNAME });
  const zalo = await startFakeZalo({ appId: ZALO_APP_ID });

  let releaseRefreshes: (() => void) | null = null;
  const control = createServer((req, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = req.method === 'POST' ? await readJson(req) : {};
      const json = (v: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v ?? null));
      };
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /tg/calls':
          return json(tg.calls.map((c) => ({ method: c.method, status: c.status, payload: c.payload, at: c.at })));
        case 'POST /tg/fail429':
          tg.fail429Next(Number(body.retryAfter ?? 1), Number(body.times ?? 1));
          return json({ ok: true });
        case 'GET /zalo/sent':
          return json(zalo.sent().map((m) => ({ userId: m.userId, text: m.text })));
        case 'GET /zalo/calls':
          return json(zalo.calls.map((c) => ({ method: c.method, path: c.path })));
        case 'POST /zalo/expire-access-token':
          zalo.setAccessTokenExpired();
          return json({ ok: true });
        case 'POST /zalo/hold-refreshes':
          releaseRefreshes = zalo.holdRefreshes();
          return json({ ok: true });
        case 'POST /zalo/release-refreshes':
          releaseRefreshes?.();
          releaseRefreshes = null;
          return json({ ok: true });
        case 'GET /zalo/refreshes':
          return json({ used: [...zalo.usedRefreshTokens], count: zalo.refreshCount(), current: zalo.tokens().refreshToken });
        case 'GET /db/requests':
          return json({ requests: db.requests() });
        default:
          res.writeHead(404);
          res.end();
      }
    })().catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

  project.provide('databaseUrl', db.url);
  project.provide('emptyDatabaseUrl', empty.url);
  project.provide('telegramApiRoot', tg.apiRoot);
  project.provide('zaloUrl', zalo.url);
  project.provide('zaloAppSecret', zalo.appSecret);
  project.provide('zaloRefreshToken', zalo.tokens().refreshToken);
  project.provide('controlUrl', `http://127.0.0.1:${(control.address() as AddressInfo).port}`);

  return async () => {
    control.closeAllConnections();
    await new Promise<void>((resolve) => control.close(() => resolve()));
    await tg.close();
    await zalo.close();
    await db.close();
    await empty.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
