// GET /api/stats: members per role and platform, outbox rows per status, Zalo reach now.
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps';
import { outboxCountsByStatus } from '../../../../db/queries/outbox';
import { zaloReachNow } from '../../../core/use-cases/zalo-reach';

export function statsApi(deps: AppDeps) {
  const r = new Hono();
  r.get('/stats', async (c) => {
    const db = deps.core.db;
    const rows = await db.all<{ role: string; platform: string; n: number }>(sql`
      SELECT m.role AS role, i.platform AS platform, count(DISTINCT m.id) AS n
      FROM members m JOIN chat_identities i ON i.member_id = m.id
      WHERE m.status != 'deleted' AND m.registered_at IS NOT NULL
      GROUP BY m.role, i.platform`);
    const members: Record<string, Record<string, number>> = {};
    for (const r of rows) (members[r.role] ??= {})[r.platform] = Number(r.n);
    const totals = await db.all<{ role: string; n: number }>(sql`
      SELECT role, count(*) AS n FROM members WHERE status != 'deleted' AND registered_at IS NOT NULL GROUP BY role`);
    return c.json({
      members: { byRoleAndPlatform: members, byRole: Object.fromEntries(totals.map((t) => [t.role, Number(t.n)])) },
      outbox: await outboxCountsByStatus(db),
      zaloReach: await zaloReachNow(db, deps.core.clock.now()),
    });
  });
  return r;
}
