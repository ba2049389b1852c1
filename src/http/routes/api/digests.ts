// Digests:
//   POST /api/digests/YYYY-MM-DD/send  queue that day's digest now (same code and idempotency as
//                                      the schedule); 409 when the day has no articles
//   GET  /api/digests/YYYY-MM-DD       state, articles as sent (or as they stand) with pick counts,
//                                      and delivery counts
import { Hono } from 'hono';
import type { AppDeps } from '../../app-deps';
import { AppError } from '../../../core/errors';
import { deliveryCounts, findDigest, pickCounts } from '../../../../db/queries/digests';
import { digestArticles, digestRef, queueDigest } from '../../../core/use-cases/queue-digest';
import { digestTotals } from '../../../core/use-cases/summarise-digests';
import { parseDateParam } from './articles';

export function digestsApi(deps: AppDeps) {
  const r = new Hono();
  const { core } = deps;
  const needDate = () => {
    throw new AppError('validation_error', 'The path needs a date as YYYY-MM-DD.');
  };

  r.post('/digests/:date/send', async (c) => {
    const date = parseDateParam(c.req.param('date'), needDate);
    const res = await queueDigest(core, date, { now: core.clock.now(), trigger: 'api' });
    if (res.status === 'empty') throw new AppError('conflict', `The digest of ${date} has no articles: add some with POST /api/articles first.`);
    return c.json({
      date,
      articles: res.articles,
      recipients: res.recipients,
      queued: res.queued,
      alreadyQueued: res.alreadyQueued,
      skipped: res.skipped,
    });
  });

  r.get('/digests/:date', async (c) => {
    const date = parseDateParam(c.req.param('date'), needDate);
    const row = (await findDigest(core.db, date)) ?? null;
    const items = await digestArticles(core, date, row);
    const picks = await pickCounts(core.db, date);
    const totals = digestTotals(await deliveryCounts(core.db, digestRef(date)));
    return c.json({
      date,
      status: row?.status ?? 'not_queued',
      trigger: row?.trigger ?? null,
      queuedAt: row?.queuedAt?.toISOString() ?? null,
      summarySentAt: row?.summarySentAt?.toISOString() ?? null,
      articles: items.map((a, i) => ({
        number: i + 1,
        id: a.id,
        title: a.title,
        url: a.url,
        outlet: a.outlet,
        picks: picks.get(a.id)?.members ?? 0,
        pickMcns: picks.get(a.id)?.mcns ?? 0,
      })),
      deliveries: {
        total: totals.total,
        unfinished: totals.unfinished,
        sent: totals.sent,
        skipped: Object.fromEntries(totals.skipped),
        failed: Object.fromEntries(totals.failed),
      },
    });
  });

  return r;
}
