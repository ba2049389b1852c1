// GET /healthz (SPEC §9): 200 {"status":"ok","db":"ok","queue":{"due":N,"oldestDueSeconds":S}}
// when the database answers, 503 otherwise. GET /metrics: Prometheus text behind METRICS_TOKEN
// (404 when unset or when this runtime has no metrics, e.g. Workers).
import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';
import { answerJson, requestIdOf } from '../answer';
import { edge } from '../edge';
import { jsonError } from '../errors';
import { timingSafeEqualStrings } from '../timing-safe';
import { queueBacklog } from '../../../db/queries/outbox-backlog';

export function healthRoutes(deps: AppDeps) {
  const r = new Hono();
  r.get(
    '/healthz',
    edge(async (c) => {
      try {
        const now = deps.core.clock.now();
        const q = await queueBacklog(deps.core.db, now);
        const oldestDueSeconds = q.oldestDueAt ? Math.max(0, Math.floor((now.getTime() - q.oldestDueAt.getTime()) / 1000)) : 0;
        return answerJson(c, { status: 'ok', db: 'ok', queue: { due: q.due, oldestDueSeconds } });
      } catch {
        return answerJson(c, { status: 'unavailable', db: 'unavailable' }, 503);
      }
    }),
  );
  r.get(
    '/metrics',
    edge(async (c) => {
      const token = deps.core.env.METRICS_TOKEN;
      if (!token || !deps.metrics) return jsonError(c, 404, 'not_found', `No route for GET /metrics.`);
      const auth = c.req.header('authorization') ?? '';
      if (!timingSafeEqualStrings(auth, `Bearer ${token}`)) return jsonError(c, 401, 'unauthorized', 'Missing or wrong Authorization: Bearer <METRICS_TOKEN>.');
      try {
        const body = await deps.metrics.render();
        return new Response(body, { status: 200, headers: { 'content-type': deps.metrics.contentType, 'x-request-id': requestIdOf(c) } });
      } catch {
        return jsonError(c, 503, 'unavailable', 'The metrics could not be read (is the database answering?).');
      }
    }),
  );
  return r;
}
