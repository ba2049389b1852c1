// Reviewing reported posts: GET /api/posts?campaignId=&status=&platform=&mcnId=&memberId=&limit=&afterId=
// (keyset pages in id order) and PATCH /api/posts/<id> {status: 'valid'|'invalid', note?}.
import { Hono } from 'hono';
import { z } from 'zod';
import { findPostView, listPosts, type PostView } from '../../../../db/queries/posts';
import { LINK_PLATFORMS, NO_CAMPAIGN, POST_STATUSES } from '../../../../db/schema';
import { AppError } from '../../../core/errors';
import { reviewPosts } from '../../../core/use-cases/review-posts';
import type { AppDeps } from '../../app-deps';
import { parseId, readJson, validationError } from './campaigns';

const intParam = z.string().regex(/^\d{1,9}$/, 'must be a whole number').transform(Number);

const ListQuery = z.object({
  /** 0 = links attributed to no campaign. */
  campaignId: intParam.optional(),
  status: z.enum(POST_STATUSES).optional(),
  platform: z.enum(LINK_PLATFORMS).optional(),
  /** 0 = independent reporters (no MCN). */
  mcnId: intParam.optional(),
  memberId: intParam.optional(),
  limit: intParam.pipe(z.number().min(1).max(1000)).optional(),
  afterId: intParam.optional(),
});

const ReviewBody = z.object({
  status: z.enum(['valid', 'invalid']),
  note: z.string().trim().max(500).nullable().optional(),
});

export function postJson(p: PostView) {
  return {
    id: p.id,
    campaignId: p.campaignId === NO_CAMPAIGN ? null : p.campaignId,
    campaignName: p.campaignName,
    url: p.url,
    reportedUrl: p.rawUrl,
    host: p.host,
    platform: p.platform,
    short: p.short,
    contentId: p.contentId,
    memberId: p.memberId,
    memberName: p.memberName,
    reporterPlatform: p.reporterPlatform,
    mcnId: p.mcnId,
    mcnName: p.mcnName,
    reportedAt: p.reportedAt.toISOString(),
    status: p.status,
    note: p.reviewNote,
    reviewedAt: p.reviewedAt ? p.reviewedAt.toISOString() : null,
  };
}

export function postsApi(deps: AppDeps) {
  const core = deps.core;
  const r = new Hono();

  r.get('/posts', async (c) => {
    const q = ListQuery.safeParse(c.req.query());
    if (!q.success) throw validationError(q.error);
    const { limit = 100, afterId, ...filter } = q.data;
    const rows = await listPosts(core.db, filter, { afterId, limit });
    return c.json({ posts: rows.map(postJson), nextAfterId: rows.length === limit ? rows[rows.length - 1]!.id : null });
  });

  r.patch('/posts/:id', async (c) => {
    const id = parseId(c.req.param('id'), 'post');
    const body = ReviewBody.safeParse(await readJson(c));
    if (!body.success) throw validationError(body.error);
    // The console's use-case: the same rules, and the change is audited (actor: the API token).
    const res = await reviewPosts(core, { postIds: [id], status: body.data.status, note: body.data.note ?? null, actorMemberId: null, via: 'api', now: core.clock.now() });
    if (!res.ok) throw new AppError('not_found', `No post ${id}.`);
    return c.json({ post: postJson((await findPostView(core.db, id))!) });
  });

  return r;
}
