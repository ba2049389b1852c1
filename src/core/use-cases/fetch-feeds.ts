// Press feeds (FEEDS: RSS/Atom URLs) → article candidates. Candidates are only proposed to the
// officials (/them lists them); nothing here is ever sent to members. Uses the web-standard
// fetch and @extractus/feed-extractor on the text, so it runs on Node and on Workers alike.
import { extractFromXml, type FeedEntry } from '@extractus/feed-extractor';
import { claimJobRun, insertFeedCandidates, pruneFeedCandidates } from '../../../db/queries/digests';
import type { CoreDeps } from '../context';
import { errorFields } from '../logger';
import { cleanTitle, parseArticleUrl } from './add-article';

/** Feeds are read every 30 minutes; on Workers (one tick a minute) the period key makes it once. */
export const FEEDS_PERIOD_MS = 30 * 60_000;
/** Candidates older than this are dropped. */
export const CANDIDATE_TTL_MS = 7 * 24 * 3600_000;
const FEED_TIMEOUT_MS = 10_000;
const MAX_FEED_BYTES = 5 * 1024 * 1024;
const MAX_ENTRIES_PER_FEED = 100;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Feed titles often carry HTML entities twice encoded (`&amp;#8220;`): decode what is left. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export interface FeedCandidateInput {
  feedUrl: string;
  url: string;
  urlKey: string;
  title: string;
  outlet: string;
  publishedAt: Date | null;
  fetchedAt: Date;
}

/** Parses an RSS/Atom/RDF text into candidates (entries without a usable link or title are left out). */
export function parseFeed(xml: string, feedUrl: string, now: Date): FeedCandidateInput[] {
  const feed = extractFromXml(xml, { descriptionMaxLen: 0, baseUrl: feedUrl });
  const out: FeedCandidateInput[] = [];
  for (const e of (feed.entries ?? []).slice(0, MAX_ENTRIES_PER_FEED) as FeedEntry[]) {
    const link = e.link ? parseArticleUrl(e.link) : null;
    const title = e.title ? cleanTitle(decodeEntities(String(e.title)).replace(/<[^>]*>/g, '')) : null;
    if (!link || !title) continue;
    const published = e.published ? new Date(e.published) : null;
    out.push({
      feedUrl,
      url: link.url,
      urlKey: link.urlKey,
      title,
      outlet: link.outlet,
      publishedAt: published && !Number.isNaN(published.getTime()) ? published : null,
      fetchedAt: now,
    });
  }
  return out;
}

export interface FetchFeedsResult {
  feeds: number;
  added: number;
  failed: number;
}

/** Reads every feed once (a failing feed does not stop the others) and stores new candidates. */
export async function fetchFeeds(deps: CoreDeps, now: Date, fetchImpl: typeof fetch = fetch): Promise<FetchFeedsResult> {
  const result: FetchFeedsResult = { feeds: deps.env.FEEDS.length, added: 0, failed: 0 };
  for (const feedUrl of deps.env.FEEDS) {
    const host = safeHost(feedUrl);
    try {
      const res = await fetchImpl(feedUrl, {
        headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1' },
        signal: AbortSignal.timeout(FEED_TIMEOUT_MS),
        redirect: 'follow',
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const length = Number(res.headers.get('content-length') ?? 0);
      if (length > MAX_FEED_BYTES) throw new Error('feed too large');
      const text = await res.text();
      if (text.length > MAX_FEED_BYTES) throw new Error('feed too large');
      const added = await insertFeedCandidates(deps.db, parseFeed(text, feedUrl, now));
      result.added += added;
      deps.log.info('feed read', { host, added });
    } catch (err) {
      result.failed++;
      deps.log.warn('feed could not be read', { host, ...errorFields(err) });
    }
  }
  await pruneFeedCandidates(deps.db, new Date(now.getTime() - CANDIDATE_TTL_MS));
  return result;
}

/** The feeds job: once per 30-minute period (node-cron runs it then; a Worker tick every minute). */
export async function runFeedsSchedule(deps: CoreDeps, now: Date, fetchImpl?: typeof fetch): Promise<FetchFeedsResult | null> {
  if (deps.env.FEEDS.length === 0) return null;
  const period = new Date(Math.floor(now.getTime() / FEEDS_PERIOD_MS) * FEEDS_PERIOD_MS).toISOString().slice(0, 16);
  if (!(await claimJobRun(deps.db, `feeds:${period}`, now))) return null;
  return fetchFeeds(deps, now, fetchImpl);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
}
