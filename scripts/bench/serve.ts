// Bench helper: serves either the real Loa app (mode "loa") or a bare Hono app that parses the
// same body and answers 200 (mode "bare"), on a random port; prints "READY <port>" when listening.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { parseEnv } from '../../src/config/env';
import { createDb } from '../../db/client';
import { migrateFromFolder } from '../../db/migrate-from-folder';
import { buildRuntime } from '../../src/entry/build-deps';
import { createLogger } from '../../src/core/logger';
import { createNodeTransport } from '../../bots/http/node-transport';

const mode = process.argv[2] ?? 'loa';

async function app() {
  if (mode === 'bare') {
    const bare = new Hono();
    bare.post('/webhooks/telegram', async (c) => {
      await c.req.json();
      return c.json({ ok: true });
    });
    return bare.fetch;
  }
  const env = parseEnv(process.env);
  const dbHandle = await createDb({ url: env.DATABASE_URL });
  await migrateFromFolder(dbHandle.db);
  const rt = await buildRuntime({ env, dbHandle, http: createNodeTransport(), log: createLogger('error'), telegramBotInfo: { id: 1, username: 'LoaBenchBot', first_name: 'Loa' } });
  rt.dispatcher.start();
  return rt.app.fetch;
}

const fetch = await app();
const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`READY ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => process.exit(0));
