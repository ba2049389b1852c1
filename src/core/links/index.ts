// Public API of the link-intake library: extract, normalise and classify the post links in a report message.
import { extractUrls } from './extract-urls';
import { normaliseUrl } from './normalise-url';
import type { NormalisedLink, RejectedLink } from './normalise-url';

export { extractUrls } from './extract-urls';
export type { ExtractedUrl } from './extract-urls';
export { normaliseUrl, MAX_URL_LENGTH } from './normalise-url';
export type { NormalisedLink, RejectedLink, RejectReason } from './normalise-url';
export { classifyPlatform, outletName, PRESS_OUTLETS } from './classify-platform';
export type { LinkPlatform } from './classify-platform';
export { extractHashtags } from './hashtags';

export interface ReportedLinks {
  /** Distinct canonical URLs, first occurrence wins, in message order. */
  accepted: NormalisedLink[];
  rejected: RejectedLink[];
  /**
   * Links written more than once in the text (same string, or another form of the same canonical
   * URL). Attachment URLs that repeat a text link are merged silently: Zalo sends the link the
   * user typed again as a link attachment, which is not a user duplicate.
   */
  duplicatesInMessage: number;
  /** Distinct links past MAX_LINKS_PER_MESSAGE: not looked at, only counted (SPEC §6). */
  leftOut: number;
}

/** A message reports at most this many links (the first ones); the reply says how many were left out. */
export const MAX_LINKS_PER_MESSAGE = 50;

export function parseReportedLinks(text: string, extraUrls: readonly string[] = [], max = MAX_LINKS_PER_MESSAGE): ReportedLinks {
  const accepted: NormalisedLink[] = [];
  const rejected: RejectedLink[] = [];
  const seen = new Set<string>();
  let duplicatesInMessage = 0;
  const all = extractUrls(text, extraUrls);
  const leftOut = Math.max(0, all.length - max);
  for (const e of all.slice(0, max)) {
    const fromText = e.source === 'text';
    if (fromText) duplicatesInMessage += e.occurrences - 1;
    const link = normaliseUrl(e.raw);
    if (!link.ok) {
      rejected.push(link);
    } else if (seen.has(link.url)) {
      if (fromText) duplicatesInMessage++;
    } else {
      seen.add(link.url);
      accepted.push(link);
    }
  }
  return { accepted, rejected, duplicatesInMessage, leftOut };
}
