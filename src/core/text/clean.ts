// Input hygiene (SPEC §6 "Bounded input"): every free text that may be stored (names, MCN names,
// channel links, article titles, announcements, briefing titles and places, campaign names...)
// passes through cleanText at the input boundary: chat messages in processInboundEvent, admin
// API bodies in their JSON readers, feed titles in cleanTitle. Control characters and the
// invisible bidirectional controls that can disguise a text (U+202E "RIGHT-TO-LEFT OVERRIDE"
// shows "gpj.exe" as "exe.jpg") are dropped, never a cut: a NUL byte inside a text is removed
// with the rest of the text kept.

/**
 * C0/C1 controls except tab and line feed (kept as layout), DEL, and the bidi and invisible
 * format characters: ALM U+061C, U+200B (zero width space), LRM/RLM U+200E/F, embeddings and
 * overrides U+202A–U+202E, word joiner and invisible operators U+2060–U+2064, isolates
 * U+2066–U+2069, BOM U+FEFF, interlinear annotations U+FFF9–U+FFFB. ZWJ/ZWNJ (U+200C/D) stay:
 * emoji sequences and some scripts need them.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/gu;

/** NFC, CR LF / CR as LF, tabs as spaces, unsafe characters removed. Line breaks stay. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(UNSAFE, '');
}

/** Every string inside a JSON value cleaned (an admin API body): keys and values. */
export function cleanJsonStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanJsonStrings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [cleanText(k), cleanJsonStrings(v)]));
  }
  return value;
}
