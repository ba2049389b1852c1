// Bench helper: serves either the real Loa app (mode "loa") or a bare Hono app that parses the
// same body and answers 200 (mode "bare"), on a random port; prints "READY <port>" when listening.
// BENCH_COUNT_SQL=1 (mode "loa"): counts the statements and the batches (transactions) sent to the
// database and prints them, with the number of webhooks answered, when stopped (SIGTERM).
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

interface SqlCounts {
  webhooks: number;
  /** Statements run on their own (each its own transaction when it writes). */
  alone: number;
  batches: number;
  /** Statements inside batches. */
  batched: number;
  /** Statements by their first words (alone and batched). */
  kinds: Map<string, number>;
  /** Synchronous time inside the client (the local client runs a statement before its promise), ms, by kind of statement run alone; batches under "batch". */
  ms: Map<string, number>;
}
const counts: SqlCounts = { webhooks: 0, alone: 0, batches: 0, batched: 0, kinds: new Map(), ms: new Map() };
const addMs = (k: string, ms: number) => counts.ms.set(k, (counts.ms.get(k) ?? 0) + ms);
const kindOf = (sql: string) => {
  const s = sql.replace(/\s+/g, ' ').trim();
  const m = /^(INSERT INTO "?\w+"?|UPDATE "?\w+"?|DELETE FROM "?\w+"?|SELECT .*? FROM "?\w+"?|WITH \w+|\w+)/i.exec(s);
  return (m?.[1] ?? s.slice(0, 40)).replace(/^SELECT .*? FROM/i, 'SELECT … FROM');
};
const countKind = (sql: string) => counts.kinds.set(kindOf(sql), (counts.kinds.get(kindOf(sql)) ?? 0) + 1);

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
  if (process.env.BENCH_COUNT_SQL) {
    (globalThis as unknown as { __stmtMs?: Map<string, number> }).__stmtMs = counts.ms;
    const client = dbHandle.client;
    const execute = client.execute.bind(client) as (...a: unknown[]) => Promise<unknown>;
    const batch = client.batch.bind(client) as (...a: unknown[]) => Promise<unknown>;
    const sqlOf = (s: unknown) => (typeof s === 'string' ? s : Array.isArray(s) ? String(s[0]) : String((s as { sql: string }).sql));
    (client as { execute: unknown }).execute = (...a: unknown[]) => {
      counts.alone++;
      countKind(sqlOf(a[0]));
      const t = performance.now();
      const r = execute(...a);
      addMs(`alone: ${kindOf(sqlOf(a[0]))}`, performance.now() - t);
      return r;
    };
    (client as { batch: unknown }).batch = (...a: unknown[]) => {
      counts.batches++;
      for (const s of a[0] as unknown[]) {
        counts.batched++;
        countKind(sqlOf(s));
      }
      const t = performance.now();
      const r = batch(...a);
      addMs('batch', performance.now() - t);
      return r;
    };
  }
  const rt = await buildRuntime({ env, dbHandle, http: createNodeTransport(), log: createLogger('error'), telegramBotInfo: { id: 1, username: 'LoaBenchBot', first_name: 'Loa' } });
  rt.dispatcher.start();
  if (!process.env.BENCH_COUNT_SQL) return rt.app.fetch;
  return async (req: Request) => {
    const res = await rt.app.fetch(req);
    if (req.url.endsWith('/webhooks/telegram') && res.status === 200) counts.webhooks++;
    return res;
  };
}

const fetch = await app();
const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`READY ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  if (process.env.BENCH_COUNT_SQL) {
    const per = (n: number) => (counts.webhooks ? (n / counts.webhooks).toFixed(2) : 'n/a');
    console.log(`SQL webhooks ${counts.webhooks}: statements alone ${counts.alone} (${per(counts.alone)}/webhook), batches ${counts.batches} (${per(counts.batches)}/webhook) holding ${counts.batched} statements (${per(counts.batched)}/webhook)`);
    for (const [k, n] of [...counts.kinds].sort((a, b) => b[1] - a[1])) console.log(`SQL   ${per(n)}/webhook  ${n}  ${k}`);
    for (const [k, ms] of [...counts.ms].sort((a, b) => b[1] - a[1])) console.log(`SQL   time ${counts.webhooks ? ((ms * 1000) / counts.webhooks).toFixed(1) : 'n/a'} µs/webhook in ${k}`);
  }
  process.exit(0);
});
