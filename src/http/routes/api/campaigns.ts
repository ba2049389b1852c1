// Campaigns in the admin API: GET/POST /api/campaigns, GET /api/campaigns/<id>,
// POST /api/campaigns/<id>/close, GET /api/campaigns/<id>/posts.csv (UTF-8 with BOM).
import { cleanJsonStrings } from '../../../core/text/clean';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { findCampaign, listCampaigns, type CampaignRow } from '../../../../db/queries/campaigns';
import { AppError } from '../../../core/errors';
import { campaignState } from '../../../core/features/campaigns/common';
import { localDate } from '../../../core/time';
import { closeCampaign } from '../../../core/use-cases/close-campaign';
import { createCampaign, MAX_HASHTAGS } from '../../../core/use-cases/create-campaign';
import { campaignCsvStream, campaignFileStem } from '../../../core/use-cases/export-campaign-posts';
import type { AppDeps } from '../../app-deps';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const CreateBody = z.object({
  name: z.string().trim().min(2).max(200),
  hashtags: z.array(z.string().trim().min(1).max(51)).min(1).max(MAX_HASHTAGS),
  startsOn: isoDate,
  endsOn: isoDate,
});

const ListQuery = z.object({ status: z.enum(['open', 'closed']).optional() });

/** Reads a JSON body; a body that is no JSON is a 400 (the error handler maps AppError). */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return cleanJsonStrings(await c.req.json());
  } catch {
    throw new AppError('bad_request', 'The body must be JSON (Content-Type: application/json).');
  }
}

/** zod issues as a readable message and a details list (paths and messages only, never input values). */
export function validationError(error: z.ZodError): AppError {
  const details = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return new AppError('validation_error', details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; '), details);
}

export function parseId(raw: string | undefined, what: string): number {
  if (!raw || !/^\d{1,9}$/.test(raw)) throw new AppError('not_found', `No ${what} ${raw ?? ''}.`.trim());
  return Number(raw);
}

export function campaignJson(c: CampaignRow & { postCount?: number }, today: string) {
  return {
    id: c.id,
    name: c.name,
    hashtags: c.hashtags,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    status: c.status,
    /** running / upcoming / ended / closed, as of today in TIMEZONE. */
    state: campaignState(c, today),
    createdByMemberId: c.createdByMemberId,
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
    ...(c.postCount === undefined ? {} : { postCount: c.postCount }),
  };
}

export function campaignsApi(deps: AppDeps) {
  const core = deps.core;
  const r = new Hono();
  const today = () => localDate(core.clock.now(), core.env.TIMEZONE);

  r.get('/campaigns', async (c) => {
    const q = ListQuery.safeParse(c.req.query());
    if (!q.success) throw validationError(q.error);
    const rows = await listCampaigns(core.db, q.data);
    const day = today();
    return c.json({ campaigns: rows.map((row) => campaignJson(row, day)) });
  });

  r.post('/campaigns', async (c) => {
    const body = CreateBody.safeParse(await readJson(c));
    if (!body.success) throw validationError(body.error);
    const res = await createCampaign(core, { ...body.data, createdByMemberId: null, via: 'api' });
    if (res.ok) return c.json({ campaign: campaignJson({ ...res.campaign, postCount: 0 }, today()) }, 201);
    switch (res.error) {
      case 'hashtag_taken':
        throw new AppError(
          'conflict',
          res.conflicts.map((x) => `${x.tag} belongs to open campaign ${x.campaignId}`).join('; '),
          res.conflicts.map((x) => ({ hashtag: x.tag, campaignId: x.campaignId })),
        );
      case 'bad_hashtag':
        throw new AppError('validation_error', `hashtags: "${res.tag}" is not a hashtag (letters, digits, _; at least one letter; at most 50).`);
      case 'bad_date':
        throw new AppError('validation_error', `${res.field}: not a real date.`);
      case 'end_before_start':
        throw new AppError('validation_error', 'endsOn: must be on or after startsOn.');
      case 'ends_in_past':
        throw new AppError('validation_error', `endsOn: is in the past (today is ${res.today} in TIMEZONE).`);
      case 'too_many_hashtags':
        throw new AppError('validation_error', `hashtags: at most ${res.max}.`);
      case 'no_hashtag':
        throw new AppError('validation_error', 'hashtags: at least one is needed.');
      case 'bad_name':
        throw new AppError('validation_error', 'name: 2 to 200 characters.');
    }
  });

  r.get('/campaigns/:id', async (c) => {
    const id = parseId(c.req.param('id'), 'campaign');
    const row = (await listCampaigns(core.db)).find((x) => x.id === id);
    if (!row) throw new AppError('not_found', `No campaign ${id}.`);
    return c.json({ campaign: campaignJson(row, today()) });
  });

  r.post('/campaigns/:id/close', async (c) => {
    const res = await closeCampaign(core, parseId(c.req.param('id'), 'campaign'));
    if (!res.ok) throw new AppError('not_found', `No campaign ${c.req.param('id')}.`);
    return c.json({ campaign: campaignJson(res.campaign, today()), alreadyClosed: res.alreadyClosed });
  });

  r.get('/campaigns/:id/posts.csv', async (c) => {
    const id = parseId(c.req.param('id'), 'campaign');
    const campaign = await findCampaign(core.db, id);
    if (!campaign) throw new AppError('not_found', `No campaign ${id}.`);
    return c.body(campaignCsvStream(core, id), 200, csvHeaders(`${campaignFileStem(campaign)}.csv`));
  });

  return r;
}

export function csvHeaders(filename: string): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
}
