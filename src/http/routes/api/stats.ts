// GET /api/stats: members per role and platform, outbox rows per status, Zalo reach now and, beside
// it, the paid templates used today (SPEC §4; `enabled: false` when ZALO_TEMPLATE_ID is not set).
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps';
import { outboxCountsByStatus } from '../../../../db/queries/outbox';
import { zaloReachNow } from '../../../core/use-cases/zalo-reach';
import { templatesUsedSince } from '../../../../db/queries/zalo-templates';
import { localDate, zonedToUtc } from '../../../core/time';

export function statsApi(deps: AppDeps) {
  const r = new Hono();
  r.get('/stats', async (c) => {
    const db = deps.core.db;
    const env = deps.core.env;
    const now = deps.core.clock.now();
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
      zaloReach: await zaloReachNow(db, now),
      zaloTemplates: {
        enabled: Boolean(env.ZALO_TEMPLATE_ID) && env.ZALO_TEMPLATE_DAILY_MAX > 0,
        usedToday: await templatesUsedSince(db, zonedToUtc(localDate(now, env.TIMEZONE), '00:00', env.TIMEZONE)),
        dailyMax: env.ZALO_TEMPLATE_DAILY_MAX,
      },
    });
  });
  return r;
}
