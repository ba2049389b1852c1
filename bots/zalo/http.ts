// One axios call with a hard deadline, turning every transport failure into a ZaloHttpError (shared by client.ts and oauth.ts).
import axios, { type AxiosInstance, type Method } from 'axios';
import { ZaloHttpError } from './errors';

export interface ZaloHttpRequest {
  method: Method;
  url: string;
  /** Path used in error messages (no host, no query: the query may hold a user id). */
  endpoint: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  data?: unknown;
  timeoutMs: number;
}

export interface ZaloHttpResponse {
  status: number;
  data: unknown;
  headers: Record<string, unknown>;
}

/** Retry-After is seconds or an HTTP date; we only honour the seconds form (Zalo documents neither). */
function retryAfterMs(headers: Record<string, unknown>): number | undefined {
  const raw = headers['retry-after'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const secs = Number(raw);
  return Number.isFinite(secs) && secs >= 0 ? Math.round(secs * 1000) : undefined;
}

// Errors are rebuilt from scratch: an AxiosError keeps the request config (access_token, secret_key headers), so it must never escape.

/**
 * Makes the call and returns any HTTP 2xx answer; throws ZaloHttpError for a network error,
 * a time-out (whole request, not just socket idle) or a non-2xx status.
 */
export async function zaloHttp(http: AxiosInstance, req: ZaloHttpRequest): Promise<ZaloHttpResponse> {
  const deadline = AbortSignal.timeout(req.timeoutMs);
  let res;
  try {
    res = await http.request({
      method: req.method,
      url: req.url,
      headers: req.headers,
      params: req.params,
      data: req.data,
      timeout: req.timeoutMs,
      signal: deadline,
      // Status handling is ours: Zalo reports most errors inside HTTP 200 bodies.
      validateStatus: () => true,
      // No redirects: a redirect would resend our token header to another host.
      maxRedirects: 0,
    });
  } catch (err) {
    const code = axios.isAxiosError(err) ? err.code : undefined;
    const timedOut = deadline.aborted || code === 'ECONNABORTED' || code === 'ETIMEDOUT';
    throw new ZaloHttpError({
      endpoint: req.endpoint,
      timedOut,
      ...(timedOut || code === undefined ? {} : { networkCode: code }),
    });
  }
  const headers = (res.headers ?? {}) as Record<string, unknown>;
  if (res.status < 200 || res.status >= 300) {
    const after = retryAfterMs(headers);
    throw new ZaloHttpError({
      endpoint: req.endpoint,
      status: res.status,
      ...(after === undefined ? {} : { retryAfterMs: after }),
    });
  }
  return { status: res.status, data: res.data as unknown, headers };
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
