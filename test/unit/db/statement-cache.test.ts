// The statement cache under @libsql/client (local files): reused statements give the same
// answers as fresh ones, survive a failed run, and a schema change is seen at once.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../../support/temp-db';

let db: TempDb;
beforeEach(async () => {
  db = await createTempDb();
  await db.client.execute('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)');
});
afterEach(() => db.destroy());

const insert = (k: string, v: number) => db.client.execute({ sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: [k, v] });
const all = async () => (await db.client.execute('SELECT * FROM t ORDER BY k')).rows.map((r) => ({ ...r }));

it('runs the same statement many times with fresh arguments and the right answers', async () => {
  for (let i = 0; i < 50; i++) await insert(`k${String(i).padStart(2, '0')}`, i);
  const rows = await all();
  expect(rows).toHaveLength(50);
  expect(rows[49]).toEqual({ k: 'k49', v: 49 });
  const one = await db.client.execute({ sql: 'SELECT v FROM t WHERE k = ?', args: ['k07'] });
  const again = await db.client.execute({ sql: 'SELECT v FROM t WHERE k = ?', args: ['k08'] });
  expect([one.rows[0]!.v, again.rows[0]!.v]).toEqual([7, 8]);
  expect(one.columns).toEqual(['v']);
});

it('reuses a statement after it failed (a unique violation), and statements without rows still report changes', async () => {
  await insert('a', 1);
  await expect(insert('a', 2)).rejects.toThrow(/UNIQUE/);
  await insert('b', 2);
  const upd = await db.client.execute({ sql: 'UPDATE t SET v = v + 1 WHERE k IN (?, ?)', args: ['a', 'b'] });
  expect(upd.rowsAffected).toBe(2);
  expect(await all()).toEqual([
    { k: 'a', v: 2 },
    { k: 'b', v: 3 },
  ]);
});

it('sees a schema change at once (new column in SELECT *)', async () => {
  await insert('a', 1);
  expect(Object.keys((await all())[0]!)).toEqual(['k', 'v']);
  await db.client.execute('ALTER TABLE t ADD COLUMN w TEXT');
  expect(await all()).toEqual([{ k: 'a', v: 1, w: null }]);
});

it('keeps batches atomic: a failing statement rolls back the cached ones before it', async () => {
  await insert('a', 1);
  await expect(
    db.client.batch([
      { sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['c', 3] },
      { sql: 'INSERT INTO t (k, v) VALUES (?, ?)', args: ['a', 9] },
    ]),
  ).rejects.toThrow();
  expect(await all()).toEqual([{ k: 'a', v: 1 }]);
});

it('hands out one engine statement per SQL text and connection, never for schema changes', async () => {
  const { default: Database } = await import('libsql');
  const { installStatementCache } = await import('../../../db/libsql-statement-cache');
  installStatementCache();
  const a = new Database(':memory:');
  const b = new Database(':memory:');
  expect(a.prepare('SELECT 1')).toBe(a.prepare('SELECT 1'));
  expect(a.prepare('SELECT 1')).not.toBe(b.prepare('SELECT 1'));
  expect(a.prepare('CREATE TABLE x (y)')).not.toBe(a.prepare('CREATE TABLE x (y)'));
  a.close();
  b.close();
});

it('is really used by @libsql/client: the second run of a query is a cache hit', async () => {
  const { statementCacheStats } = await import('../../../db/libsql-statement-cache');
  await db.client.execute({ sql: 'SELECT v FROM t WHERE k = ?', args: ['x'] });
  const before = statementCacheStats();
  await db.client.execute({ sql: 'SELECT v FROM t WHERE k = ?', args: ['y'] });
  const after = statementCacheStats();
  expect(after.hits).toBe(before.hits + 1);
  expect(after.misses).toBe(before.misses);
});
