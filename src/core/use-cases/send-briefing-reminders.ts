// The reminders job: 24 h and 1 h before a briefing, to everyone in its audience who said yes or
// has not answered (never to "no"). Decided from `now`: a missed tick catches up, but a 24 h
// reminder is never sent after the 1 h mark, nor any reminder after the start; outbox keys
// `briefing:<id>:reminder:<24h|1h>:member:...` and the briefing's reminded_* mark make it once only.
import type { BriefingRow } from '../../../db/queries/briefings';
import { answersTo, briefingsNeedingReminders, markRemindedQuery } from '../../../db/queries/briefings';
import type { OutboxInsert } from '../../../db/queries/outbox';
import { pushRecipients } from '../../../db/queries/recipients';
import { messagesFor } from '../../i18n';
import type { CoreDeps } from '../context';
import type { Lang } from '../types';
import { reminderMessage } from './announcement-messages';
import { audienceFilter } from './announcement-audience';
import { commitFanOut } from './commit-fan-out';
import { fanOutRows, memo, uniqueByIdentity } from './fan-out';

const HOUR = 3600_000;
export const REMINDERS = [
  { which: '24h', beforeMs: 24 * HOUR },
  { which: '1h', beforeMs: HOUR },
] as const;
export type ReminderKind = (typeof REMINDERS)[number]['which'];

/** Which reminder is due at `now` (and not handled yet), if any. */
export function dueReminder(b: Pick<BriefingRow, 'startsAt' | 'announcedAt' | 'reminded24hAt' | 'reminded1hAt'>, now: Date): { which: ReminderKind; skip: boolean } | null {
  const start = b.startsAt.getTime();
  const t = now.getTime();
  for (let i = 0; i < REMINDERS.length; i++) {
    const r = REMINDERS[i]!;
    const dueAt = start - r.beforeMs;
    const until = i + 1 < REMINDERS.length ? start - REMINDERS[i + 1]!.beforeMs : start;
    if (t < dueAt || t >= until) continue;
    if ((r.which === '24h' ? b.reminded24hAt : b.reminded1hAt) != null) return null;
    // Invited inside this reminder's window: the invitation itself was the reminder.
    const skip = b.announcedAt != null && b.announcedAt.getTime() >= dueAt;
    return { which: r.which, skip };
  }
  return null;
}

export async function reminderRows(deps: CoreDeps, b: BriefingRow, which: ReminderKind, now: Date): Promise<OutboxInsert[]> {
  const { db, env } = deps;
  const answers = await answersTo(db, b.id);
  let recipients = await pushRecipients(db, audienceFilter(b.audience));
  const inAudience = new Set(recipients.map((r) => r.memberId));
  const yesOutside = [...answers].filter(([m, a]) => a === 'yes' && !inAudience.has(m)).map(([m]) => m);
  if (yesOutside.length) recipients = recipients.concat(await pushRecipients(db, { memberIds: yesOutside }));
  recipients = uniqueByIdentity(recipients).filter((r) => answers.get(r.memberId) !== 'no');
  const message = memo((key: `${Lang}:${'yes' | 'none'}`) => {
    const [lang, answer] = key.split(':') as [Lang, string];
    return reminderMessage(messagesFor(lang), b, env.TIMEZONE, now, answer === 'yes');
  });
  return fanOutRows(recipients, {
    keyPrefix: `briefing:${b.id}:reminder:${which}`,
    ref: `briefing:${b.id}`,
    now,
    message: (r) => message(`${r.lang}:${answers.get(r.memberId) === 'yes' ? 'yes' : 'none'}`),
  });
}

export async function sendBriefingReminders(deps: CoreDeps, now: Date): Promise<{ briefings: number; queued: number }> {
  const { db } = deps;
  let queued = 0;
  let handled = 0;
  for (const b of await briefingsNeedingReminders(db, now)) {
    const due = dueReminder(b, now);
    if (!due) continue;
    const rows = due.skip ? [] : await reminderRows(deps, b, due.which, now);
    queued += await commitFanOut(db, rows, now, [markRemindedQuery(db, b.id, due.which, now)]);
    handled++;
  }
  if (queued) deps.onQueued?.();
  if (handled) deps.log.info('briefing reminders queued', { briefings: handled, queued });
  return { briefings: handled, queued };
}
