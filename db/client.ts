// createDb: one libSQL client + drizzle for a URL (file: on Node, libsql:/http(s): anywhere).
// Runtime-neutral: @libsql/client picks its web build under workerd.
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';
import { createLocalClient } from '#local-client';

/** drizzle over one libSQL client (`$client`, for statements built by hand: db/prebuilt.ts). */
export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

export interface DbHandle {
  db: Db;
  client: Client;
  close(): void;
}

/** WAL pages after which a commit checkpoints (see createDb). */
export const WAL_AUTOCHECKPOINT_PAGES = 250;

export interface DbConfig {
  url: string;
  authToken?: string;
}

/**
 * Opens the database. A local file goes through our local client (db/local-client.ts, Node only):
 * WAL with synchronous=NORMAL (durable across a process crash; a power cut can lose the last
 * commits, the measured trade-off in the README), and one connection: every call on a file is
 * synchronous, so a pool adds nothing but SQLITE_BUSY between its own connections (pitfalls §3,
 * §4). Other URLs go through @libsql/client. Never use interactive transactions here: use
 * db.batch().
 */
export async function createDb(cfg: DbConfig): Promise<DbHandle> {
  const isFile = cfg.url.startsWith('file:');
  const client = isFile ? createLocalClient({ url: cfg.url, timeout: 5000 }) : createClient({ url: cfg.url, authToken: cfg.authToken });
  if (isFile) {
    await client.execute('PRAGMA journal_mode=WAL');
    await client.execute('PRAGMA synchronous=NORMAL');
    // A checkpoint runs inside the commit that crosses this many WAL pages and holds the event
    // loop while it copies them (and syncs): the default 1,000 pages held it 20–25 ms, on top of
    // the step or the webhooks being committed. 250 pages: the same copying in four shorter
    // pauses (a million-member digest: longest stall 48–65 → 40 ms, webhook p99 while it queues
    // 50–59 → 34 ms; 4,000 pages: 120 ms and 105 ms; docs/benchmarks.md). The webhook bench's
    // req/s did not move measurably (six alternating runs, medians within 5 %).
    await client.execute(`PRAGMA wal_autocheckpoint=${WAL_AUTOCHECKPOINT_PAGES}`);
    await client.execute('PRAGMA foreign_keys=ON');
    // Deleted and overwritten values are zeroed in the file (and the WAL), not left in free space:
    // /xoa must not leave a name readable in the database file (SPEC §6). Cost: README "Personal data".
    await client.execute('PRAGMA secure_delete=ON');
  }
  const db = drizzle(client, { schema });
  return { db, client, close: () => client.close() };
}
