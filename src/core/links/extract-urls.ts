// Finds the URLs in a chat message (with or without scheme) plus attachment URLs, in order of appearance.
import LinkifyIt from 'linkify-it';

export interface ExtractedUrl {
  /** The URL as written (trimmed of surrounding text/punctuation), or the attachment URL as given. */
  raw: string;
  source: 'text' | 'attachment';
  /** Offset of the first occurrence in the text, or the index in `extraUrls` for attachments. */
  index: number;
  /** How many times this exact string appeared in the text (attachments: always 1). */
  occurrences: number;
}

/**
 * linkify-it accepts any two-letter ccTLD plus a short list of gTLDs for scheme-less links;
 * these gTLDs show up in shared post links (fb.watch) or press/creator sites and are added.
 */
const EXTRA_TLDS = ['watch', 'app', 'dev', 'news', 'live', 'link', 'page', 'site', 'online', 'store', 'blog', 'social', 'video'];

/**
 * fuzzyEmail is off: with it on, linkify-it re-scans the whole rest of the text for an email at
 * every match once the text holds an `@` (every TikTok link does), which made a 50-link message
 * cost O(n²). Scheme-less matches that are emails ("a@b.com") are dropped in extractUrls instead.
 */
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false }).tlds(EXTRA_TLDS, true);

/**
 * A scheme-less match that is part of an email address: `@` before any `/` ("a@b.vn"), or glued
 * to an `@` on either side ("lienhe.so@vhtt.gov.vn" would otherwise yield the link "lienhe.so").
 */
function looksLikeEmail(text: string, m: { schema: string; raw: string; index: number; lastIndex: number }): boolean {
  if (m.schema !== '') return false;
  return /^[^/]*@/.test(m.raw) || text[m.index - 1] === '@' || text[m.lastIndex] === '@';
}

/**
 * linkify-it treats every char outside Unicode separators/punctuation/controls as a letter, so an
 * emoji glued to a URL ("nè👉https://…", "…/ZSk7aPq3R/🔥") would either hide the link or leak
 * into it. Non-ASCII symbols and invisible format chars are masked with spaces before matching,
 * one space per UTF-16 unit so offsets stay valid for the original text.
 */
const MASKED = /(?![\x21-\x7E])[\p{S}\p{Cf}\p{Co}\p{Cs}\uFE00-\uFE0F\u20E3]/gu;

/**
 * A URL only legitimately contains ASCII and letters/digits/marks (IDN paths), so a match is cut
 * at the first other char, e.g. a closing curly quote or "…" that linkify-it let through.
 */
const NOT_URL_CHAR = /[^\p{L}\p{M}\p{N}\x21-\x7E]/u;
/** Links glued by a comma/semicolon ("…pc,https://youtu.be/…") are two links: commas are legal in URLs. */
const GLUED_LINK = /[,;](?=https?:\/\/)/gi;
const TRAILING_PUNCT = /[.,;:!?'"]$/;
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function cleanMatch(raw: string): string {
  const cut = NOT_URL_CHAR.exec(raw);
  let s = cut ? raw.slice(0, cut.index) : raw;
  // After a cut the new end may be sentence punctuation ("…/abc.🔥") or an unmatched bracket.
  for (;;) {
    const last = s.slice(-1);
    const opener = CLOSERS[last];
    if (TRAILING_PUNCT.test(last)) s = s.slice(0, -1);
    else if (opener !== undefined && count(s, last) > count(s, opener)) s = s.slice(0, -1);
    else return s;
  }
}

/**
 * Scheme-less matches like "VH.TT" (an abbreviation that happens to end in a ccTLD) are not links.
 * Real hosts are typed in lower case or come with a path, so an all-caps bare host is dropped.
 */
function isLikelyAbbreviation(schema: string, s: string): boolean {
  return schema === '' && !/[/?#]/.test(s) && !/\p{Ll}/u.test(s);
}

export function extractUrls(text: string, extraUrls: readonly string[] = []): ExtractedUrl[] {
  const found = new Map<string, ExtractedUrl>();
  const add = (raw: string, index: number): void => {
    const seen = found.get(raw);
    if (seen) seen.occurrences++;
    else found.set(raw, { raw, source: 'text', index, occurrences: 1 });
  };

  const masked = text.replace(MASKED, (ch) => ' '.repeat(ch.length));
  const matches = masked && linkify.pretest(masked) ? (linkify.match(masked) ?? []) : [];
  for (const m of matches) {
    // Email addresses (fuzzy or mailto:) are contacts, not reported posts.
    if (m.schema === 'mailto:' || looksLikeEmail(masked, m)) continue;
    let offset = 0;
    for (const piece of m.raw.split(GLUED_LINK)) {
      const pieceOffset = offset;
      offset += piece.length + 1;
      const schema = pieceOffset === 0 ? m.schema : 'https:';
      const raw = cleanMatch(piece);
      if (raw.length === 0 || (schema === '' && !raw.includes('.'))) continue;
      if (isLikelyAbbreviation(schema, raw)) continue;
      add(raw, m.index + pieceOffset);
    }
  }
  extraUrls.forEach((u, i) => {
    const raw = u.trim();
    if (raw.length > 0 && !found.has(raw)) found.set(raw, { raw, source: 'attachment', index: i, occurrences: 1 });
  });
  // Map iteration follows insertion order, i.e. text order then attachments.
  return [...found.values()];
}
