// addArticle: one press article into a day's digest (admin API; the chat command shares the
// parsing and the insert). Outlet from the host unless given; once per normalised URL and day.
import { cleanText } from '../text/clean';
import { z } from 'zod';
import { insertArticle, findArticleByKey, countArticles, type ArticleRow } from '../../../db/queries/articles';
import type { CoreDeps } from '../context';
import { normaliseUrl, outletName } from '../links';
import { nextDigestDate } from './queue-digest';

export const TITLE_MIN = 3;
export const TITLE_MAX = 300;
export const OUTLET_MAX = 100;

export interface ArticleLink {
  /** The link as given, with https:// added when no scheme was typed. */
  url: string;
  /** Normalised (the duplicate check). */
  urlKey: string;
  outlet: string;
}

/** Reads an article link (with or without https://); null when it is not a usable web link. */
export function parseArticleUrl(raw: string): ArticleLink | null {
  const trimmed = raw.normalize('NFC').trim().replace(/^<(.*)>$/, '$1');
  if (!trimmed || /\s/.test(trimmed)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (!parsed.hostname.includes('.')) return null;
  const norm = normaliseUrl(withScheme);
  if (!norm.ok) return null;
  return { url: parsed.toString(), urlKey: norm.url, outlet: outletName(norm.host) };
}

/** NFC, whitespace collapsed; null unless 3–300 characters. */
export function cleanTitle(raw: string): string | null {
  const t = cleanText(raw).replace(/\s+/gu, ' ').trim();
  const len = [...t].length;
  return len >= TITLE_MIN && len <= TITLE_MAX ? t : null;
}

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'is not a real date');

export const AddArticleSchema = z.object({
  url: z.string().min(1).max(2048),
  title: z.string(),
  outlet: z.string().trim().min(1).max(OUTLET_MAX).optional(),
  date: IsoDateSchema.optional(),
});
export type AddArticleInput = z.input<typeof AddArticleSchema>;

export type AddArticleResult =
  | { ok: true; article: ArticleRow; /** 1-based place in the day's digest. */ number: number }
  | { ok: false; reason: 'invalid_url' | 'invalid_title'; message: string }
  | { ok: false; reason: 'duplicate'; existing: ArticleRow };

export async function addArticle(
  deps: CoreDeps,
  input: AddArticleInput,
  by: { source: 'api' | 'chat' | 'feed'; memberId: number | null },
): Promise<AddArticleResult> {
  const data = AddArticleSchema.parse(input);
  const now = deps.clock.now();
  const link = parseArticleUrl(data.url);
  if (!link) return { ok: false, reason: 'invalid_url', message: 'url must be an http(s) link to an article.' };
  const title = cleanTitle(data.title);
  if (!title) return { ok: false, reason: 'invalid_title', message: `title must be ${TITLE_MIN}-${TITLE_MAX} characters.` };
  const date = data.date ?? (await nextDigestDate(deps, now));
  const before = await countArticles(deps.db, date);
  const article = await insertArticle(deps.db, {
    digestDate: date,
    url: link.url,
    urlKey: link.urlKey,
    title,
    outlet: data.outlet?.normalize('NFC') ?? link.outlet,
    source: by.source,
    addedByMemberId: by.memberId,
    at: now,
  });
  if (!article) return { ok: false, reason: 'duplicate', existing: (await findArticleByKey(deps.db, date, link.urlKey))! };
  return { ok: true, article, number: before + 1 };
}
