// The local-file client (db/local-client.ts): it answers as @libsql/client does on the same file
// (rows, values, errors, batches), and its statement cache reuses statements safely: fresh
// arguments, after a failure, and a schema change seen at once.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createClient, LibsqlBatchError, LibsqlError, type Client, type ResultSet } from '@libsql/client';
import { createLocalClient } from '../../../db/local-client';
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

it('is really used: the second run of a query is a cache hit, a schema change is not kept', async () => {
  const local = createLocalClient({ url: db.url });
  try {
    await local.execute({ sql: 'SELECT v FROM t WHERE k = ?', args: ['x'] });
    const before = local.stats();
    await local.execute({ sql: 'SELECT v FROM t WHERE k = ?', args: ['y'] });
    expect(local.stats()).toEqual({ hits: before.hits + 1, misses: before.misses });
    await local.execute('CREATE TABLE IF NOT EXISTS u (x)');
    await local.execute('CREATE TABLE IF NOT EXISTS u (x)');
    expect(local.stats().misses).toBe(before.misses + 2);
  } finally {
    local.close();
  }
});

/** What a caller can observe of a result: columns, rows by index, by name, spread and JSON. */
function observe(rs: ResultSet) {
  return {
    columns: rs.columns,
    rowsAffected: rs.rowsAffected,
    byIndex: rs.rows.map((r) => Array.from({ length: r.length }, (_, i) => r[i])),
    spread: rs.rows.map((r) => ({ ...r })),
    keys: rs.rows.map((r) => Object.keys(r)),
    json: JSON.stringify(rs.rows),
    sliced: rs.rows.map((r) => Array.prototype.slice.call(r)),
  };
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = e as LibsqlError & { statementIndex?: number };
    return { name: err.name, code: err.code, extendedCode: err.extendedCode, rawCode: err.rawCode, statementIndex: err.statementIndex, message: err.message };
  }
  throw new Error('expected a failure');
}

it('answers exactly as @libsql/client on the same file: rows, values, changes and errors', async () => {
  const local = createLocalClient({ url: db.url });
  const reference: Client = createClient({ url: db.url });
  try {
    await reference.execute('CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB, at INTEGER)');
    await reference.execute('CREATE TABLE q (id INTEGER PRIMARY KEY, p_id INTEGER, name TEXT)');
    const queries: { sql: string; args?: unknown[] | Record<string, unknown> }[] = [
      { sql: 'INSERT INTO p (name, score, data, at) VALUES (?, ?, ?, ?)', args: ['Hợp', 1.5, new Uint8Array([1, 2, 3]).buffer, new Date('2026-11-22T01:02:03Z')] },
      { sql: 'INSERT INTO p (name, score, data, at) VALUES (:name, :score, NULL, :at)', args: { name: 'Lan', score: true, at: 9007199254740991 } },
      { sql: 'INSERT INTO q (p_id, name) VALUES (1, ?), (2, ?)', args: ['một', 'hai'] },
      { sql: 'SELECT * FROM p ORDER BY id' },
      { sql: 'SELECT p.id, p.name, q.id, q.name FROM p JOIN q ON q.p_id = p.id ORDER BY p.id' },
      { sql: "SELECT NULL AS empty, 0.5 AS half, 'x' || 'y' AS joined, 7 AS n" },
      { sql: 'UPDATE p SET score = score + 1 WHERE id IN (?, ?)', args: [1, 2] },
      { sql: 'INSERT INTO q (p_id, name) VALUES (3, ?) RETURNING id, name', args: ['ba'] },
      { sql: 'SELECT * FROM q WHERE id > 100' },
    ];
    // Each statement runs on one client and is read back through both.
    for (const [i, q] of queries.entries()) {
      const writer = i % 2 === 0 ? local : reference;
      const ran = await writer.execute(q as never);
      if (!q.sql.startsWith('SELECT')) continue;
      const other = writer === local ? reference : local;
      expect(observe(await other.execute(q as never))).toEqual(observe(ran));
    }
    const blob = (await local.execute('SELECT data FROM p WHERE id = 1')).rows[0]!.data as ArrayBuffer;
    expect([...new Uint8Array(blob)]).toEqual([1, 2, 3]);

    await reference.execute({ sql: 'INSERT INTO p (id, at) VALUES (99, ?)', args: [2n ** 60n] });
    for (const c of [local, reference]) await expect(c.execute('SELECT at FROM p WHERE id = 99')).rejects.toThrow(RangeError);
    for (const args of [[undefined], [Number.NaN]]) {
      expect(await failure(local.execute({ sql: 'SELECT ?', args: args as never }))).toEqual(await failure(reference.execute({ sql: 'SELECT ?', args: args as never })));
    }

    const dup = { sql: 'INSERT INTO p (id, name) VALUES (1, ?)', args: ['again'] };
    const [a, b] = [await failure(local.execute(dup)), await failure(reference.execute(dup))];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ name: 'LibsqlError', code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(await failure(local.execute('SELEC nothing'))).toEqual(await failure(reference.execute('SELEC nothing')));

    const batch = [{ sql: "INSERT INTO q (p_id, name) VALUES (1, 'kept?')" }, dup];
    const [la, ra] = [await failure(local.batch(batch)), await failure(reference.batch(batch))];
    expect(la).toEqual(ra);
    expect(la).toMatchObject({ name: 'LibsqlBatchError', statementIndex: 1 });
    expect((await local.execute("SELECT count(*) AS n FROM q WHERE name = 'kept?'")).rows[0]!.n).toBe(0);
    const results = await local.batch([{ sql: 'INSERT INTO q (p_id, name) VALUES (2, ?)', args: ['bốn'] }, 'SELECT count(*) AS n FROM q'], 'write');
    expect([results[0]!.rowsAffected, results[1]!.rows[0]!.n]).toEqual([1, 4]);
  } finally {
    local.close();
    reference.close();
  }
});

it('keeps an index-like column name to its index (SELECT 1)', async () => {
  const local = createLocalClient({ url: db.url });
  try {
    const row = (await local.execute('SELECT 10, 20 AS "0", 30 AS v')).rows[0]!;
    expect(Array.prototype.slice.call(row)).toEqual([10, 20, 30]);
    expect({ ...row }).toEqual({ v: 30 });
  } finally {
    local.close();
  }
});

it('says clearly what it does not do, and refuses work once closed', async () => {
  const local = createLocalClient({ url: db.url });
  await expect(local.transaction('write')).rejects.toThrow(/use db\.batch/);
  await expect(local.sync()).rejects.toThrow(LibsqlError);
  local.close();
  await expect(local.execute('SELECT 1')).rejects.toThrow(/closed/);
  expect(LibsqlBatchError).toBeDefined();
});
