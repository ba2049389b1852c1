// One line an operator can act on, for the errors an operator can cause (SPEC §9): a busy port,
// an unreachable, locked or unreadable database, a bad token. Never a stack trace or SQL text.

interface ErrLike {
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  port?: unknown;
}

/** The error and its causes (drizzle wraps the driver's error as `cause`). */
function chain(err: unknown): ErrLike[] {
  const out: ErrLike[] = [];
  let e: unknown = err;
  for (let i = 0; i < 8 && e && typeof e === 'object'; i++) {
    out.push(e as ErrLike);
    e = (e as ErrLike).cause;
  }
  return out;
}

const text = (e: ErrLike) => `${typeof e.code === 'string' ? e.code : ''} ${typeof e.message === 'string' ? e.message : ''}`;

/** An error whose message is already the one line for the operator (shown as it is). */
export class OperatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorError';
  }
}

export interface OperatorContext {
  port?: number;
  host?: string;
  databaseUrl?: string;
}

/** A one-line explanation with what to do; the original message only when it is safe to show. */
export function operatorMessage(err: unknown, ctx: OperatorContext = {}): string {
  if (err instanceof OperatorError) return err.message;
  const all = chain(err);
  const joined = all.map(text).join(' | ');
  const db = ctx.databaseUrl ? ` (${redactUrl(ctx.databaseUrl)})` : '';
  if (/EADDRINUSE/.test(joined)) {
    return `port ${ctx.port ?? ''} on ${ctx.host ?? 'this host'} is already in use: stop the other program or set PORT to a free port.`.replace('port  on', 'the port on');
  }
  if (/EACCES/.test(joined) && /listen/i.test(joined)) return `not allowed to listen on port ${ctx.port ?? ''}: use a PORT above 1024 or run with the needed rights.`;
  if (/SQLITE_BUSY|database is locked/i.test(joined)) {
    return `the database${db} is locked by another program (another Loa, a backup or a sqlite3 shell holding a write): stop it and start again.`;
  }
  if (/EACCES|EPERM|EROFS|ENOTDIR|EEXIST/.test(joined) && /mkdir|open/i.test(joined)) {
    return `cannot create the database file${db}: check that DATABASE_URL points to a folder the server can write.`;
  }
  if (/SQLITE_CANTOPEN|unable to open database/i.test(joined)) {
    return `cannot open the database file${db}: check that DATABASE_URL points to a writable folder.`;
  }
  if (/SQLITE_NOTADB|file is not a database|SQLITE_CORRUPT|malformed/i.test(joined)) {
    return `the file at DATABASE_URL${db} is not a readable SQLite database: restore a backup (npm run db:restore <file>) or point DATABASE_URL elsewhere.`;
  }
  if (/SQLITE_READONLY|readonly database/i.test(joined)) return `the database${db} is read-only: give the server user write access to the file and its folder.`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|fetch failed|getaddrinfo|socket hang up/i.test(joined)) {
    return `cannot reach the database server${db}: check DATABASE_URL and that the server is running and reachable.`;
  }
  const remote = ctx.databaseUrl !== undefined && !ctx.databaseUrl.startsWith('file:');
  if (/\b401\b|\b403\b|unauthori[sz]ed|forbidden|invalid token|JWT/i.test(joined) && (remote || /libsql|hrana|SERVER_ERROR|HTTP status/i.test(joined))) {
    return `the database server${db} refused the credentials: check DATABASE_AUTH_TOKEN.`;
  }
  if (/ENOSPC/.test(joined)) return 'the disk is full: free some space and start again.';
  // Unknown: the innermost message, stripped of SQL (drizzle's "Failed query: ...").
  const inner = all.at(-1);
  const msg = typeof inner?.message === 'string' ? inner.message : String(err);
  return stripSql(msg);
}

export function stripSql(message: string): string {
  const first = message.split('\n')[0]!;
  if (/^Failed query:/i.test(first)) return 'a database statement failed (run with LOG_LEVEL=debug for details).';
  return first.replace(/\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA)\b[\s\S]*$/i, '').trim() || 'unexpected error';
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@').split('?')[0]!;
}
