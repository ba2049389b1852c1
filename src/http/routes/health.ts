// GET /healthz: 200 when the database answers, 503 otherwise.
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-deps';

export function healthRoutes(deps: AppDeps) {
  const r = new Hono();
  r.get('/healthz', async (c) => {
    try {
      await deps.core.db.run(sql`SELECT 1`);
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });
  return r;
}
