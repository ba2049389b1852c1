// A tiny structured logger port. Never pass names, phone numbers, message texts or tokens to it.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** JSON lines to a sink (console by default). */
export function createLogger(level: LogLevel = 'info', sink: (line: string) => void = (l) => console.log(l)): Logger {
  const at = ORDER[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < at) return;
    sink(JSON.stringify({ level: lvl, time: new Date().toISOString(), msg, ...fields }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = createLogger('silent');

/** What an error may say in a log line: its name and (our own) message, never a payload. */
export function errorFields(err: unknown): LogFields {
  if (err instanceof Error) return { error: err.name, detail: safeErrorMessage(err).slice(0, 300) };
  return { error: typeof err };
}

/**
 * An error's message without the values it may carry: drizzle's query errors append the bound
 * parameters ("Failed query: … params: …"), which can be names, phone numbers or other people's
 * ids. Those give the driver's own message (its cause) instead, and anything after "params:" goes.
 */
export function safeErrorMessage(err: Error): string {
  let message = err.message;
  if (message.startsWith('Failed query:')) {
    const cause = (err as { cause?: unknown }).cause;
    message = cause instanceof Error ? `${cause.name}: ${cause.message}` : 'query failed';
  }
  const cut = message.search(/\bparams:/);
  return cut >= 0 ? message.slice(0, cut).trimEnd() : message;
}
