// GET /api/announcements (?limit, ?offset) and /api/announcements/<id>: the audit trail of
// announcements and briefing invitations with the delivery outcome per status.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps';
import { jsonError } from '../../errors';
import { announcementReport } from '../../../core/use-cases/announcement-report';

const PageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const IdSchema = z.coerce.number().int().positive();

export function announcementsApi(deps: AppDeps) {
  const r = new Hono();
  r.get('/announcements', async (c) => {
    const page = PageSchema.safeParse(c.req.query());
    if (!page.success) return jsonError(c, 400, 'validation_error', 'limit must be 1-500 and offset 0 or more.');
    const list = await announcementReport(deps.core.db, { ...page.data, now: deps.core.clock.now() });
    return c.json({ announcements: list, limit: page.data.limit, offset: page.data.offset });
  });
  r.get('/announcements/:id', async (c) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) return jsonError(c, 400, 'validation_error', 'The announcement id must be a positive integer.');
    const [a] = await announcementReport(deps.core.db, { limit: 1, offset: 0, now: deps.core.clock.now(), id: id.data });
    if (!a) return jsonError(c, 404, 'not_found', `No announcement ${id.data}.`);
    return c.json(a);
  });
  return r;
}
