// The request id and JSON answers. The id is taken from a well-formed X-Request-Id sent by the
// caller, else a new UUID, and every answer echoes it. Hot routes answer through `answerJson`,
// whose headers are a plain object: with hono's `c.header()` or `c.json()` plus a second header,
// the answer carries a web Headers object, which @hono/node-server writes through its slow path
// (measured: ~20 µs of CPU per request on the webhook).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const WELL_FORMED = /^[\w\-=]{1,255}$/;

/**
 * Each request's id by its Request object, for the access log (src/http/access-log.ts): reading
 * the id back from the answer's headers would turn @hono/node-server's plain header object into a
 * Headers object and its slow write path.
 */
export const requestIds = new WeakMap<Request, string>();

/** This request's id, made on first use and kept on the context. */
export function requestIdOf(c: Context): string {
  let id = c.get('requestId' as never) as string | undefined;
  if (id === undefined) {
    const given = c.req.header('x-request-id');
    id = given !== undefined && WELL_FORMED.test(given) ? given : crypto.randomUUID();
    c.set('requestId' as never, id as never);
    requestIds.set(c.req.raw, id);
  }
  return id;
}

/** A JSON answer with the request id. */
export function answerJson(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': requestIdOf(c) },
  });
}

/** The request id header for answers built with hono's own helpers (CSV downloads, the admin API). */
export function setRequestIdHeader(c: Context): void {
  c.header('X-Request-Id', requestIdOf(c));
}
