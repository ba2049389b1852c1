// A test-only libSQL server: the Hrana v2 JSON protocol over HTTP (`POST /v2/pipeline`) on
// 127.0.0.1, on top of the embedded `libsql` package. No real sqld is installable here
// (docs/workers.md), and @libsql/client, drizzle-kit and the Worker only need this much of it:
// execute, batch (with conditions), sequence, describe-less store_sql/close_sql, get_autocommit,
// close, and batons for interactive transactions. Not for production: no limits, no v3/cursors.
//
// Concurrency model: one SQLite connection. A stream that leaves a transaction open between two
// HTTP requests (a baton) owns the connection until it commits, rolls back, closes or expires;
// requests of other streams wait for it (they never interleave inside someone's transaction, and
// nothing busy-waits, which would block the event loop: pitfalls §4).
import Database from 'libsql';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

type HranaValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

interface HranaStmt {
  sql?: string;
  sql_id?: number;
  args?: HranaValue[];
  named_args?: { name: string; value: HranaValue }[];
  want_rows?: boolean;
}

type HranaCond =
  | { type: 'ok'; step: number }
  | { type: 'error'; step: number }
  | { type: 'not'; cond: HranaCond }
  | { type: 'and'; conds: HranaCond[] }
  | { type: 'or'; conds: HranaCond[] }
  | { type: 'is_autocommit' };

type HranaRequest =
  | { type: 'execute'; stmt: HranaStmt }
  | { type: 'batch'; batch: { steps: { condition?: HranaCond | null; stmt: HranaStmt }[] } }
  | { type: 'sequence'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' }
  | { type: 'close' };

interface StmtResult {
  cols: { name: string; decltype: string | null }[];
  rows: HranaValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

interface HranaError {
  message: string;
  code: string;
}

interface Stream {
  id: string;
  sqls: Map<number, string>;
  expiry?: ReturnType<typeof setTimeout>;
}

export interface HranaServerOptions {
  /** Database file (default: in memory, gone when closed). */
  path?: string;
  /** When set, requests must carry `Authorization: Bearer <authToken>` (as Turso's do). */
  authToken?: string;
  /** An open transaction left idle this long is rolled back and its baton forgotten (default 10 s). */
  batonTimeoutMs?: number;
}

export interface HranaServer {
  /** `http://127.0.0.1:<port>`: use as DATABASE_URL. */
  url: string;
  /** The embedded database, for direct inspection in tests. */
  db: Database.Database;
  /** HTTP pipeline requests served (a measure of round trips). */
  requests(): number;
  close(): Promise<void>;
}

class ProtoError extends Error {}

function toJs(v: HranaValue | undefined): unknown {
  if (!v || v.type === 'null') return null;
  switch (v.type) {
    case 'integer':
      return BigInt(v.value);
    case 'float':
      return v.value;
    case 'text':
      return v.value;
    case 'blob':
      return Buffer.from(v.base64, 'base64');
    default:
      throw new ProtoError(`unknown value type ${(v as { type: string }).type}`);
  }
}

function toHrana(v: unknown): HranaValue {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() };
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v).toString('base64') };
  return { type: 'text', value: String(v) };
}

function errorOf(err: unknown): HranaError {
  const e = err as { message?: string; code?: string };
  return { message: e?.message ?? String(err), code: typeof e?.code === 'string' ? e.code : 'SQLITE_ERROR' };
}

export async function startHranaServer(opts: HranaServerOptions = {}): Promise<HranaServer> {
  const db = new Database(opts.path ?? ':memory:');
  if (opts.path) db.exec('PRAGMA journal_mode=WAL');
  const batonTimeoutMs = opts.batonTimeoutMs ?? 10_000;
  const streams = new Map<string, Stream>(); // by current baton
  let owner: Stream | null = null; // the stream whose transaction is open
  let waiters: (() => void)[] = [];
  let served = 0;

  const release = () => {
    owner = null;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };

  async function acquire(stream: Stream) {
    while (owner && owner !== stream) await new Promise<void>((resolve) => waiters.push(resolve));
  }

  function sqlOf(stream: Stream, s: { sql?: string; sql_id?: number }): string {
    if (typeof s.sql === 'string') return s.sql;
    if (typeof s.sql_id === 'number') {
      const text = stream.sqls.get(s.sql_id);
      if (text === undefined) throw new ProtoError(`SQL text ${s.sql_id} not found`);
      return text;
    }
    throw new ProtoError('statement has neither sql nor sql_id');
  }

  function execute(stream: Stream, s: HranaStmt): StmtResult {
    const stmt = db.prepare(sqlOf(stream, s));
    let bind: unknown[] | Record<string, unknown>;
    if (s.named_args && s.named_args.length > 0) {
      const named: Record<string, unknown> = {};
      for (const a of s.named_args) named[a.name.replace(/^[:@$]/, '')] = toJs(a.value);
      bind = named;
    } else {
      bind = (s.args ?? []).map(toJs);
    }
    const args = Array.isArray(bind) ? bind : [bind];
    if (stmt.reader) {
      stmt.raw(true).safeIntegers(true);
      const rows = stmt.all(...args) as unknown[][];
      const readonly = stmt.readonly;
      const changes = readonly ? null : (db.prepare('SELECT changes(), last_insert_rowid()').raw(true).safeIntegers(true).get() as bigint[]);
      return {
        cols: stmt.columns().map((c) => ({ name: c.name, decltype: c.type ?? null })),
        rows: s.want_rows === false ? [] : rows.map((r) => r.map(toHrana)),
        affected_row_count: changes ? Number(changes[0]) : 0,
        last_insert_rowid: changes ? String(changes[1]) : null,
      };
    }
    const r = stmt.run(...args);
    return { cols: [], rows: [], affected_row_count: r.changes, last_insert_rowid: String(r.lastInsertRowid) };
  }

  function cond(c: HranaCond | null | undefined, results: (StmtResult | null)[], errors: (HranaError | null)[]): boolean {
    if (!c) return true;
    switch (c.type) {
      case 'ok':
        return results[c.step] != null;
      case 'error':
        return errors[c.step] != null;
      case 'not':
        return !cond(c.cond, results, errors);
      case 'and':
        return c.conds.every((x) => cond(x, results, errors));
      case 'or':
        return c.conds.some((x) => cond(x, results, errors));
      case 'is_autocommit':
        return !db.inTransaction;
      default:
        throw new ProtoError(`unknown condition ${(c as { type: string }).type}`);
    }
  }

  function handle(stream: Stream, req: HranaRequest): { response: Record<string, unknown>; closed?: boolean } {
    switch (req.type) {
      case 'execute':
        return { response: { type: 'execute', result: execute(stream, req.stmt) } };
      case 'batch': {
        const results: (StmtResult | null)[] = [];
        const errors: (HranaError | null)[] = [];
        req.batch.steps.forEach((step, i) => {
          results[i] = null;
          errors[i] = null;
          if (!cond(step.condition, results, errors)) return;
          try {
            results[i] = execute(stream, step.stmt);
          } catch (err) {
            errors[i] = errorOf(err);
          }
        });
        return { response: { type: 'batch', result: { step_results: results, step_errors: errors } } };
      }
      case 'sequence':
        db.exec(sqlOf(stream, req));
        return { response: { type: 'sequence' } };
      case 'store_sql':
        stream.sqls.set(req.sql_id, req.sql);
        return { response: { type: 'store_sql' } };
      case 'close_sql':
        stream.sqls.delete(req.sql_id);
        return { response: { type: 'close_sql' } };
      case 'get_autocommit':
        return { response: { type: 'get_autocommit', is_autocommit: !db.inTransaction } };
      case 'close':
        return { response: { type: 'close' }, closed: true };
      default:
        throw new ProtoError(`unknown request ${(req as { type: string }).type}`);
    }
  }

  function endStream(stream: Stream) {
    if (stream.expiry) clearTimeout(stream.expiry);
    if (owner === stream) {
      if (db.inTransaction) db.exec('ROLLBACK');
      release();
    }
  }

  async function pipeline(body: { baton?: string | null; requests: HranaRequest[] }) {
    let stream: Stream;
    if (body.baton) {
      const s = streams.get(body.baton);
      if (!s) throw Object.assign(new ProtoError('unknown or expired baton'), { status: 400 });
      streams.delete(body.baton);
      if (s.expiry) clearTimeout(s.expiry);
      stream = s;
    } else {
      stream = { id: randomBytes(8).toString('hex'), sqls: new Map() };
    }
    await acquire(stream);
    const results: Record<string, unknown>[] = [];
    let closed = false;
    for (const req of body.requests) {
      if (closed) {
        results.push({ type: 'error', error: { message: 'stream is closed', code: 'STREAM_CLOSED' } });
        continue;
      }
      try {
        const out = handle(stream, req);
        results.push({ type: 'ok', response: out.response });
        if (out.closed) closed = true;
      } catch (err) {
        results.push({ type: 'error', error: errorOf(err) });
      }
    }
    if (closed) {
      endStream(stream);
      return { baton: null, base_url: null, results };
    }
    if (db.inTransaction) owner = stream;
    else if (owner === stream || owner === null) release();
    const baton = `${stream.id}.${randomBytes(8).toString('hex')}`;
    streams.set(baton, stream);
    stream.expiry = setTimeout(() => {
      streams.delete(baton);
      endStream(stream);
    }, batonTimeoutMs);
    stream.expiry.unref();
    return { baton, base_url: null, results };
  }

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const body = await readBody(req);
      if (opts.authToken && req.headers.authorization !== `Bearer ${opts.authToken}`) {
        return send(res, 401, { message: 'Unauthorized: missing or wrong auth token', code: 'UNAUTHORIZED' });
      }
      if (req.method === 'GET' && (path === '/v2' || path === '/health')) return send(res, 200, {});
      if (req.method !== 'POST' || path !== '/v2/pipeline') return send(res, 404, { message: `no route ${req.method} ${path}` });
      served++;
      try {
        send(res, 200, await pipeline(JSON.parse(body) as { baton?: string; requests: HranaRequest[] }));
      } catch (err) {
        const status = (err as { status?: number }).status ?? 400;
        send(res, status, { message: err instanceof Error ? err.message : String(err) });
      }
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { message: err instanceof Error ? err.message : String(err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    db,
    requests: () => served,
    async close() {
      for (const s of new Set(streams.values())) endStream(s);
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
