// The WAL checkpointer of the Node server: with it, the server's connection never checkpoints
// itself, yet the WAL is copied into the database file from the worker thread; stopped or lost,
// it hands checkpoints back to SQLite.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SQLITE_AUTOCHECKPOINT_PAGES, startWalCheckpointer } from '../../db/wal-checkpointer';
import { silentLogger } from '../../src/core/logger';
import { createTempDb, type TempDb } from '../support/temp-db';

let db: TempDb;
beforeEach(async () => {
  db = await createTempDb();
  await db.client.execute('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
});
afterEach(() => db.destroy());

const autocheckpoint = async () => Number((await db.client.execute('PRAGMA wal_autocheckpoint')).rows[0]![0]);
const dbFileBytes = () => statSync(join(db.dir, 'loa.db')).size;

async function writePages(n: number) {
  const body = 'x'.repeat(3000);
  for (let i = 0; i < n; i++) await db.client.execute({ sql: 'INSERT INTO filler (body) VALUES (?)', args: [body] });
}

it('copies the WAL into the database file from its thread while the server connection never does', async () => {
  const cp = await startWalCheckpointer(db.client, db.url, { everyMs: 20, log: silentLogger });
  try {
    expect(await autocheckpoint()).toBe(0);
    const before = dbFileBytes();
    await writePages(300);
    // The server connection alone would leave every page in the WAL (automatic checkpoint off):
    // the file grows only through the worker's checkpoints.
    while (dbFileBytes() <= before + 300 * 3000) await cp.nextCheckpoint();
  } finally {
    await cp.stop();
  }
  expect(await autocheckpoint()).toBe(SQLITE_AUTOCHECKPOINT_PAGES);
});

it('gives checkpoints back to SQLite when its worker fails', async () => {
  const warnings: string[] = [];
  const log = { ...silentLogger, warn: (msg: string) => void warnings.push(msg) };
  // The worker cannot open this file and dies; the server's connection takes checkpoints back.
  const cp = await startWalCheckpointer(db.client, `file:${join(db.dir, 'missing', 'loa.db')}`, { everyMs: 20, log });
  await cp.exited;
  expect(await autocheckpoint()).toBe(SQLITE_AUTOCHECKPOINT_PAGES);
  expect(warnings).toContain('WAL checkpoints back on the server connection');
});
