// GET /healthz: 200 when the database answers, 503 otherwise.
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-deps';
import { answerJson } from '../answer';
import { edge } from '../edge';

export function healthRoutes(deps: AppDeps) {
  const r = new Hono();
  r.get(
    '/healthz',
    edge(async (c) => {
      try {
        await deps.core.db.run(sql`SELECT 1`);
        return answerJson(c, { status: 'ok' });
      } catch {
        return answerJson(c, { status: 'unavailable' }, 503);
      }
    }),
  );
  return r;
}
