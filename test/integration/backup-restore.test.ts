// SPEC §9 backups of the embedded database: `npm run db:backup` while webhooks arrive gives a
// consistent snapshot; `npm run db:restore` checks it and puts it in place; the server started on
// the restored file has the same members and queue. Restore refuses files that are not a whole Loa
// database and a database whose server still runs. The daily job keeps BACKUP_KEEP snapshots.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startHarness, tgText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { runScript, startProcess, type Running } from '../support/spawn';
import { checkLoaDatabase } from '../../db/backup';
import { backupJob } from '../../src/entry/backup-job';
import { parseEnv } from '../../src/config/env';

let h: Harness | undefined;
let server: Running | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await h?.close();
  h = undefined;
});

interface Stats {
  members: unknown;
  outbox: Record<string, number>;
}
const statsOf = async (url: string): Promise<Stats> => {
  const res = await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as Stats;
  return { members: body.members, outbox: body.outbox };
};
/** Counts straight from a file, read-only. */
function countsIn(path: string) {
  const db = new Database(path, { readonly: true } as never);
  try {
    const n = (q: string) => Number((db.prepare(q).get() as { n: number }).n);
    return {
      identities: n('SELECT count(*) AS n FROM chat_identities'),
      events: n('SELECT count(*) AS n FROM inbound_events'),
      queued: n("SELECT count(*) AS n FROM outbox WHERE status = 'queued'"),
      pending: n("SELECT count(*) AS n FROM inbound_events WHERE status = 'received'"),
    };
  } finally {
    db.close();
  }
}
const backupsIn = (dir: string) => readdirSync(dir).filter((n) => /^loa-.*\.db$/.test(n));

describe('npm run db:backup and db:restore', () => {
  it('backs up while webhooks arrive; the restored file started by the server has the same members and queue', async () => {
    h = await startHarness();
    const hh = h;
    for (let i = 0; i < 20; i++) await seedMember(hh.db.db, { identities: [{ platform: 'telegram', externalId: String(61000 + i) }] });
    const dir = join(hh.db.dir, 'backups');

    // 60 people write while the backup runs (the harness's dispatcher sends nothing: replies stay queued).
    let stop = false;
    let sentHooks = 0;
    const traffic = (async () => {
      for (let i = 0; !stop && i < 400; i++) {
        await Promise.all(Array.from({ length: 5 }, (_, k) => hh.telegram(tgText(62000 + i * 5 + k, '/start'))));
        sentHooks += 5;
      }
    })();
    const during = await runScript('scripts/db-backup.ts', [dir], { DATABASE_URL: hh.db.url });
    stop = true;
    await traffic;
    expect(during.stderr).toBe('');
    expect(during.code).toBe(0);
    expect(during.stdout).toMatch(/^Backup written: .*loa-\d{8}-\d{6}Z\.db \(.*20 members/);
    expect(sentHooks).toBeGreaterThan(0);
    const [first] = backupsIn(dir);
    const snapshot = join(dir, first!);
    expect(checkLoaDatabase(snapshot)).toMatchObject({ ok: true, members: 20 });
    // Consistent: each stored event of the snapshot came with its sender's identity.
    const snap = countsIn(snapshot);
    expect(snap.identities).toBeGreaterThanOrEqual(20);

    // Once quiet, a second backup; restore it into a new file and start the real server on it.
    await hh.runtime.inbox.idle();
    const live = await statsOf(hh.url);
    expect(live.outbox.queued).toBeGreaterThan(0);
    const quiet = await runScript('scripts/db-backup.ts', [dir], { DATABASE_URL: hh.db.url });
    expect(quiet.code).toBe(0);
    const second = /^Backup written: (\S+) /.exec(quiet.stdout)![1]!;
    expect(second).not.toBe(snapshot);
    const restoredUrl = `file:${join(hh.db.dir, 'restored', 'loa.db')}`;
    const restored = await runScript('scripts/db-restore.ts', [second], { DATABASE_URL: restoredUrl });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('Restored');

    server = startProcess(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], { DATABASE_URL: restoredUrl, PORT: '0', ADMIN_TOKEN, LOG_LEVEL: 'warn' });
    const out = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    expect(await statsOf(url)).toEqual(live);
    await server.stop();
    server = undefined;

    // The snapshot taken during the traffic restores and starts too, with what it held: its queue,
    // and the events it had stored but not yet handled, which the server handles now (one reply each).
    // Restored over the database of the server just stopped (its WAL left behind): kept aside, whole.
    const duringUrl = restoredUrl;
    const again = await runScript('scripts/db-restore.ts', [snapshot], { DATABASE_URL: duringUrl });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const kept = /kept as (\S+)\./.exec(again.stdout)![1]!;
    expect(checkLoaDatabase(kept)).toMatchObject({ ok: true, members: 20 });
    server = startProcess(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], { DATABASE_URL: duringUrl, PORT: '0', ADMIN_TOKEN, LOG_LEVEL: 'warn' });
    const url2 = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/))![1]!;
    const fromSnapshot = await statsOf(url2);
    expect(fromSnapshot.members).toEqual(live.members);
    expect(fromSnapshot.outbox.queued ?? 0).toBeGreaterThanOrEqual(snap.queued);
    expect(fromSnapshot.outbox.queued ?? 0).toBeLessThanOrEqual(snap.queued + snap.pending);
  }, 180_000);

  it('db:restore checks the file first and refuses a running database', async () => {
    h = await startHarness();
    const dir = h.db.dir;
    const target = `file:${join(dir, 'target', 'loa.db')}`;
    const restore = (file: string, url = target) => runScript('scripts/db-restore.ts', [file], { DATABASE_URL: url });
    const oneLine = (r: { code: number; stderr: string }, says: RegExp) => {
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(says);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    };

    writeFileSync(join(dir, 'notes.txt'), 'not a database '.repeat(500));
    oneLine(await restore(join(dir, 'notes.txt')), /notes\.txt cannot be restored: not a SQLite database/);

    const other = new Database(join(dir, 'other.db'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    oneLine(await restore(join(dir, 'other.db')), /cannot be restored: not a Loa database/);

    const backup = await runScript('scripts/db-backup.ts', [join(dir, 'b')], { DATABASE_URL: h.db.url });
    expect(backup.code).toBe(0);
    const good = join(dir, 'b', backupsIn(join(dir, 'b'))[0]!);
    const bytes = readFileSync(good);
    writeFileSync(join(dir, 'cut.db'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    oneLine(await restore(join(dir, 'cut.db')), /cut\.db cannot be restored/);
    expect(existsSync(join(dir, 'target', 'loa.db'))).toBe(false);

    // The harness's server has the database open and has written: its WAL is not empty.
    await h.telegram(tgText(63001, '/start'));
    await h.runtime.inbox.idle();
    oneLine(await restore(good, h.db.url), /stop the server first/);

    oneLine(await runScript('scripts/db-restore.ts', [], { DATABASE_URL: target }), /give the backup file/);
    oneLine(await runScript('scripts/db-backup.ts', [], { DATABASE_URL: 'libsql://loa-office.turso.io', DATABASE_AUTH_TOKEN: 'x' }), /remote libSQL database \(Turso\)/);
  }, 120_000);
});

describe('the daily backup job', () => {
  it('runs at BACKUP_TIME and keeps the newest BACKUP_KEEP snapshots, copying in a worker thread', async () => {
    h = await startHarness();
    const dir = join(h.db.dir, 'daily');
    const env = parseEnv({ DATABASE_URL: h.db.url, BACKUP_DIR: dir, BACKUP_KEEP: '2' });
    const job = backupJob(env);
    expect(job.cron).toBe('30 2 * * *');
    expect(backupJob(parseEnv({ BACKUP_DIR: dir, BACKUP_TIME: '23:05' })).cron).toBe('5 23 * * *');
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03']) await job.run(h.runtime.jobContext, new Date(`${day}T19:30:00Z`));
    expect(backupsIn(dir).sort()).toEqual(['loa-20261202-193000Z.db', 'loa-20261203-193000Z.db']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(h.logs.some((l) => l.includes('"msg":"backup written"'))).toBe(true);
  }, 60_000);
});
