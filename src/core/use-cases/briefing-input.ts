// Parses `/hop <title> | <dd/mm/yyyy hh:mm> | <place or link>` and `/hop huy <id>` (pure: the
// clock and the zone are passed in).
import { foldForMatch } from '../text/fold';
import { parseDisplayDate, zonedToUtc } from '../time';

export type BriefingInput =
  | { ok: true; title: string; startsAt: Date; place: string }
  | { ok: false; error: 'format' | 'title' | 'place' }
  | { ok: false; error: 'when'; given: string }
  | { ok: false; error: 'past'; startsAt: Date };

const TITLE = { min: 3, max: 200 };
const PLACE = { min: 2, max: 300 };
const len = (s: string) => [...s].length;

/** "05/12/2026 14:00" (also "5/12/2026 9h30", "05/12/2026 14h") → YYYY-MM-DD and HH:mm, or null. */
export function parseDisplayDateTime(s: string): { date: string; time: string } | null {
  const m = /^\s*(\d{1,2}\/\d{1,2}\/\d{4})\s*(?:,|\s)\s*(\d{1,2})\s*(?::|h|g|\.)\s*(\d{2})?\s*$/iu.exec(s);
  if (!m) return null;
  const date = parseDisplayDate(m[1]!);
  const hh = Number(m[2]);
  const mm = Number(m[3] ?? '0');
  if (!date || hh > 23 || mm > 59) return null;
  return { date, time: `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}` };
}

export function parseBriefingInput(args: string, now: Date, timeZone: string): BriefingInput {
  const parts = args.split('|').map((p) => p.trim());
  if (parts.length < 3 || parts.slice(0, 3).some((p) => !p)) return { ok: false, error: 'format' };
  const title = parts[0]!.replace(/\s+/g, ' ');
  const place = parts.slice(2).join(' | ').trim();
  if (len(title) < TITLE.min || len(title) > TITLE.max) return { ok: false, error: 'title' };
  if (len(place) < PLACE.min || len(place) > PLACE.max) return { ok: false, error: 'place' };
  const when = parseDisplayDateTime(parts[1]!);
  if (!when) return { ok: false, error: 'when', given: parts[1]! };
  const startsAt = zonedToUtc(when.date, when.time, timeZone);
  if (startsAt.getTime() <= now.getTime()) return { ok: false, error: 'past', startsAt };
  return { ok: true, title, startsAt, place };
}

/** `huy 12`, `hủy #12`, `cancel 12` → "12"; null when the arguments are not a cancellation. */
export function parseCancelArgs(args: string): string | null {
  const m = /^(\S+)\s+#?(\S+)$/u.exec(args.trim());
  if (!m) return null;
  const word = foldForMatch(m[1]!);
  return word === 'huy' || word === 'cancel' ? m[2]! : null;
}

/** A briefing id as typed ("12", "#12"), or null. */
export function parseBriefingId(s: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(s.trim());
  return m ? Number(m[1]) : null;
}
