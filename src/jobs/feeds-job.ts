// The `feeds` job: reads FEEDS every 30 minutes and stores article candidates for /them (never
// sends anything). On Workers it is called every minute; a job_runs key per 30-minute period
// makes it run once per period there too. Does nothing when FEEDS is empty.
import { runFeedsSchedule } from '../core/use-cases/fetch-feeds';
import type { Job } from './schedule';

export const feedsJob: Job = {
  name: 'feeds',
  cron: '*/30 * * * *',
  run: (ctx, now) => runFeedsSchedule(ctx.core, now),
};
