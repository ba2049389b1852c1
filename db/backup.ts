// Backups of the embedded database (SPEC §9), Node only. A backup is `VACUUM INTO` on its own
// connection: one read transaction, so the copy is consistent while the server writes (WAL), and
// compact. It is written as `<name>.partial`, checked, then renamed: a file named `loa-*.db` is
// always a whole, checked snapshot. Restore checks the file first (integrity, a Loa database,
// not from a newer Loa), keeps the current database aside, then puts the snapshot in its place.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'libsql';
import { bundledMigrations } from './migrations-bundle';
import { OperatorError } from '../src/config/operator-errors';

export const BACKUP_NAME = /^loa-\d{8}-\d{6}Z(-\d+)?\.db$/;

/** The file path of a `file:` DATABASE_URL; an operator error for remote databases. */
export function databaseFile(url: string, what: string): string {
  if (!url.startsWith('file:')) {
    throw new OperatorError(
      `${what} works on the embedded database (DATABASE_URL=file:...); a remote libSQL database (Turso) is backed up and restored by the provider (README, "Backups").`,
    );
  }
  const path = url.slice('file:'.length).split('?')[0]!;
  if (!path || path === ':memory:') throw new OperatorError(`${what} needs a database file, not ${url}.`);
  return resolve(path.replace(/^\/\/(localhost)?(?=\/)/, ''));
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.\d+Z$/, 'Z');

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  check: LoaDbCheck;
  removed: string[];
}

/**
 * A consistent snapshot of `databaseUrl` in `dir` (created if needed), named by UTC time. With
 * `keep`, only the newest `keep` snapshots in `dir` stay. `inWorker` copies in a worker thread
 * (the server); the CLI copies on its own thread.
 */
export async function backupDatabase(opts: { databaseUrl: string; dir: string; now: Date; keep?: number; inWorker?: boolean }): Promise<BackupResult> {
  const source = databaseFile(opts.databaseUrl, 'db:backup');
  if (!existsSync(source)) throw new OperatorError(`there is no database at ${source} (DATABASE_URL): nothing to back up.`);
  const dir = resolve(opts.dir);
  mkdirSync(dir, { recursive: true });
  let name = `loa-${stamp(opts.now)}.db`;
  for (let i = 2; existsSync(join(dir, name)); i++) name = `loa-${stamp(opts.now)}-${i}.db`;
  const file = join(dir, name);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const started = Date.now();
  try {
    if (opts.inWorker) await vacuumIntoInWorker(source, partial);
    else vacuumInto(source, partial);
    const check = checkLoaDatabase(partial, { quick: true });
    if (!check.ok) throw new OperatorError(`the snapshot failed its check (${check.problem}); the database itself may be damaged: run PRAGMA integrity_check on it.`);
    renameSync(partial, file);
    const removed = opts.keep ? pruneBackups(dir, opts.keep) : [];
    return { file, bytes: statSync(file).size, ms: Date.now() - started, check, removed };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

function vacuumInto(source: string, target: string) {
  const db = new Database(source, { timeout: 30_000 });
  try {
    db.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
  } finally {
    db.close();
  }
}

function vacuumIntoInWorker(source: string, target: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./backup-worker.mjs', import.meta.url), { workerData: { source, target, timeoutMs: 30_000 } });
    worker.once('message', (m: { ok: boolean; message?: string; code?: string }) => {
      void worker.terminate();
      if (m.ok) resolvePromise();
      else reject(Object.assign(new Error(m.message ?? 'backup failed'), { code: m.code }));
    });
    worker.once('error', reject);
  });
}

/** Deletes all but the newest `keep` snapshots (by name, which is by time); returns the removed names. */
export function pruneBackups(dir: string, keep: number): string[] {
  // By time, then by the -N of snapshots made in the same second.
  const key = (n: string) => {
    const m = /^loa-(\d{8}-\d{6})Z(?:-(\d+))?\.db$/.exec(n)!;
    return `${m[1]}-${(m[2] ?? '1').padStart(6, '0')}`;
  };
  const all = readdirSync(dir)
    .filter((n) => BACKUP_NAME.test(n))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const removed = all.slice(0, Math.max(0, all.length - keep));
  for (const n of removed) rmSync(join(dir, n), { force: true });
  return removed;
}

export interface LoaDbCheck {
  ok: boolean;
  problem?: string;
  members?: number;
  queued?: number;
  migrations?: number;
}

const LOA_TABLES = ['__drizzle_migrations', 'members', 'chat_identities', 'outbox', 'inbound_events'];

/** Is this file a readable, intact Loa database that this version can run? Read-only. */
export function checkLoaDatabase(path: string, opts: { quick?: boolean } = {}): LoaDbCheck {
  if (!existsSync(path)) return { ok: false, problem: `no file at ${path}` };
  let db: InstanceType<typeof Database> | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true } as never);
    const integrity = db.prepare(opts.quick ? 'PRAGMA quick_check' : 'PRAGMA integrity_check').all() as Record<string, unknown>[];
    const first = integrity[0] ? String(Object.values(integrity[0])[0]) : 'no answer';
    if (integrity.length !== 1 || first !== 'ok') return { ok: false, problem: `integrity check failed: ${first.slice(0, 120)}` };
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const missing = LOA_TABLES.filter((t) => !tables.has(t));
    if (missing.length) return { ok: false, problem: `not a Loa database (no ${missing.join(', ')} table)` };
    const last = db.prepare('SELECT max(created_at) AS at, count(*) AS n FROM __drizzle_migrations').get() as { at: number | null; n: number };
    const newest = bundledMigrations.at(-1)!.when;
    if (last.at != null && Number(last.at) > newest) {
      return { ok: false, problem: 'made by a newer version of Loa than this one: upgrade Loa first, then restore' };
    }
    const members = (db.prepare("SELECT count(*) AS n FROM members WHERE status != 'deleted'").get() as { n: number }).n;
    const queued = (db.prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending')").get() as { n: number }).n;
    return { ok: true, members: Number(members), queued: Number(queued), migrations: Number(last.n) };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: /not a database|file is encrypted|malformed/i.test(msg) ? 'not a SQLite database' : msg.split('\n')[0]!.slice(0, 160) };
  } finally {
    db?.close();
  }
}

export interface RestoreResult {
  target: string;
  /** Where the database that was there before now is (null when there was none). */
  previous: string | null;
  check: LoaDbCheck;
}

/**
 * Puts a checked snapshot in place of DATABASE_URL's file (server stopped). The database that was
 * there is renamed `<file>.before-restore-<time>`, never deleted. Refuses while another program
 * (the server) has the database open, unless `force`.
 */
export function restoreDatabase(opts: { file: string; databaseUrl: string; now: Date; force?: boolean }): RestoreResult {
  const target = databaseFile(opts.databaseUrl, 'db:restore');
  const file = resolve(opts.file);
  const check = checkLoaDatabase(file);
  if (!check.ok) throw new OperatorError(`${basename(file)} cannot be restored: ${check.problem}.`);
  if (file === target) throw new OperatorError('the backup file is the database itself: give a file from the backup folder.');
  if (existsSync(target)) releaseTarget(target, opts.force ?? false);
  const wal = `${target}-wal`;
  mkdirSync(dirname(target), { recursive: true });
  const incoming = `${target}.restoring`;
  copyFileSync(file, incoming);
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${stamp(opts.now)}`;
    renameSync(target, previous);
  }
  for (const side of [wal, `${target}-shm`]) {
    if (existsSync(side)) {
      if (previous) renameSync(side, `${previous}${side.slice(target.length)}`);
      else rmSync(side, { force: true });
    }
  }
  renameSync(incoming, target);
  return { target, previous, check };
}

/**
 * A server with the database open holds a shared lock on it (WAL mode): an exclusive lock cannot
 * be had, so the restore refuses. Once it is stopped, what its write-ahead log still holds is
 * written into the file, so the copy kept aside is whole.
 */
function releaseTarget(target: string, force: boolean) {
  let db: InstanceType<typeof Database> | undefined;
  try {
    db = new Database(target, { timeout: 0 });
    db.exec('PRAGMA locking_mode=EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all();
  } catch (err) {
    const busy = /SQLITE_BUSY|SQLITE_LOCKED|database is locked/i.test(`${(err as { code?: string }).code ?? ''} ${err instanceof Error ? err.message : ''}`);
    if (busy && !force) {
      throw new OperatorError(`${basename(target)} is open in another program (the server?): stop the server first, then restore (or add --force).`);
    }
    // Not a database any more, or forced: it is replaced anyway (and kept aside).
  } finally {
    db?.close();
  }
}
