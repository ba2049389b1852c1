// Statements whose SQL text and parameters are built by hand, for the inserts on the hot path of
// every inbound event. They run alone (`await`) or inside `db.batch` like any drizzle raw query.
//
// Why by hand: drizzle's `sql` builder spends 0.5–1 µs per bound value (measured here: 6–10 µs
// for one 12-column row, 50 µs with nested `sql.join`), more than SQLite needs to insert the
// row. Passing rows as one JSON parameter avoids the builder but makes SQLite parse the JSON
// again for every column it extracts (outbox: 24–28 µs per row against 13–16 µs with bound
// values, scripts/bench/webhook.ts profile). So the hot inserts use plain `VALUES (?, …), (?, …)`
// with a text built once per row count (the statement cache keeps it prepared).
import type { ResultSet, Row } from '@libsql/client';
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { SQLiteRaw } from 'drizzle-orm/sqlite-core/query-builders/raw';
import type { Db } from './client';

type Value = string | number | null;

export interface Prebuilt {
  sql: string;
  params: Value[];
}

/** SQLite's bound-parameter limit (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
export const MAX_BOUND_VALUES = 32766;

class PrebuiltRaw<T> extends SQLiteRaw<T> {
  constructor(
    private readonly query: Prebuilt,
    private readonly action: 'all' | 'run',
    execute: () => Promise<T>,
    dialect: SQLiteAsyncDialect,
  ) {
    super(execute, (): SQL => sql.raw(query.sql), action, dialect, (r: unknown) => (action === 'all' ? (r as ResultSet).rows : r));
  }

  override getQuery() {
    return { sql: this.query.sql, params: this.query.params, method: this.action };
  }
}

const dialectOf = (db: Db) => (db as unknown as { dialect: SQLiteAsyncDialect }).dialect;

/** Rows of a prebuilt statement (e.g. `INSERT … RETURNING`), as `db.all` would return them. */
export function prebuiltAll<T = Row>(db: Db, query: Prebuilt): SQLiteRaw<T[]> {
  const execute = async () => (await db.$client.execute({ sql: query.sql, args: query.params })).rows as unknown as T[];
  return new PrebuiltRaw<T[]>(query, 'all', execute, dialectOf(db));
}

/** A prebuilt statement run for its effect, as `db.run` would. */
export function prebuiltRun(db: Db, query: Prebuilt): SQLiteRaw<ResultSet> {
  const execute = () => db.$client.execute({ sql: query.sql, args: query.params });
  return new PrebuiltRaw<ResultSet>(query, 'run', execute, dialectOf(db));
}

/**
 * The SQL text `<head> VALUES (?, …), (?, …) <tail>` for a number of rows of `columns` values,
 * memoised by row count: the same text (and so the same prepared statement) comes back for the
 * same number of rows. `row` replaces the plain `(?, …)` of each row by expressions over bound
 * values; `columns` is then the number of `?` in it.
 */
export function valuesStatement(head: string, columns: number, tail: string, row = `(${Array(columns).fill('?').join(',')})`): (rows: number) => string {
  if ((row.match(/\?/g) ?? []).length !== columns) throw new Error(`valuesStatement: the row has ${(row.match(/\?/g) ?? []).length} bound values, not ${columns}`);
  const texts = new Map<number, string>();
  return (rows) => {
    if (rows < 1) throw new Error('valuesStatement: at least one row');
    if (rows * columns > MAX_BOUND_VALUES) throw new Error(`valuesStatement: ${rows} rows of ${columns} values exceed SQLite's ${MAX_BOUND_VALUES} bound values`);
    let text = texts.get(rows);
    if (text === undefined) {
      text = `${head} VALUES ${Array(rows).fill(row).join(',')} ${tail}`;
      texts.set(rows, text);
    }
    return text;
  };
}
