// The digest jobs. Both run every minute (node-cron `* * * * *` on Node, the one-minute Cron
// Trigger on Workers) and decide from `now` what is due, so a missed tick catches up the same
// day and a double tick does nothing twice:
// - `digest`: at or after DIGEST_TIME in TIMEZONE, queue today's digest once (or tell the
//   officials once that there is nothing to send);
// - `digest-summary`: once every message of a queued digest is final, send the officials one summary.
import { runDigestSchedule } from '../core/use-cases/queue-digest';
import { sendDigestSummaries } from '../core/use-cases/summarise-digests';
import { queueZaloRenewals } from '../core/use-cases/zalo-renewal';
import type { Job } from './schedule';

export const digestJob: Job = {
  name: 'digest',
  cron: '* * * * *',
  run: (ctx, now) => runDigestSchedule(ctx.core, now),
};

export const digestSummaryJob: Job = {
  name: 'digest-summary',
  cron: '* * * * *',
  run: (ctx, now) => sendDigestSummaries(ctx.core, now),
};

/** After the digest: the Zalo window renewal lines (SPEC §4), once a day, at most once in 5 days per member. */
export const zaloRenewalJob: Job = {
  name: 'zalo-renewal',
  cron: '* * * * *',
  run: (ctx, now) => queueZaloRenewals(ctx.core, now),
};
