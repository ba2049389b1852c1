// One schedule table read by both runtimes: node-cron runs each job on its cron (in TIMEZONE);
// the Worker's one-minute Cron Trigger runs the jobs whose cron matches that minute in TIMEZONE
// (src/entry/cron-due.ts). Each job decides from `now` what is due and is idempotent: a late
// tick catches up, a double tick does nothing twice.
import type { CoreDeps } from '../core/context';
import type { Inbox } from '../core/inbox';
import type { Dispatcher } from '../core/outbox/dispatcher';
import { applyRetention } from '../../db/queries/retention';
import { dropExpiredConversations } from '../core/conversations/drop-expired';
import type { Registry } from '../core/commands/registry';
import { digestJob, digestSummaryJob, zaloRenewalJob } from './digest-job';
import { feedsJob } from './feeds-job';
import { remindersJob } from './reminders-job';
import { sendLateQuestionNotices } from '../core/use-cases/questions';

export interface JobContext {
  core: CoreDeps;
  inbox: Inbox;
  dispatcher: Dispatcher;
  registry: Registry;
  /** Refreshes the Zalo token when it expires within the margin (absent when Zalo is off). */
  refreshZaloToken?: (now: Date) => Promise<unknown>;
}

export interface Job {
  name: string;
  /** node-cron expression, evaluated in TIMEZONE on Node. */
  cron: string;
  run(ctx: JobContext, now: Date): Promise<unknown>;
}

export const jobs: Job[] = [
  {
    name: 'inbox-retry',
    cron: '* * * * *',
    run: (ctx) => ctx.inbox.retryDue(),
  },
  {
    name: 'zalo-token-refresh',
    cron: '*/10 * * * *',
    run: async (ctx, now) => ctx.refreshZaloToken?.(now),
  },
  {
    name: 'drop-expired-conversations',
    cron: '*/15 * * * *',
    run: (ctx, now) => dropExpiredConversations(ctx.core.db, ctx.registry, now),
  },
  {
    // SPEC §6 Retention: outgoing texts RETENTION_DAYS after their final state, dedupe keys of
    // handled webhooks 7 days, the audit log 2 years (db/queries/retention.ts). Idempotent.
    name: 'retention',
    cron: '17 3 * * *',
    run: (ctx, now) => applyRetention(ctx.core.db, now, ctx.core.env.RETENTION_DAYS),
  },
  {
    // SPEC §8: questions that came during an official's 10 quiet minutes get one later notice.
    name: 'question-notices',
    cron: '*/5 * * * *',
    run: (ctx, now) => sendLateQuestionNotices(ctx.core, now),
  },
  digestJob,
  zaloRenewalJob,
  digestSummaryJob,
  feedsJob,
  remindersJob,
];

/** Runs the jobs one after another, logging failures without stopping the others. */
export async function runJobs(ctx: JobContext, now: Date, which: Job[] = jobs): Promise<void> {
  for (const job of which) {
    try {
      await job.run(ctx, now);
    } catch (err) {
      ctx.core.log.error('job failed', { job: job.name, error: err instanceof Error ? err.name : 'unknown' });
    }
  }
}
