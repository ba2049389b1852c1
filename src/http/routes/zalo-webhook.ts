// POST /webhooks/zalo: JSON → signature (X-ZEvent-Signature) → app id, age and echo rules →
// store (durable) → 200 within Zalo's 2 s. Processing happens after the store.
import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';
import { answerJson } from '../answer';
import { edge } from '../edge';
import { jsonError } from '../errors';

/** SPEC §2: events over 2 h old or 5 min in the future get 200 and are not processed. */
export const ZALO_MAX_AGE_MS = 2 * 3600_000;
export const ZALO_MAX_FUTURE_MS = 5 * 60_000;

export function zaloWebhookRoutes(deps: AppDeps) {
  const r = new Hono();
  r.post('/webhooks/zalo', edge(async (c) => {
    const zalo = deps.zalo;
    if (!zalo) return jsonError(c, 404, 'zalo_disabled', 'Zalo is not configured on this server (set ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_SECRET_KEY).');
    const rawBody = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return jsonError(c, 400, 'malformed_json', 'The body is not valid JSON.');
    }
    if (typeof body !== 'object' || body === null || typeof (body as { event_name?: unknown }).event_name !== 'string') {
      return jsonError(c, 400, 'not_a_zalo_event', 'The body is not a Zalo OA event (no event_name).');
    }
    const ev = body as { app_id?: unknown; timestamp?: unknown };
    const timestamp = typeof ev.timestamp === 'string' || typeof ev.timestamp === 'number' ? String(ev.timestamp) : '';
    const ok = await zalo.verifySignature({ rawBody, timestamp, header: c.req.header('x-zevent-signature') });
    if (!ok) return jsonError(c, 401, 'unauthorized', 'Missing or wrong X-ZEvent-Signature.');

    if (ev.app_id !== undefined && String(ev.app_id) !== zalo.appId) return answerJson(c, { ok: true, ignored: 'other_app' });
    const ts = Number(timestamp);
    const now = deps.core.clock.now().getTime();
    if (!Number.isFinite(ts) || ts < now - ZALO_MAX_AGE_MS || ts > now + ZALO_MAX_FUTURE_MS) {
      return answerJson(c, { ok: true, ignored: 'stale' });
    }
    const msg = zalo.toInbound(body);
    if (!msg) return answerJson(c, { ok: true, ignored: 'not_handled' });
    try {
      const res = await deps.inbox.accept(msg);
      return answerJson(c, { ok: true, ...(res === 'duplicate' ? { duplicate: true } : {}) });
    } catch (err) {
      deps.core.log.error('zalo event not stored', { error: err instanceof Error ? err.name : 'unknown' });
      return jsonError(c, 500, 'not_stored', 'The event could not be stored.');
    }
  }));
  return r;
}
