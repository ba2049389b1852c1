// Briefings for the admin API: the list with RSVP counts and reminder state, and the attendees
// CSV (UTF-8 with BOM so Excel shows Vietnamese, RFC 4180 quoting, formula-looking cells defused).
import type { Db } from '../../../db/client';
import { deliveryCountsByRef } from '../../../db/queries/announcements';
import { answerCounts, attendeeRows, countAudienceWithoutAnswer, getBriefing, listBriefings, type BriefingRow } from '../../../db/queries/briefings';
import { formatDateTime } from '../time';
import { toCsv } from '../text/csv';

export async function briefingReport(db: Db, opts: { limit: number; offset: number; timeZone: string }) {
  const rows = await listBriefings(db, opts);
  const ids = rows.map((b) => b.id);
  const counts = await answerCounts(db, ids);
  const deliveries = await deliveryCountsByRef(db, ids.map((id) => `briefing:${id}`));
  const out = [];
  for (const b of rows) {
    const c = counts.get(b.id) ?? { yes: 0, no: 0 };
    const noAnswer = b.status === 'scheduled' ? await countAudienceWithoutAnswer(db, b.id, b.audience) : null;
    out.push({
      ...briefingJson(b, opts.timeZone),
      rsvp: { yes: c.yes, no: c.no, noAnswer },
      deliveries: deliveries.get(`briefing:${b.id}`) ?? { total: {}, parts: {} },
    });
  }
  return out;
}

function briefingJson(b: BriefingRow, timeZone: string) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: b.id,
    ref: `briefing:${b.id}`,
    title: b.title,
    startsAt: b.startsAt.toISOString(),
    startsAtLocal: formatDateTime(b.startsAt, timeZone),
    place: b.place,
    status: b.status,
    audience: b.audience,
    createdByMemberId: b.createdByMemberId,
    createdAt: iso(b.createdAt),
    announcedAt: iso(b.announcedAt),
    reminded24hAt: iso(b.reminded24hAt),
    reminded1hAt: iso(b.reminded1hAt),
    cancelledAt: iso(b.cancelledAt),
    cancelledByMemberId: b.cancelledByMemberId,
  };
}

// The office shares these files with both Vietnamese and English speakers: bilingual headers.
const HEADERS = ['Họ tên / Name', 'MCN', 'Nền tảng / Platform', 'Trả lời / Answer', 'Thời điểm trả lời / Answered at'];
const ANSWERS = { yes: 'Tham dự / Attending', no: 'Không tham dự / Not attending', none: 'Chưa trả lời / No answer' };
const DELETED = '(đã xóa / deleted)';

/** The attendees CSV, or null when the briefing does not exist. */
export async function attendeesCsv(db: Db, id: number, timeZone: string): Promise<{ filename: string; csv: string } | null> {
  const b = await getBriefing(db, id);
  if (!b) return null;
  const rows = await attendeeRows(db, id, b.audience);
  const lines = rows.map((r) => [
    r.fullName ?? DELETED,
    r.mcnName ?? '',
    r.platform,
    ANSWERS[r.answer ?? 'none'],
    r.answeredAt ? formatDateTime(r.answeredAt, timeZone) : '',
  ]);
  return { filename: `briefing-${id}-attendees.csv`, csv: toCsv([HEADERS, ...lines]) };
}
