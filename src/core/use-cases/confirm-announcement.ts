// GUI: sends a previewed announcement or briefing invitation to its audience. Recipients are
// computed again now; the outbox rows (keys `announcement:<id>:member:<m>:<platform>:<identity>`,
// `briefing:<id>:invite:member:...`) and "sent" are committed together, so GUI twice, a retried
// event or a restart during the fan-out reaches each member once per platform.
import type { AnnouncementRow } from '../../../db/queries/announcements';
import { auditQuery, closeDraftQuery, markAnnouncementSentQuery } from '../../../db/queries/announcements';
import { getBriefing, markBriefingScheduledQuery } from '../../../db/queries/briefings';
import { pushRecipients } from '../../../db/queries/recipients';
import type { AnnouncementCounts } from '../../../db/schema';
import { messagesFor } from '../../i18n';
import type { Write } from '../commands/handler-context';
import type { CoreDeps } from '../context';
import type { Lang } from '../types';
import { announcementMessage, briefingInviteMessage } from './announcement-messages';
import { audienceFilter, countRecipients } from './announcement-audience';
import { commitFanOut } from './commit-fan-out';
import { fanOutRows, memo } from './fan-out';

export type ConfirmResult =
  | { ok: true; counts: AnnouncementCounts; queued: number; briefingId: number | null }
  | { ok: false; reason: 'briefing_started' | 'briefing_gone' };

export async function confirmAnnouncement(deps: CoreDeps, ann: AnnouncementRow, actorMemberId: number, now: Date): Promise<ConfirmResult> {
  const { db, env } = deps;
  const recipients = await pushRecipients(db, audienceFilter(ann.audience));
  const counts = countRecipients(recipients, now);
  const writes: Write[] = [markAnnouncementSentQuery(db, ann.id, counts, now)];
  let ref = `announcement:${ann.id}`;
  let keyPrefix = ref;
  let message = memo((lang: Lang) => announcementMessage(messagesFor(lang), ann.text));

  if (ann.kind === 'briefing') {
    const b = ann.briefingId == null ? undefined : await getBriefing(db, ann.briefingId);
    if (!b || b.status === 'cancelled') {
      await db.batch([closeDraftQuery(db, ann.id, 'cancelled', now)]);
      return { ok: false, reason: 'briefing_gone' };
    }
    if (b.startsAt.getTime() <= now.getTime()) {
      await db.batch([closeDraftQuery(db, ann.id, 'expired', now)]);
      return { ok: false, reason: 'briefing_started' };
    }
    ref = `briefing:${b.id}`;
    keyPrefix = `briefing:${b.id}:invite`;
    message = memo((lang: Lang) => briefingInviteMessage(messagesFor(lang), b, env.TIMEZONE));
    writes.push(markBriefingScheduledQuery(db, b.id, now));
  }

  writes.push(
    auditQuery(db, {
      actorMemberId,
      action: ann.kind === 'briefing' ? 'briefing_sent' : 'announcement_sent',
      detail: { announcementId: ann.id, briefingId: ann.briefingId, ref, audience: ann.audience, counts },
      at: now,
    }),
  );
  const rows = fanOutRows(recipients, { keyPrefix, ref, now, message: (r) => message(r.lang) });
  const queued = await commitFanOut(db, rows, now, writes);
  if (queued) deps.onQueued?.();
  return { ok: true, counts, queued, briefingId: ann.briefingId };
}
