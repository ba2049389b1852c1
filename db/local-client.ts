// The libSQL client for local files on Node: the `libsql` engine driven directly, behind the
// @libsql/client `Client` interface that drizzle and our scripts use. Remote URLs (Turso,
// libsql://, http(s)://) still go through @libsql/client, and Workers never load this module
// (package.json `imports`: #local-client).
//
// Why our own: @libsql/client's local client costs more than SQLite itself on Loa's hot path.
// Measured here on the inbound identity lookup (17 columns): 19–35 µs per returned row through
// @libsql/client against 6–7 µs through the engine. It defines two properties per column of every
// row, prepares every statement anew (132 µs here) and reads its columns twice (45 µs each).
// This client keeps prepared statements by SQL text (least recently used out beyond 256; schema
// changes empty the cache), learns each statement's columns once, and builds rows from one class
// per column list. Rows and errors are those of @libsql/client: values by index and by name
// (first column of a name wins), non-enumerable `length` and indices, integers as numbers (a
// RangeError beyond 2^53), blobs as ArrayBuffer, SqliteError mapped to LibsqlError.
//
// Not supported, and said so: interactive transactions (`transaction()`: Loa writes with
// db.batch, see db/client.ts), embedded-replica sync, encryption.
import Database from 'libsql';
import { LibsqlBatchError, LibsqlError, type Client, type InArgs, type InStatement, type InValue, type ResultSet, type Row, type TransactionMode } from '@libsql/client';
import { expandConfig } from '@libsql/core/config';
import { ResultSetImpl, transactionModeToBegin } from '@libsql/core/util';

const MAX_STATEMENTS = 256;
/** Longer SQL (a VALUES list of hundreds of rows) is prepared each time, not kept. */
const MAX_CACHED_SQL = 16_384;
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

type EngineValue = null | string | number | bigint | Buffer;

interface EngineStatement {
  reader: boolean;
  raw(on?: boolean): EngineStatement;
  safeIntegers(on?: boolean): EngineStatement;
  columns(): { name: string; type: string | null }[];
  all(args: unknown): EngineValue[][];
  run(args: unknown): { changes: number; lastInsertRowid: number | bigint };
}

interface EngineDatabase {
  prepare(sql: string): EngineStatement;
  exec(sql: string): void;
  close(): void;
  inTransaction: boolean;
}

interface Prepared {
  stmt: EngineStatement;
  /** Null for a statement that returns no rows. */
  shape: RowShape | null;
}

interface RowShape {
  columns: string[];
  columnTypes: string[];
  make: (values: InValue[]) => Row;
}

export interface LocalClientStats {
  hits: number;
  misses: number;
}

export interface LocalClientConfig {
  url: string;
  /** Busy timeout in milliseconds. */
  timeout?: number;
}

export function createLocalClient(cfg: LocalClientConfig): Client & { stats(): LocalClientStats } {
  const expanded = expandConfig({ url: cfg.url }, true);
  if (expanded.scheme !== 'file') throw new LibsqlError(`Not a file: URL (${expanded.scheme}:)`, 'URL_SCHEME_NOT_SUPPORTED');
  if (expanded.authority?.host && expanded.authority.host.toLowerCase() !== 'localhost') {
    throw new LibsqlError('A "file:" URL with an absolute path starts with one slash ("file:/path.db") or three ("file:///path.db")', 'URL_INVALID');
  }
  const db = new Database(expanded.path, { timeout: cfg.timeout ?? 5000 }) as unknown as EngineDatabase;
  return new LocalClient(db);
}

class LocalClient implements Client {
  closed = false;
  readonly protocol = 'file';
  readonly #db: EngineDatabase;
  readonly #cache = new Map<string, Prepared>();
  readonly #stats: LocalClientStats = { hits: 0, misses: 0 };

  constructor(db: EngineDatabase) {
    this.#db = db;
  }

  stats(): LocalClientStats {
    return { ...this.#stats };
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    this.#open();
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return this.#run(stmt);
  }

  async batch(stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    this.#open();
    return this.#inTransaction(transactionModeToBegin(mode), stmts.map((s) => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s)));
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#open();
    this.#run('PRAGMA foreign_keys=off');
    try {
      return this.#inTransaction('BEGIN DEFERRED', stmts);
    } finally {
      this.#run('PRAGMA foreign_keys=on');
    }
  }

  transaction(): Promise<never> {
    return Promise.reject(new LibsqlError('Interactive transactions are not supported on the local client: use db.batch()', 'TRANSACTION_UNSUPPORTED'));
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#open();
    this.#cache.clear(); // it may change the schema
    try {
      this.#db.exec(sql);
    } catch (e) {
      throw mapError(e);
    } finally {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
    }
  }

  sync(): Promise<never> {
    return Promise.reject(new LibsqlError('sync() is for embedded replicas, which the local client does not support', 'SYNC_NOT_SUPPORTED'));
  }

  reconnect(): void {
    throw new LibsqlError('reconnect() is not supported on the local client', 'RECONNECT_NOT_SUPPORTED');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#cache.clear();
    this.#db.close();
  }

  #open(): void {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }

  /** BEGIN, every statement, COMMIT; a failure rolls back and names the statement. */
  #inTransaction(begin: string, stmts: InStatement[]): ResultSet[] {
    this.#run(begin);
    try {
      const results: ResultSet[] = [];
      for (let i = 0; i < stmts.length; i++) {
        try {
          results.push(this.#run(stmts[i]!));
        } catch (e) {
          const err = e instanceof LibsqlError ? e : mapError(e);
          if (err instanceof LibsqlError) throw new LibsqlBatchError(err.message, i, err.code, err.extendedCode, err.rawCode, err.cause instanceof Error ? err.cause : undefined);
          throw err;
        }
      }
      this.#run('COMMIT');
      return results;
    } finally {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
    }
  }

  #run(stmt: InStatement): ResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = typeof stmt === 'string' ? [] : bindable(stmt.args);
    const p = this.#prepare(sql);
    try {
      if (p.shape) {
        const { columns, columnTypes, make } = p.shape;
        const raw = p.stmt.all(args);
        const rows = new Array<Row>(raw.length);
        for (let i = 0; i < raw.length; i++) rows[i] = make(fromEngine(raw[i]!));
        return new ResultSetImpl(columns, columnTypes, rows, 0, undefined);
      }
      const info = p.stmt.run(args);
      return new ResultSetImpl([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (e) {
      throw mapError(e);
    }
  }

  #prepare(sql: string): Prepared {
    const hit = this.#cache.get(sql);
    if (hit) {
      this.#stats.hits++;
      this.#cache.delete(sql); // most recently used last
      this.#cache.set(sql, hit);
      return hit;
    }
    this.#stats.misses++;
    let stmt: EngineStatement;
    try {
      stmt = this.#db.prepare(sql);
    } catch (e) {
      throw mapError(e);
    }
    stmt.safeIntegers(true);
    let shape: RowShape | null = null;
    if (stmt.reader) {
      stmt.raw(true);
      const cols = stmt.columns();
      shape = rowShape(
        cols.map((c) => c.name),
        cols.map((c) => c.type ?? ''),
      );
    }
    const prepared = { stmt, shape };
    if (SCHEMA_CHANGE.test(sql)) this.#cache.clear();
    else if (sql.length <= MAX_CACHED_SQL) {
      this.#cache.set(sql, prepared);
      if (this.#cache.size > MAX_STATEMENTS) this.#cache.delete(this.#cache.keys().next().value!);
    }
    return prepared;
  }
}

const MIN_INTEGER = -9223372036854775808n;
const MAX_INTEGER = 9223372036854775807n;

function toEngine(value: InValue | undefined | boolean | Date | ArrayBuffer): EngineValue | Uint8Array {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
      return value;
    case 'bigint':
      if (value < MIN_INTEGER || value > MAX_INTEGER) throw new RangeError('bigint is too large to be represented as a 64-bit integer and passed as argument');
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'undefined':
      throw new TypeError('undefined cannot be passed as argument to the database');
  }
  if (value === null || value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  return value as never;
}

function bindable(args: InArgs | undefined): unknown {
  if (args === undefined) return [];
  if (Array.isArray(args)) {
    const out = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) out[i] = toEngine(args[i]);
    return out;
  }
  const named: Record<string, unknown> = {};
  for (const name in args) {
    const key = name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.slice(1) : name;
    named[key] = toEngine((args as Record<string, InValue>)[name]);
  }
  return named;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function fromEngine(values: EngineValue[]): InValue[] {
  const out = values as unknown as InValue[];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'bigint') {
      if (v < MIN_SAFE || v > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
      out[i] = Number(v);
    } else if (v instanceof Buffer) {
      out[i] = v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer;
    }
  }
  return out;
}

/**
 * Rows of one column list: a class whose instances carry the values by name (own, enumerable:
 * spread and JSON see the columns) and by index (prototype getters over a private array, with
 * `length`), as @libsql/client's rows do.
 */
function rowShape(columns: string[], columnTypes: string[]): RowShape {
  // A name that looks like an index (`SELECT 1`) is left to the index: a property by that name
  // would hide the value at that index (@libsql/client garbles such rows in its own way).
  const named: [name: string, index: number][] = [];
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    if (!seen.has(name) && !/^\d+$/.test(name)) {
      seen.add(name);
      named.push([name, i]);
    }
  });
  class LocalRow {
    readonly #values: InValue[];
    constructor(values: InValue[]) {
      this.#values = values;
      const self = this as unknown as Record<string, InValue>;
      for (const [name, i] of named) self[name] = values[i]!;
    }
    static valueAt(row: LocalRow, i: number): InValue | undefined {
      return row.#values[i];
    }
  }
  for (let i = 0; i < columns.length; i++) {
    Object.defineProperty(LocalRow.prototype, i, {
      get(this: LocalRow) {
        return LocalRow.valueAt(this, i);
      },
    });
  }
  Object.defineProperty(LocalRow.prototype, 'length', { value: columns.length });
  return { columns, columnTypes, make: (values) => new LocalRow(values) as unknown as Row };
}

const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  24: 'SQLITE_FORMAT',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE',
  28: 'SQLITE_WARNING',
};

/** The engine's SqliteError as @libsql/client reports it (code = base code, extendedCode = the engine's). */
function mapError(e: unknown): unknown {
  if (e instanceof (Database as unknown as { SqliteError: new () => Error }).SqliteError) {
    const err = e as Error & { code?: string; rawCode?: number };
    const code = err.rawCode === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[err.rawCode & 0xff] ?? `SQLITE_UNKNOWN_${err.rawCode & 0xff}`);
    return new LibsqlError(err.message, code, err.code, err.rawCode, err);
  }
  return e;
}
