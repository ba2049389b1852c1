// The audit trail for the admin API: every announcement and briefing invitation, who sent it,
// when, to whom (audience, counts per platform) and the delivery outcome from the outbox.
import { deliveryCountsByRef, getAnnouncement, listAnnouncements, type AnnouncementRow } from '../../../db/queries/announcements';

/** `announcement:<id>`, or `briefing:<id>` for a briefing's invitation (and its reminders). */
export function refOf(a: Pick<AnnouncementRow, 'id' | 'kind' | 'briefingId'>): string {
  return a.kind === 'briefing' && a.briefingId != null ? `briefing:${a.briefingId}` : `announcement:${a.id}`;
}

/** A draft past its expiry is reported as expired. */
export function effectiveStatus(a: Pick<AnnouncementRow, 'status' | 'expiresAt'>, now: Date): AnnouncementRow['status'] {
  return a.status === 'draft' && a.expiresAt.getTime() <= now.getTime() ? 'expired' : a.status;
}

const EMPTY = { queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };

export async function announcementReport(db: Parameters<typeof listAnnouncements>[0], opts: { limit: number; offset: number; now: Date; id?: number }) {
  const rows = opts.id != null ? [await getAnnouncement(db, opts.id)].filter((r): r is AnnouncementRow => Boolean(r)) : await listAnnouncements(db, opts);
  const deliveries = await deliveryCountsByRef(db, [...new Set(rows.map(refOf))]);
  return rows.map((a) => {
    const ref = refOf(a);
    const d = deliveries.get(ref);
    return {
      id: a.id,
      kind: a.kind,
      briefingId: a.briefingId,
      ref,
      status: effectiveStatus(a, opts.now),
      text: a.text,
      audience: a.audience,
      createdByMemberId: a.createdByMemberId,
      createdAt: a.createdAt.toISOString(),
      expiresAt: a.expiresAt.toISOString(),
      sentAt: a.sentAt?.toISOString() ?? null,
      previewCounts: a.previewCounts,
      counts: a.counts,
      deliveries: { ...EMPTY, ...d?.total },
      ...(a.kind === 'briefing' ? { deliveriesByPart: d?.parts ?? {} } : {}),
    };
  });
}
