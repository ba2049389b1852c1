// Dates as people see them: in TIMEZONE, dd/mm/yyyy and HH:mm. Stored times are UTC.

// Building an Intl.DateTimeFormat is costly (sub-millisecond but on every message): one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(d: Date, timeZone: string) {
  const f = formatter(timeZone);
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  return { y: p.year!, m: p.month!, d: p.day!, hh: p.hour!, mm: p.minute! };
}

/** YYYY-MM-DD of the instant in the zone. */
export function localDate(d: Date, timeZone: string): string {
  const p = parts(d, timeZone);
  return `${p.y}-${p.m}-${p.d}`;
}

/** HH:mm of the instant in the zone. */
export function localTime(d: Date, timeZone: string): string {
  const p = parts(d, timeZone);
  return `${p.hh}:${p.mm}`;
}

/** dd/mm/yyyy of the instant in the zone. */
export function formatDate(d: Date, timeZone: string): string {
  const p = parts(d, timeZone);
  return `${p.d}/${p.m}/${p.y}`;
}

/** dd/mm/yyyy HH:mm of the instant in the zone. */
export function formatDateTime(d: Date, timeZone: string): string {
  const p = parts(d, timeZone);
  return `${p.d}/${p.m}/${p.y} ${p.hh}:${p.mm}`;
}

/** YYYY-MM-DD → dd/mm/yyyy (no zone involved). */
export function isoToDisplayDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Offset of the zone from UTC at an instant, in minutes (e.g. +420 for Asia/Ho_Chi_Minh). */
function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const p = parts(at, timeZone);
  const asUtc = Date.UTC(+p.y, +p.m - 1, +p.d, +p.hh, +p.mm);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The UTC instant of a local wall-clock time (YYYY-MM-DD, HH:mm) in the zone. */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const off1 = zoneOffsetMinutes(new Date(guess), timeZone);
  let utc = guess - off1 * 60_000;
  const off2 = zoneOffsetMinutes(new Date(utc), timeZone);
  if (off2 !== off1) utc = guess - off2 * 60_000;
  return new Date(utc);
}

/** Parses dd/mm/yyyy (also d/m/yyyy) into YYYY-MM-DD, or null when it is not a real date. */
export function parseDisplayDate(s: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
