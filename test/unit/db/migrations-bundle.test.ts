// The Worker's bundled migrations are the committed folder, and the bundled migrator and drizzle's
// folder migrator share one bookkeeping table: either can run after the other.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, renderMigrationsBundle } from '../../../scripts/bundle-migrations';
import { createDb, type DbHandle } from '../../../db/client';
import { migrateBundled } from '../../../db/migrate-bundled';
import { migrateFromFolder } from '../../../db/migrate-from-folder';
import { bundledMigrations } from '../../../db/migrations-bundle';

const dirs: string[] = [];
const handles: DbHandle[] = [];
async function freshDb(): Promise<DbHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-bundle-'));
  dirs.push(dir);
  const h = await createDb({ url: `file:${join(dir, 'loa.db')}` });
  handles.push(h);
  return h;
}
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const journal = async (h: DbHandle) =>
  (await h.client.execute('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at')).rows.map((r) => [r.hash, Number(r.created_at)]);
const schema = async (h: DbHandle) =>
  (await h.client.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")).rows.map((r) => [r.type, r.name, r.sql]);

describe('db/migrations-bundle.ts', () => {
  it('equals what scripts/bundle-migrations.ts makes of db/migrations (run `npm run db:generate` if not)', () => {
    expect(readFileSync(BUNDLE_FILE, 'utf8'), 'db/migrations-bundle.ts is stale: run `npx tsx scripts/bundle-migrations.ts`').toBe(
      renderMigrationsBundle(),
    );
  });
});

describe('migrateBundled', () => {
  it('creates the same schema and journal rows as the folder migrator', async () => {
    const a = await freshDb();
    const b = await freshDb();
    expect(await migrateBundled(a.client)).toEqual({ applied: bundledMigrations.map((m) => m.tag) });
    await migrateFromFolder(b.db);
    expect(await schema(a)).toEqual(await schema(b));
    expect(await journal(a)).toEqual(await journal(b));
  });

  it('is idempotent and takes turns with the folder migrator in both orders', async () => {
    const a = await freshDb();
    await migrateBundled(a.client);
    expect(await migrateBundled(a.client)).toEqual({ applied: [] });
    await migrateFromFolder(a.db); // would fail on CREATE TABLE if it re-applied
    expect(await journal(a)).toHaveLength(bundledMigrations.length);

    const b = await freshDb();
    await migrateFromFolder(b.db);
    expect(await migrateBundled(b.client)).toEqual({ applied: [] });
    expect(await journal(b)).toHaveLength(bundledMigrations.length);
  });

  it('applies only migrations newer than the last one recorded', async () => {
    const a = await freshDb();
    await migrateBundled(a.client);
    const next = { tag: '9999_test', when: Date.now() + 1e12, hash: 'x', statements: ['CREATE TABLE w7_probe (id integer)'] };
    expect(await migrateBundled(a.client, [...bundledMigrations, next])).toEqual({ applied: ['9999_test'] });
    expect(await migrateBundled(a.client, [...bundledMigrations, next])).toEqual({ applied: [] });
  });

  it('rolls a failing migration back whole', async () => {
    const a = await freshDb();
    const broken = { tag: '0000_broken', when: 1, hash: 'y', statements: ['CREATE TABLE w7_ok (id integer)', 'CREATE TABLE nope ('] };
    await expect(migrateBundled(a.client, [broken])).rejects.toThrow();
    const tables = (await a.client.execute("SELECT name FROM sqlite_master WHERE name = 'w7_ok'")).rows;
    expect(tables).toHaveLength(0);
  });
});
