// Checkpoints a local database's WAL from a worker thread, so that the event loop never pays for
// it. With SQLite's automatic checkpoint, the commit that crosses 1,000 WAL pages copies them
// into the database file and syncs it, inside a webhook's request (measured in `npm run bench`:
// 329–339 µs of CPU per webhook without automatic checkpoints against 375–389 µs with them, and
// a lower p99). Here the server's connection turns the automatic checkpoint off and a second
// connection, in a worker thread, runs PASSIVE checkpoints (they never wait for or block the
// writer) every `everyMs`. If the worker stops for any reason, the automatic checkpoint is turned
// back on, so the WAL can never grow without bound. Node only: the server entry starts it for a
// file: DATABASE_URL; tests and scripts keep SQLite's own checkpoints.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Client } from '@libsql/client';
import type { Logger } from '../src/core/logger';
import { localFilePath } from './local-client';

export interface WalCheckpointer {
  /** Stops the worker and gives checkpoints back to SQLite. */
  stop(): Promise<void>;
  /** Resolves after the worker's next completed checkpoint (tests). */
  nextCheckpoint(): Promise<{ walPages: number; checkpointed: number }>;
  /** Resolves once the worker has ended and, if it ended unasked, checkpoints are SQLite's again. */
  exited: Promise<void>;
}

export const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

// Plain JavaScript run by the worker (no TypeScript loader needed there).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsql);
const db = new Database(workerData.path, { timeout: 5000 });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    const r = checkpoint.get();
    parentPort.postMessage({ walPages: Number(r.log), checkpointed: Number(r.checkpointed) });
  } catch (e) {
    parentPort.postMessage({ error: e && e.code ? String(e.code) : 'checkpoint failed' });
  }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export async function startWalCheckpointer(client: Client, url: string, opts: { everyMs?: number; log: Logger }): Promise<WalCheckpointer> {
  const path = localFilePath(url);
  await client.execute('PRAGMA wal_autocheckpoint=0');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { libsql: createRequire(import.meta.url).resolve('libsql'), path, everyMs: opts.everyMs ?? 200 },
  });
  let stopping = false;
  const waiters: ((r: { walPages: number; checkpointed: number }) => void)[] = [];
  const fallBack = async (why: string) => {
    opts.log.warn('WAL checkpoints back on the server connection', { why });
    await client.execute(`PRAGMA wal_autocheckpoint=${SQLITE_AUTOCHECKPOINT_PAGES}`).catch(() => undefined);
  };
  worker.on('message', (m: { walPages: number; checkpointed: number } | { error: string }) => {
    if ('error' in m) opts.log.warn('WAL checkpoint failed', { code: m.error });
    else for (const w of waiters.splice(0)) w(m);
  });
  let fellBack: Promise<void> | undefined;
  const fallBackOnce = (why: string) => (fellBack ??= fallBack(why));
  worker.on('error', (err) => void fallBackOnce(err.name));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (stopping) resolve();
      else void fallBackOnce(`worker exited with ${code}`).then(resolve);
    }),
  );
  worker.unref();
  return {
    async stop() {
      if (stopping) return exited;
      stopping = true;
      worker.postMessage('stop');
      await exited;
      await client.execute(`PRAGMA wal_autocheckpoint=${SQLITE_AUTOCHECKPOINT_PAGES}`);
    },
    nextCheckpoint() {
      return new Promise((resolve) => waiters.push(resolve));
    },
    exited,
  };
}
