// GET /api/briefings (?limit, ?offset): briefings with RSVP counts and reminder state;
// GET /api/briefings/<id>/attendees.csv: who answered what (UTF-8 with BOM for Excel).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps';
import { jsonError } from '../../errors';
import { attendeesCsv, briefingReport } from '../../../core/use-cases/briefing-report';

const PageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const IdSchema = z.coerce.number().int().positive();

export function briefingsApi(deps: AppDeps) {
  const r = new Hono();
  const tz = deps.core.env.TIMEZONE;
  r.get('/briefings', async (c) => {
    const page = PageSchema.safeParse(c.req.query());
    if (!page.success) return jsonError(c, 400, 'validation_error', 'limit must be 1-500 and offset 0 or more.');
    const list = await briefingReport(deps.core.db, { ...page.data, timeZone: tz });
    return c.json({ briefings: list, limit: page.data.limit, offset: page.data.offset });
  });
  r.get('/briefings/:id/attendees.csv', async (c) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) return jsonError(c, 400, 'validation_error', 'The briefing id must be a positive integer.');
    const file = await attendeesCsv(deps.core.db, id.data, tz);
    if (!file) return jsonError(c, 404, 'not_found', `No briefing ${id.data}.`);
    return c.body(file.csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.filename}"`,
    });
  });
  return r;
}
