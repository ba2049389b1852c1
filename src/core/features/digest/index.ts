// The daily press digest in chat: /them (officials add articles, by link or from the feeds'
// candidates), /tin (today's digest now), "Dùng bài N" (button `pick:<date>:<n>` or `dung N`),
// and the pick counts officials read (digestPickStatsText, merged into /thongke by the lead).
import { unusableReason } from '../../commands/unusable';
import { countArticles, findArticleByKey, insertArticleQuery, listArticles } from '../../../../db/queries/articles';
import { feedCandidatesByIds, findPick, insertPickQuery, latestQueuedDigestDate, listFeedCandidates, pickCounts } from '../../../../db/queries/digests';
import type { Messages } from '../../../i18n';
import type { HandlerContext } from '../../commands/handler-context';
import type { Registry } from '../../commands/registry';
import type { CoreDeps } from '../../context';
import { foldForMatch } from '../../text/fold';
import { isoToDisplayDate, localDate, parseDisplayDate } from '../../time';
import type { Line } from '../../types';
import { cleanTitle, IsoDateSchema, parseArticleUrl, TITLE_MAX, TITLE_MIN, type ArticleLink } from '../../use-cases/add-article';
import { digestArticles, nextDigestDate } from '../../use-cases/queue-digest';
import { buildDigestMessage, DIGEST_MAX_ARTICLES } from './message';

export const ADD_ARTICLE_FLOW = 'add-article';
export const CANDIDATES_FLOW = 'them-candidates';
/** How long a candidate list stays answerable by number. */
const CANDIDATES_TTL_MS = 30 * 60_000;
/** Candidates older than this are not proposed any more. */
const CANDIDATES_MAX_AGE_MS = 3 * 24 * 3600_000;
const CANDIDATES_SHOWN = 10;

interface PendingArticle extends ArticleLink {
  date: string;
}

interface CandidateList {
  date: string;
  ids: number[];
}

export function registerDigest(registry: Registry): void {
  registry.commands.set('them', themCommand);
  registry.commands.set('tin', tinCommand);
  registry.commands.set('dung', dungCommand);
  registry.callbacks.set('pick', pickCallback);
  registry.conversations.set(ADD_ARTICLE_FLOW, titleAnswer);
  registry.conversations.set(CANDIDATES_FLOW, candidateAnswer);
  // A sticker or photo is no title and no number: the reason and the question again.
  registry.nonText.set(ADD_ARTICLE_FLOW, async (ctx) => ctx.reply([unusableReason(ctx), ctx.t.digestAskTitle()].join('\n')));
  registry.nonText.set(CANDIDATES_FLOW, async (ctx) =>
    ctx.reply([unusableReason(ctx), ctx.t.digestCandidateUnknown({ max: (ctx.conversation!.data as unknown as CandidateList).ids.length })].join('\n')),
  );
}

// ---- /them -------------------------------------------------------------------------------

async function themCommand(ctx: HandlerContext, args: string): Promise<void> {
  const text = args.trim();
  if (!text) return listCandidates(ctx);
  const numbers = parseNumbers(text);
  if (numbers) {
    const list = ctx.conversation?.flow === CANDIDATES_FLOW ? (ctx.conversation.data as unknown as CandidateList) : null;
    return addCandidates(ctx, numbers, list);
  }
  return addByUrl(ctx, text);
}

/** "2", "1 3", "1, 3" → numbers; anything else → null. */
function parseNumbers(text: string): number[] | null {
  if (!/^\d{1,3}(?:[\s,;]+\d{1,3})*$/.test(text.trim())) return null;
  return [...new Set(text.trim().split(/[\s,;]+/).map(Number))];
}

async function addByUrl(ctx: HandlerContext, text: string): Promise<void> {
  const [first = '', ...rest] = text.split(/\s+/);
  const link = parseArticleUrl(first);
  if (!link) return ctx.reply(ctx.t.digestBadUrl());
  const date = await nextDigestDate(ctx.deps, ctx.now);
  if (await findArticleByKey(ctx.deps.db, date, link.urlKey)) return ctx.reply(ctx.t.digestArticleDuplicate({ date: isoToDisplayDate(date) }));
  const rawTitle = rest.join(' ').replace(/^[|:\-–—]\s*/, '');
  const title = cleanTitle(rawTitle);
  if (!title) {
    // Never fetch the page for its title: ask the official.
    const pending: PendingArticle = { ...link, date };
    ctx.startConversation(ADD_ARTICLE_FLOW, 'title', { ...pending });
    return ctx.reply(rawTitle.trim() ? ctx.t.digestTitleInvalid({ min: TITLE_MIN, max: TITLE_MAX }) : ctx.t.digestAskTitle());
  }
  await addInChat(ctx, [{ ...link, date, title }]);
}

async function titleAnswer(ctx: HandlerContext, text: string): Promise<void> {
  const pending = ctx.conversation!.data as unknown as PendingArticle;
  const title = cleanTitle(text);
  if (!title) return ctx.reply(ctx.t.digestTitleInvalid({ min: TITLE_MIN, max: TITLE_MAX }));
  ctx.endConversation();
  if (await findArticleByKey(ctx.deps.db, pending.date, pending.urlKey)) {
    return ctx.reply(ctx.t.digestArticleDuplicate({ date: isoToDisplayDate(pending.date) }));
  }
  await addInChat(ctx, [{ ...pending, title }]);
}

/** Adds articles in this event's batch and answers with one message (numbers as they will be sent). */
async function addInChat(ctx: HandlerContext, items: (PendingArticle & { title: string })[]): Promise<void> {
  const lines: string[] = [];
  const counts = new Map<string, number>();
  for (const a of items) {
    const display = isoToDisplayDate(a.date);
    const before = counts.get(a.date) ?? (await countArticles(ctx.deps.db, a.date));
    const n = before + 1;
    counts.set(a.date, n);
    ctx.write(
      insertArticleQuery(ctx.deps.db, {
        digestDate: a.date,
        url: a.url,
        urlKey: a.urlKey,
        title: a.title,
        outlet: a.outlet,
        source: 'chat',
        addedByMemberId: ctx.member?.id ?? null,
        at: ctx.now,
      }),
    );
    lines.push(ctx.t.digestArticleAdded({ n, date: display, title: a.title, outlet: a.outlet }));
    if (n > DIGEST_MAX_ARTICLES) lines.push(ctx.t.digestArticleOverLimit({ max: DIGEST_MAX_ARTICLES }));
  }
  ctx.reply(lines.join('\n'));
}

async function listCandidates(ctx: HandlerContext): Promise<void> {
  const { db } = ctx.deps;
  const date = await nextDigestDate(ctx.deps, ctx.now);
  const display = isoToDisplayDate(date);
  const day = await listArticles(db, date);
  const taken = new Set(day.map((a) => a.urlKey));
  const lines: Line[] = [ctx.t.digestDayStatus({ date: display, count: day.length })];
  const list = await listFeedCandidates(db, { since: new Date(ctx.now.getTime() - CANDIDATES_MAX_AGE_MS), limit: CANDIDATES_SHOWN });
  if (list.length === 0) {
    lines.push(ctx.t.digestNoCandidates());
    return ctx.reply({ lines });
  }
  lines.push('', ctx.t.digestCandidatesHeading({ date: display }));
  // Candidates already in the day stay listed (marked), so the numbers do not move between lists.
  list.forEach((c, i) =>
    lines.push([
      { text: `${i + 1}. ` },
      { text: c.title, href: c.url },
      { text: ` (${c.outlet})${taken.has(c.urlKey) ? ` ${ctx.t.digestCandidateTaken()}` : ''}` },
    ]),
  );
  const data: CandidateList = { date, ids: list.map((c) => c.id) };
  ctx.startConversation(CANDIDATES_FLOW, 'pick', { ...data }, CANDIDATES_TTL_MS);
  ctx.reply({ lines });
}

async function candidateAnswer(ctx: HandlerContext, text: string): Promise<void> {
  const list = ctx.conversation!.data as unknown as CandidateList;
  // "2", "them 2", "thêm 1 3"
  const stripped = foldForMatch(text).replace(/^\/?\s*(them|addarticle|thembai)\b/, '').trim();
  const numbers = parseNumbers(stripped);
  if (numbers) return addCandidates(ctx, numbers, list);
  const [first = ''] = text.replace(/^\/?\s*(th[eê]m)\s+/i, '').split(/\s+/);
  if (parseArticleUrl(first) && /[./]/.test(first)) {
    ctx.endConversation();
    return addByUrl(ctx, text.replace(/^\/?\s*(th[eê]m)\s+/i, ''));
  }
  ctx.reply(ctx.t.digestCandidateUnknown({ max: list.ids.length }));
}

async function addCandidates(ctx: HandlerContext, numbers: number[], list: CandidateList | null): Promise<void> {
  const { db } = ctx.deps;
  let ids: number[];
  let date: string;
  if (list) {
    ({ ids, date } = list);
  } else {
    date = await nextDigestDate(ctx.deps, ctx.now);
    const current = await listFeedCandidates(db, { since: new Date(ctx.now.getTime() - CANDIDATES_MAX_AGE_MS), limit: CANDIDATES_SHOWN });
    ids = current.map((c) => c.id);
  }
  if (ids.length === 0) return ctx.reply(ctx.t.digestNoCandidates());
  if (numbers.some((n) => n < 1 || n > ids.length)) return ctx.reply(ctx.t.digestCandidateUnknown({ max: ids.length }));
  if (ctx.conversation?.flow === CANDIDATES_FLOW) ctx.endConversation();
  const chosen = numbers.map((n) => ids[n - 1]!);
  const byId = new Map((await feedCandidatesByIds(db, chosen)).map((c) => [c.id, c]));
  const toAdd: (PendingArticle & { title: string })[] = [];
  const lines: string[] = [];
  for (const id of chosen) {
    const c = byId.get(id);
    if (!c) continue; // pruned meanwhile
    if (await findArticleByKey(db, date, c.urlKey)) {
      lines.push(ctx.t.digestArticleDuplicate({ date: isoToDisplayDate(date) }));
      continue;
    }
    toAdd.push({ url: c.url, urlKey: c.urlKey, outlet: c.outlet, title: c.title, date });
  }
  if (toAdd.length) await addInChat(ctx, toAdd);
  if (lines.length) ctx.reply(lines.join('\n'));
}

// ---- /tin --------------------------------------------------------------------------------

/** Today's digest to this member now, built by the same code as the scheduled one. */
async function tinCommand(ctx: HandlerContext): Promise<void> {
  const date = localDate(ctx.now, ctx.deps.env.TIMEZONE);
  const items = await digestArticles(ctx.deps, date);
  if (items.length === 0) return ctx.reply(ctx.t.digestNothingToday({ date: isoToDisplayDate(date) }));
  ctx.reply(buildDigestMessage(ctx.t, date, items));
}

// ---- "Dùng bài N" ------------------------------------------------------------------------

/** Telegram button `pick:<date>:<n>` (a Zalo tap sends `dung <n>` instead). */
async function pickCallback(ctx: HandlerContext, data: string): Promise<void> {
  const m = /^(\d{4}-\d{2}-\d{2}):(\d{1,2})$/.exec(data);
  if (!m || !IsoDateSchema.safeParse(m[1]).success) return;
  if (!ctx.member || (!ctx.member.registeredAt && ctx.role !== 'official')) return ctx.reply(ctx.t.notRegistered());
  await recordPick(ctx, m[1]!, Number(m[2]));
}

/** `dung 2` (the latest digest) or `dung 2 21/11/2026`. */
async function dungCommand(ctx: HandlerContext, args: string): Promise<void> {
  const m = /^(?:bai\s*)?(\d{1,2})(?:\s+(\S+))?$/.exec(foldForMatch(args).trim());
  if (!m) return ctx.reply(ctx.t.digestPickUsage());
  const today = localDate(ctx.now, ctx.deps.env.TIMEZONE);
  let date: string | null = null;
  if (m[2]) {
    date = parseDisplayDate(m[2]) ?? (IsoDateSchema.safeParse(m[2]).success ? m[2] : null);
    if (!date) return ctx.reply(ctx.t.digestPickUsage());
  }
  date ??= (await latestQueuedDigestDate(ctx.deps.db, today)) ?? today;
  await recordPick(ctx, date, Number(m[1]));
}

async function recordPick(ctx: HandlerContext, date: string, n: number): Promise<void> {
  const member = ctx.member!;
  const items = await digestArticles(ctx.deps, date);
  if (items.length === 0) return ctx.reply(ctx.t.digestPickNoDigest());
  if (n < 1 || n > items.length) return ctx.reply(ctx.t.digestPickUnknown({ date: isoToDisplayDate(date), max: items.length }));
  const article = items[n - 1]!;
  if (await findPick(ctx.deps.db, article.id, member.id)) return ctx.reply(ctx.t.digestPickAlready({ n }));
  ctx.write(
    insertPickQuery(ctx.deps.db, {
      digestDate: date,
      articleId: article.id,
      memberId: member.id,
      mcnId: member.mcnId ?? null,
      platform: ctx.msg.platform,
      at: ctx.now,
    }),
  );
  ctx.reply(ctx.t.digestPickRecorded({ n, title: article.title }));
}

// ---- officials' pick counts ----------------------------------------------------------------

/**
 * Lines for officials: per article of a date's digest, how many members (and MCNs) said they
 * use it. Without a date: the latest queued digest, else today. For /thongke (the lead merges it).
 */
export async function digestPickStatsText(ctx: { deps: CoreDeps; t: Messages; now: Date }, date?: string): Promise<string[]> {
  const { db } = ctx.deps;
  const today = localDate(ctx.now, ctx.deps.env.TIMEZONE);
  const day = date ?? (await latestQueuedDigestDate(db, today)) ?? today;
  const display = isoToDisplayDate(day);
  const items = await digestArticles(ctx.deps, day);
  if (items.length === 0) return [ctx.t.digestStatsNone({ date: display })];
  const counts = await pickCounts(db, day);
  return [
    ctx.t.digestStatsHeading({ date: display }),
    ...items.map((a, i) => {
      const c = counts.get(a.id);
      return ctx.t.digestStatsLine({ n: i + 1, title: a.title, outlet: a.outlet, members: c?.members ?? 0, mcns: c?.mcns ?? 0 });
    }),
  ];
}
