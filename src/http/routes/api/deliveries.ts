// GET /api/deliveries?ref=<ref>[&status=][&after=<id>][&limit=]
// Per recipient and platform: status (queued, sending, sent, failed, skipped), attempts, reason.
// `ref` is `digest:YYYY-MM-DD`, `announcement:<id>` or `briefing:<id>`. Counts cover the whole
// ref (with `zaloReach`: Zalo members reached and skipped outside the 7-day window); the list is paged by outbox id (default 1,000 rows, at most 10,000; `next` is the cursor).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps';
import { AppError } from '../../../core/errors';
import { deliveriesPage, deliveryCounts } from '../../../../db/queries/digests';
import { OUTBOX_STATUSES } from '../../../../db/schema';
import { zaloDeliveryReach } from '../../../core/use-cases/zalo-reach';

const QuerySchema = z.object({
  ref: z.string().regex(/^[a-z][a-z-]*:[\w.:-]{1,100}$/, 'must look like digest:YYYY-MM-DD, announcement:<id> or briefing:<id>'),
  status: z.enum(OUTBOX_STATUSES).optional(),
  after: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export function deliveriesApi(deps: AppDeps) {
  const r = new Hono();
  const { db } = deps.core;

  r.get('/deliveries', async (c) => {
    const parsed = QuerySchema.safeParse(c.req.query());
    if (!parsed.success) {
      throw new AppError('validation_error', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
    }
    const q = parsed.data;
    const counts = await deliveryCounts(db, q.ref);
    const byStatus: Record<string, number> = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0]));
    const reasons: Record<string, Record<string, number>> = {};
    for (const c of counts) {
      byStatus[c.status] = (byStatus[c.status] ?? 0) + c.n;
      if (c.reason && (c.status === 'skipped' || c.status === 'failed')) {
        const m = (reasons[c.status] ??= {});
        m[c.reason] = (m[c.reason] ?? 0) + c.n;
      }
    }
    const rows = await deliveriesPage(db, q.ref, { afterId: q.after, limit: q.limit, status: q.status });
    return c.json({
      ref: q.ref,
      total: counts.reduce((n, x) => n + x.n, 0),
      counts: byStatus,
      reasons,
      zaloReach: zaloDeliveryReach(counts),
      deliveries: rows.map((d) => ({
        id: d.id,
        memberId: d.memberId,
        identityId: d.identityId,
        platform: d.platform,
        status: d.status,
        attempts: d.attempts,
        reason: d.reason,
        queuedAt: d.createdAt.toISOString(),
        sentAt: d.sentAt?.toISOString() ?? null,
      })),
      next: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
    });
  });

  return r;
}
