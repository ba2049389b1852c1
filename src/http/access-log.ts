// One access-log line per request (SPEC §9: method, route, status, time, request id; no bodies)
// and the request metrics, around the app's fetch (not as hono middleware: that would put every
// request through hono's compose chain, see src/http/edge.ts). The route is the path with its ids,
// dates and tokens replaced by placeholders, never the query string (sign-in and download links
// carry tokens there or in the path).
import type { Logger } from '../core/logger';
import type { Metrics, WebhookOutcome } from '../core/metrics';
import type { Platform } from '../core/types';
import { requestIds } from './answer';

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

const TOKEN_AFTER = new Set(['downloads', 'login']);
const MAX_ROUTE = 120;

/** `/api/articles/42` → `/api/articles/:id`; `/downloads/<token>/x.csv` → `/downloads/:token/:file`. */
export function routeOf(pathname: string): string {
  const parts = pathname.split('/');
  let out = '';
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    let seg: string;
    if (i > 1 && TOKEN_AFTER.has(parts[i - 1]!)) seg = ':token';
    else if (i > 2 && TOKEN_AFTER.has(parts[i - 2]!)) seg = ':file';
    else if (/^\d+$/.test(p)) seg = ':id';
    else if (/^\d{4}-\d{2}-\d{2}$/.test(p)) seg = ':date';
    else if (p.length > 40 || /[^\w.-]/.test(p) || (p.length >= 16 && /\d/.test(p) && /[A-Za-z]/.test(p))) seg = ':value';
    else seg = p;
    out += `/${seg}`;
    if (out.length > MAX_ROUTE) return `${out.slice(0, MAX_ROUTE)}…`;
  }
  return out || '/';
}

function webhookOutcome(status: number): WebhookOutcome {
  if (status < 300) return 'accepted';
  if (status === 401) return 'rejected';
  if (status === 413) return 'too_large';
  if (status === 404) return 'disabled';
  if (status < 500) return 'invalid';
  return 'error';
}

/** Routes that answer without making an id (console pages): the caller's well-formed id, else a new one. */
function idFor(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given !== null && /^[\w\-=]{1,255}$/.test(given) ? given : crypto.randomUUID();
}

function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const q = url.indexOf('?', start);
  return q < 0 ? url.slice(start) : url.slice(start, q);
}

export function withAccessLog<F extends Fetch>(fetch: F, deps: { log: Logger; metrics?: Metrics }): F {
  const { log, metrics } = deps;
  const wrapped = (request: Request, ...rest: never[]) => {
    const started = performance.now();
    const done = (res: Response) => {
      const seconds = (performance.now() - started) / 1000;
      const path = pathOf(request.url);
      const route = routeOf(path);
      const status = res.status;
      if (path === '/webhooks/telegram' || path === '/webhooks/zalo') {
        metrics?.webhook(path.slice(10) as Platform, webhookOutcome(status));
      }
      // Unmatched paths are whatever a scanner sends: one label for all of them.
      metrics?.request(request.method, status === 404 ? 'unmatched' : route, status, seconds);
      log.info('http', {
        method: request.method,
        route,
        status,
        ms: Math.round(seconds * 10000) / 10,
        requestId: requestIds.get(request) ?? idFor(request),
      });
      return res;
    };
    const res = fetch(request, ...rest);
    return res instanceof Promise ? res.then(done) : done(res);
  };
  return wrapped as F;
}
