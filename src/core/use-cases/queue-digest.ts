// The daily digest fan-out: one code path for the schedule (runDigestSchedule), the admin API
// (POST /api/digests/<date>/send) and, for the articles and the message, /tin.
// Idempotent by construction: every outbox row has the key
// `digest:<date>:member:<id>:<platform>:<identityId>`, so a double tick, a restart or the API on
// top of the schedule never gives anyone the same digest twice.
import { articlesByIds, listArticles, type ArticleRow } from '../../../db/queries/articles';
import { findDigest, insertEmptyDigestQuery, writeDigestFanout, type DigestRow } from '../../../db/queries/digests';
import { insertOutboxQuery, type OutboxInsert } from '../../../db/queries/outbox';
import { officialRecipients } from '../../../db/queries/recipients';
import { messagesFor } from '../../i18n';
import { textMessage } from '../commands/handler-context';
import type { CoreDeps } from '../context';
import { buildDigestMessage, DIGEST_MAX_ARTICLES } from '../features/digest/message';
import { isInsideZaloWindow, ZALO_WINDOW_MS } from '../outbox/zalo-window';
import { isoToDisplayDate, localDate, localTime } from '../time';
import { queueZaloTemplateFallback } from './zalo-template-fallback';

export const digestRef = (date: string) => `digest:${date}`;

/** YYYY-MM-DD of the next calendar day. */
export function nextIsoDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The articles of a date's digest, in order: the ones that went out if it was queued (so
 * "Dùng bài 2" keeps meaning what the member saw), else the first ten of the day.
 */
export async function digestArticles(deps: Pick<CoreDeps, 'db'>, date: string, row?: DigestRow | null): Promise<ArticleRow[]> {
  const digest = row === undefined ? await findDigest(deps.db, date) : row;
  if (digest?.status === 'queued' && digest.articleIds?.length) return articlesByIds(deps.db, digest.articleIds);
  return (await listArticles(deps.db, date)).slice(0, DIGEST_MAX_ARTICLES);
}

/**
 * The one rule for "which day does a new article go to" (chat /them, the API without a date, the
 * console's default day): today, unless today's digest has already gone out; then tomorrow. A day
 * the schedule found empty is not closed: articles added later stay on today, and an official
 * sends that late digest (chat /guitin with a confirmation, the console, or the API).
 */
export async function nextDigestDate(deps: Pick<CoreDeps, 'db' | 'env'>, now: Date): Promise<string> {
  const today = localDate(now, deps.env.TIMEZONE);
  return (await findDigest(deps.db, today))?.status === 'queued' ? nextIsoDate(today) : today;
}

export interface QueueDigestResult {
  date: string;
  /** `empty`: the date has no articles, nothing was queued. */
  status: 'queued' | 'empty';
  articles: number;
  /** Outbox rows of the digest after this call (one per member and platform identity). */
  recipients: number;
  /** New rows to send. */
  queued: number;
  /** New rows recorded as skipped (Zalo outside the 7-day window). */
  skipped: number;
  /** Rows that existed from an earlier call (not queued again). */
  alreadyQueued: number;
  /** Paid Zalo templates queued for members outside the window (SPEC §4; 0 when the fallback is off). */
  templates: number;
}

/**
 * Queues a date's digest for every push recipient (pushRecipients: registered, consenting,
 * active, following), one row per member and platform identity, in one atomic batch; Zalo
 * recipients outside the 7-day window are recorded as skipped (`zalo_outside_window`).
 */
export async function queueDigest(
  deps: CoreDeps,
  date: string,
  opts: { now: Date; trigger: 'schedule' | 'api' | 'chat' },
): Promise<QueueDigestResult> {
  const { db } = deps;
  const { now } = opts;
  const existing = (await findDigest(db, date)) ?? null;
  const items = await digestArticles(deps, date, existing);
  const result: QueueDigestResult = { date, status: 'empty', articles: items.length, recipients: 0, queued: 0, skipped: 0, alreadyQueued: 0, templates: 0 };
  if (items.length === 0) return result;

  const messages = { vi: buildDigestMessage(messagesFor('vi'), date, items), en: buildDigestMessage(messagesFor('en'), date, items) };
  let woke = false;
  const counts = await writeDigestFanout(
    db,
    { date, ref: digestRef(date), articleIds: items.map((a) => a.id), trigger: opts.trigger, messages, zaloCutoff: zaloWindowCutoff(now), now },
    {
      // Let the event loop answer webhooks between steps, and start sending the first rows.
      afterStep: async () => {
        if (!woke) {
          woke = true;
          deps.onQueued?.();
        }
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    },
  );
  if (counts.queued > 0) deps.onQueued?.();
  const templates = await queueZaloTemplateFallback(deps, date, items.length, now);
  Object.assign(result, {
    templates: templates?.queued ?? 0,
    status: 'queued',
    recipients: counts.existing + counts.queued + counts.skipped,
    queued: counts.queued,
    skipped: counts.skipped,
    alreadyQueued: counts.existing,
  });
  deps.log.info('digest queued', {
    date,
    trigger: opts.trigger,
    articles: items.length,
    queued: counts.queued,
    skipped: counts.skipped,
    alreadyQueued: counts.existing,
  });
  return result;
}

/**
 * The latest last-inbound time that is outside the Zalo 7-day window at `now`. Found from
 * isInsideZaloWindow itself, so the fan-out's SQL and the dispatcher never disagree on the edge.
 */
export function zaloWindowCutoff(now: Date): Date {
  let inside = now.getTime();
  let outside = inside - ZALO_WINDOW_MS;
  while (isInsideZaloWindow(new Date(outside), now)) outside -= ZALO_WINDOW_MS;
  while (inside - outside > 1) {
    const mid = Math.floor((inside + outside) / 2);
    if (isInsideZaloWindow(new Date(mid), now)) inside = mid;
    else outside = mid;
  }
  return new Date(outside);
}

export type DigestTick = 'early' | 'done' | 'queued' | 'empty';

/**
 * The schedule's decision, from `now` alone: at or after DIGEST_TIME (TIMEZONE) and today's
 * digest not dealt with yet → queue it; a day without articles → tell the officials once.
 * A late tick catches up the same day; a second tick finds the digest row and does nothing.
 */
export async function runDigestSchedule(deps: CoreDeps, now: Date): Promise<DigestTick> {
  const tz = deps.env.TIMEZONE;
  if (localTime(now, tz) < deps.env.DIGEST_TIME) return 'early';
  const date = localDate(now, tz);
  if (await findDigest(deps.db, date)) return 'done';
  const r = await queueDigest(deps, date, { now, trigger: 'schedule' });
  if (r.status === 'empty') await notifyEmptyDigest(deps, date, now);
  return r.status;
}

/** "Hôm nay chưa có bài nào…": the officials hear it once (the digest row and the keys guard it). */
async function notifyEmptyDigest(deps: CoreDeps, date: string, now: Date): Promise<void> {
  const { db } = deps;
  const officials = await officialRecipients(db);
  const rows: OutboxInsert[] = officials.map((o) => ({
    idempotencyKey: `digest-empty:${date}:${o.identityId}`,
    ref: `digest-empty:${date}`,
    platform: o.platform,
    chatId: o.chatId,
    identityId: o.identityId,
    memberId: o.memberId,
    message: textMessage(messagesFor(o.lang).digestEmptyNotice({ date: isoToDisplayDate(date), next: isoToDisplayDate(nextIsoDate(date)) })),
  }));
  const mark = insertEmptyDigestQuery(db, date, now);
  const results = rows.length ? await db.batch([mark, insertOutboxQuery(db, rows, now)]) : await db.batch([mark]);
  if (results[0].length > 0) {
    deps.log.info('digest empty: officials told', { date, officials: rows.length });
    if (rows.length) deps.onQueued?.();
  }
}
