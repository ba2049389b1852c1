// The headers every console page carries (SPEC §7) and the Origin check of every POST.
import type { Context } from 'hono';
import type { Env } from '../config/env';
import { publicBaseUrl } from './auth';

/** No inline script at all: script-src 'self' (the console needs none to work). */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function setSecurityHeaders(c: Context): void {
  c.header('Content-Security-Policy', CONSOLE_CSP);
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
}

/**
 * A state change must come from a console page. Its Origin is PUBLIC_URL's origin or this
 * server's own (as the browser addressed it). Under `Referrer-Policy: no-referrer` browsers send
 * `Origin: null` with a form POST (Fetch standard), so a null or missing Origin is accepted only
 * with `Sec-Fetch-Site: same-origin`, a header pages cannot set; a foreign page, a sandboxed frame
 * or a request with neither header is refused.
 */
export function originAllowed(c: Context, env: Pick<Env, 'PUBLIC_URL' | 'PORT'>): boolean {
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return c.req.header('sec-fetch-site') === 'same-origin';
  const allowed = new Set<string>([new URL(publicBaseUrl(env)).origin]);
  try {
    allowed.add(new URL(c.req.url).origin);
  } catch {
    /* a request URL always parses */
  }
  return allowed.has(origin);
}
