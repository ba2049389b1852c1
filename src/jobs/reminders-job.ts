// The `reminders` job: every minute, queue the briefing reminders that are due (24 h and 1 h before).
import { sendBriefingReminders } from '../core/use-cases/send-briefing-reminders';
import type { Job } from './schedule';

export const remindersJob: Job = {
  name: 'reminders',
  cron: '* * * * *',
  run: (ctx, now) => sendBriefingReminders(ctx.core, now),
};
