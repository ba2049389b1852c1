// Finds campaign hashtags (Vietnamese letters allowed) in a message; matching them is done on foldForMatch keys.

/**
 * A tag is `#` + letters/marks/digits/underscore. The `#` must not follow a word char or URL
 * syntax, so "https://a.vn/x?y=1#frag" and "/#/route" do not yield tags.
 */
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&/#=?])#[\p{L}\p{M}\p{N}_]+/gu;

/** Hashtags in order of first appearance, as written (NFC), exact duplicates removed. "#2024" alone is not a tag. */
export function extractHashtags(text: string): string[] {
  const tags: string[] = [];
  for (const m of text.normalize('NFC').matchAll(HASHTAG)) {
    const tag = m[0];
    if (/\p{L}/u.test(tag) && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
