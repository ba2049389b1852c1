// A prepared-statement cache for local libSQL files (Node only; Workers get ./no-statement-cache).
//
// Why: @libsql/client prepares every statement anew and asks it for its columns twice per call,
// and has no option to keep them. Measured in `npm run bench` (local file): 132 µs per prepare
// and 45 µs per columns() call, 0.9 s of the 2.4 s spent in libSQL for 12,000 webhooks. The
// client drives the `libsql` engine's Database; its prepare() gets a per-connection cache of
// statements by SQL text (least recently used out beyond 256), each remembering its columns and
// whether it returns rows. Statements are safe to reuse: the client runs each one to the end
// synchronously, and the engine resets a statement before binding. Schema changes (CREATE,
// ALTER, DROP) are not cached and empty the cache of the connection that makes them. A migration
// run by another process while the server runs is not seen by a cached `SELECT *`'s column list:
// restart the server after `npm run db:migrate` (Loa's own queries name their columns).
import Database from 'libsql';

const MAX_STATEMENTS = 256;
/** Longer SQL is a one-off (a multi-row VALUES list): not worth keeping. */
const MAX_SQL_LENGTH = 4096;
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

interface EngineStatement {
  columns(): unknown[];
  raw(on?: boolean): unknown;
  reader: boolean;
}

let installed = false;
const stats = { hits: 0, misses: 0 };

/** How often prepare() was answered from the cache (tests check the client really goes through it). */
export function statementCacheStats(): { hits: number; misses: number } {
  return { ...stats };
}

export function installStatementCache(): void {
  if (installed) return;
  installed = true;
  const proto = Database.prototype as unknown as { prepare(this: object, sql: string): EngineStatement };
  const prepare = proto.prepare;
  const caches = new WeakMap<object, Map<string, EngineStatement>>();

  proto.prepare = function (this: object, sql: string): EngineStatement {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    const hit = cache.get(sql);
    if (hit) {
      stats.hits++;
      cache.delete(sql); // re-insert: most recently used last
      cache.set(sql, hit);
      return hit;
    }
    stats.misses++;
    const stmt = prepare.call(this, sql);
    if (SCHEMA_CHANGE.test(sql)) {
      cache.clear();
      return stmt;
    }
    if (sql.length > MAX_SQL_LENGTH) return stmt;
    memoise(stmt);
    cache.set(sql, stmt);
    if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    return stmt;
  };

  /** columns() once per statement; raw() of a statement without rows fails fast, as the engine's does. */
  function memoise(stmt: EngineStatement) {
    const columns = stmt.columns.bind(stmt);
    const raw = stmt.raw.bind(stmt);
    let cols: unknown[] | undefined;
    let reader: boolean | undefined;
    stmt.columns = () => (cols ??= columns());
    stmt.raw = (on?: boolean) => {
      reader ??= stmt.reader;
      if (!reader) throw new TypeError('The raw() method is only for statements that return data');
      return raw(on);
    };
  }
}
