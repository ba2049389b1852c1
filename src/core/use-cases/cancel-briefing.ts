// `/hop huy <id>`: cancels a briefing, stops its reminders and tells those who said yes. The notice
// rows (keys `briefing:<id>:cancel:member:...`) and the status change are committed together, and
// an already cancelled briefing is left alone, so cancelling twice notifies once.
import { auditQuery, cancelBriefingDraftsQuery } from '../../../db/queries/announcements';
import { answersTo, cancelBriefingQuery, getBriefing, type BriefingRow } from '../../../db/queries/briefings';
import { pushRecipients } from '../../../db/queries/recipients';
import { messagesFor } from '../../i18n';
import type { CoreDeps } from '../context';
import type { Lang } from '../types';
import { cancelNoticeMessage } from './announcement-messages';
import { commitFanOut } from './commit-fan-out';
import { fanOutRows, memo } from './fan-out';

export type CancelResult =
  | { ok: true; briefing: BriefingRow; wasDraft: boolean; notified: number }
  | { ok: false; reason: 'not_found' | 'already_cancelled' | 'started'; briefing?: BriefingRow };

export async function cancelBriefing(deps: CoreDeps, input: { id: number; actorMemberId: number; now: Date }): Promise<CancelResult> {
  const { db, env } = deps;
  const { id, now } = input;
  const b = await getBriefing(db, id);
  if (!b) return { ok: false, reason: 'not_found' };
  if (b.status === 'cancelled') return { ok: false, reason: 'already_cancelled', briefing: b };
  const audit = auditQuery(db, { actorMemberId: input.actorMemberId, action: 'briefing_cancelled', detail: { briefingId: id }, at: now });
  if (b.status === 'draft') {
    await db.batch([cancelBriefingQuery(db, id, input.actorMemberId, now), cancelBriefingDraftsQuery(db, id, now), audit]);
    return { ok: true, briefing: b, wasDraft: true, notified: 0 };
  }
  if (b.startsAt.getTime() <= now.getTime()) return { ok: false, reason: 'started', briefing: b };

  const yes = [...(await answersTo(db, id))].filter(([, a]) => a === 'yes').map(([m]) => m);
  const recipients = yes.length ? await pushRecipients(db, { memberIds: yes }) : [];
  const message = memo((lang: Lang) => cancelNoticeMessage(messagesFor(lang), b, env.TIMEZONE));
  const rows = fanOutRows(recipients, { keyPrefix: `briefing:${id}:cancel`, ref: `briefing:${id}`, now, message: (r) => message(r.lang) });
  const queued = await commitFanOut(db, rows, now, [cancelBriefingQuery(db, id, input.actorMemberId, now), audit]);
  if (queued) deps.onQueued?.();
  return { ok: true, briefing: b, wasDraft: false, notified: new Set(recipients.map((r) => r.memberId)).size };
}
