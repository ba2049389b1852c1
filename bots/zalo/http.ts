// One Zalo HTTP call with a hard deadline, turning every transport failure into a ZaloHttpError (shared by client.ts and oauth.ts).
import { HttpTransportError, parseJsonText, type HttpTransport } from '../http/transport';
import { ZaloHttpError } from './errors';

export interface ZaloHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Path used in error messages (no host, no query: the query may hold a user id). */
  endpoint: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  data?: unknown;
  timeoutMs: number;
}

export interface ZaloHttpResponse {
  status: number;
  /** The answer parsed as JSON, or its raw text when it is not JSON. */
  data: unknown;
  headers: Record<string, string>;
}

/** Retry-After is seconds or an HTTP date; we only honour the seconds form (Zalo documents neither). */
function retryAfterMs(headers: Record<string, string>): number | undefined {
  const raw = headers['retry-after'];
  if (raw === undefined) return undefined;
  const secs = Number(raw);
  return Number.isFinite(secs) && secs >= 0 ? Math.round(secs * 1000) : undefined;
}

/**
 * Makes the call and returns any HTTP 2xx answer; throws ZaloHttpError for a network error,
 * a time-out (whole request, not just socket idle) or a non-2xx status. The errors are built
 * from scratch and never carry the request (its headers hold access_token or secret_key).
 */
export async function zaloHttp(http: HttpTransport, req: ZaloHttpRequest): Promise<ZaloHttpResponse> {
  const url = req.params ? `${req.url}?${new URLSearchParams(req.params).toString()}` : req.url;
  const body = req.data === undefined ? undefined : typeof req.data === 'string' ? req.data : JSON.stringify(req.data);
  let res;
  try {
    res = await http({ method: req.method, url, ...(req.headers ? { headers: req.headers } : {}), ...(body === undefined ? {} : { body }), timeoutMs: req.timeoutMs });
  } catch (err) {
    const timedOut = err instanceof HttpTransportError && err.timedOut;
    const code = err instanceof HttpTransportError ? err.code : undefined;
    throw new ZaloHttpError({
      endpoint: req.endpoint,
      timedOut,
      ...(timedOut || code === undefined ? {} : { networkCode: code }),
    });
  }
  if (res.status < 200 || res.status >= 300) {
    const after = retryAfterMs(res.headers);
    throw new ZaloHttpError({
      endpoint: req.endpoint,
      status: res.status,
      ...(after === undefined ? {} : { retryAfterMs: after }),
    });
  }
  return { status: res.status, data: parseJsonText(res.text) ?? res.text, headers: res.headers };
}

/** Reads Zalo's `error` field, which is a number but is coerced in case a proxy or old endpoint sends a string. */
export function readZaloErrorCode(body: unknown): number | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const raw = (body as Record<string, unknown>).error;
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) return Number(raw);
  return undefined;
}

export function readZaloMessage(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const rec = body as Record<string, unknown>;
  for (const key of ['message', 'error_description', 'error_reason', 'error_name']) {
    const v = rec[key];
    if (typeof v === 'string' && v) return v.slice(0, 200);
  }
  return '';
}
