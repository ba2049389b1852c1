// The console's campaign pages (issue 16): a campaign's posts with filters in newest-first keyset
// pages, counts per status, posts per day per platform, rankings of MCNs and creators by valid
// posts, and the review update. Every read names the campaign first and is served by one of the
// posts_campaign_* indexes (test/integration/console-plans.test.ts checks the plans).
import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { campaignPostCounts, campaigns, mcns, members, posts, type PostStatus } from '../schema';
import type { LinkPlatform } from '../../src/core/links';
import type { PostView } from './posts';

export interface CampaignPostFilter {
  campaignId: number;
  status?: PostStatus | undefined;
  platform?: LinkPlatform | undefined;
  /** 0 = independent reporters (no MCN). */
  mcnId?: number | undefined;
  memberId?: number | undefined;
  /** reported_at in [fromMs, toMs) (UTC epoch ms of local day boundaries). */
  fromMs?: number | undefined;
  toMs?: number | undefined;
}

/** Where the next (older) page starts: the last row of this one. */
export interface PostCursor {
  at: number;
  id: number;
}

/** A post as the review page lists it: the post view without what the page already knows (campaign, host, content id). */
export type ReviewPostRow = Omit<PostView, 'campaignId' | 'campaignName' | 'host' | 'contentId'>;

function conditions(f: CampaignPostFilter, withStatus = true): SQL[] {
  const c: SQL[] = [eq(posts.campaignId, f.campaignId)];
  if (withStatus && f.status) c.push(eq(posts.status, f.status));
  if (f.platform) c.push(eq(posts.platform, f.platform));
  if (f.mcnId !== undefined) c.push(f.mcnId === 0 ? isNull(posts.mcnId) : eq(posts.mcnId, f.mcnId));
  if (f.memberId !== undefined) c.push(eq(posts.memberId, f.memberId));
  if (f.fromMs !== undefined) c.push(gte(posts.reportedAt, new Date(f.fromMs)));
  if (f.toMs !== undefined) c.push(lt(posts.reportedAt, new Date(f.toMs)));
  return c;
}

/** One page of a campaign's posts, newest report first (ties by id), after `before`. */
export async function campaignPostPage(db: Db, f: CampaignPostFilter, page: { before?: PostCursor | undefined; limit: number }): Promise<ReviewPostRow[]> {
  const c = conditions(f);
  if (page.before) {
    // `<=` first: a range on the index; the OR alone would read both branches and sort them.
    const at = new Date(page.before.at);
    c.push(lte(posts.reportedAt, at), or(lt(posts.reportedAt, at), lt(posts.id, page.before.id))!);
  }
  return db
    .select({
      id: posts.id,
      url: posts.url,
      rawUrl: posts.rawUrl,
      platform: posts.platform,
      short: posts.short,
      memberId: posts.memberId,
      memberName: members.fullName,
      reporterPlatform: posts.reporterPlatform,
      mcnId: posts.mcnId,
      mcnName: mcns.name,
      reportedAt: posts.reportedAt,
      status: posts.status,
      reviewNote: posts.reviewNote,
      reviewedAt: posts.reviewedAt,
    })
    .from(posts)
    .leftJoin(members, eq(members.id, posts.memberId))
    .leftJoin(mcns, eq(mcns.id, posts.mcnId))
    .where(and(...c))
    .orderBy(desc(posts.reportedAt), desc(posts.id))
    .limit(page.limit);
}

export interface StatusTally {
  total: number;
  pending: number;
  valid: number;
  invalid: number;
}

const tally = (rows: { status: PostStatus; n: number }[]): StatusTally => {
  const t: StatusTally = { total: 0, pending: 0, valid: 0, invalid: 0 };
  for (const r of rows) {
    t[r.status] += Number(r.n);
    t.total += Number(r.n);
  }
  return t;
};

/** Posts per status among those the filter shows (the status filter itself left out). */
export async function campaignStatusTally(db: Db, f: CampaignPostFilter): Promise<StatusTally> {
  const where = conditions(f, false);
  // No filter: the trigger-kept counts (a few rows instead of ~83,000 index entries).
  if (where.length === 1) return (await campaignsStatusTally(db, [f.campaignId])).get(f.campaignId)!;
  // With a filter, `+status` keeps the planner from reading posts_campaign_status_idx for its
  // order (then every row's platform or date comes from the table): the filter's index is used.
  const rows = await db
    .select({ status: posts.status, n: sql<number>`count(*)` })
    .from(posts)
    .where(and(...where))
    .groupBy(sql`+${posts.status}`);
  return tally(rows);
}

/** Posts per status of several campaigns, from campaign_post_counts (kept by triggers on posts). */
export async function campaignsStatusTally(db: Db, ids: number[]): Promise<Map<number, StatusTally>> {
  const out = new Map<number, StatusTally>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ campaignId: campaignPostCounts.campaignId, status: campaignPostCounts.status, n: campaignPostCounts.n })
    .from(campaignPostCounts)
    .where(inArray(campaignPostCounts.campaignId, ids));
  for (const id of ids) out.set(id, tally(rows.filter((r) => r.campaignId === id)));
  return out;
}

/** The first and last report times of a campaign (two index seeks), or null without posts. */
export async function campaignReportSpan(db: Db, campaignId: number): Promise<{ first: Date; last: Date } | null> {
  const [r] = await db
    .select({
      first: sql<number | null>`(SELECT min(${posts.reportedAt}) FROM ${posts} WHERE ${posts.campaignId} = ${campaignId})`,
      last: sql<number | null>`(SELECT max(${posts.reportedAt}) FROM ${posts} WHERE ${posts.campaignId} = ${campaignId})`,
    })
    .from(sql`(SELECT 1)`);
  return r?.first == null || r.last == null ? null : { first: new Date(Number(r.first)), last: new Date(Number(r.last)) };
}

/**
 * Posts per day and platform: one range count per (day, platform) on posts_campaign_platform_idx,
 * so nothing is grouped in a temporary b-tree (83,000 posts take a few ms). `days` are local days
 * with their UTC bounds [lo, hi); the result has a count for every pair, zeros included.
 */
export async function campaignPostsPerDay(
  db: Db,
  campaignId: number,
  days: { day: string; lo: number; hi: number }[],
  platforms: readonly LinkPlatform[],
): Promise<{ day: string; platform: LinkPlatform; n: number }[]> {
  if (days.length === 0) return [];
  const rows = await db.all<{ k: number; platform: LinkPlatform; n: number }>(sql`
    SELECT d.key AS k, p.value AS platform,
      (SELECT count(*) FROM ${posts} WHERE ${posts.campaignId} = ${campaignId} AND ${posts.platform} = p.value
         AND ${posts.reportedAt} >= json_extract(d.value, '$[0]') AND ${posts.reportedAt} < json_extract(d.value, '$[1]')) AS n
    FROM json_each(${JSON.stringify(days.map((d) => [d.lo, d.hi]))}) AS d, json_each(${JSON.stringify(platforms)}) AS p`);
  return rows.map((r) => ({ day: days[Number(r.k)]!.day, platform: r.platform, n: Number(r.n) }));
}

/** MCNs by valid posts in the campaign (null mcnId: independent creators). */
export async function campaignMcnRanking(db: Db, campaignId: number, limit: number) {
  const n = sql<number>`count(*)`;
  const rows = await db
    .select({ mcnId: posts.mcnId, n })
    .from(posts)
    .where(and(eq(posts.campaignId, campaignId), eq(posts.status, 'valid')))
    .groupBy(posts.mcnId)
    .orderBy(desc(n), posts.mcnId)
    .limit(limit);
  const ids = rows.map((r) => r.mcnId).filter((x): x is number => x != null);
  const names = new Map<number, { name: string; code: string | null }>();
  if (ids.length) for (const m of await db.select({ id: mcns.id, name: mcns.name, code: mcns.code }).from(mcns).where(inArray(mcns.id, ids))) names.set(m.id, m);
  return rows.map((r) => ({ mcnId: r.mcnId, name: r.mcnId == null ? null : (names.get(r.mcnId)?.name ?? null), code: r.mcnId == null ? null : (names.get(r.mcnId)?.code ?? null), valid: Number(r.n) }));
}

/** Creators (reporters) by valid posts in the campaign, with their name and MCN. */
export async function campaignCreatorRanking(db: Db, campaignId: number, limit: number) {
  const n = sql<number>`count(*)`;
  const rows = await db
    .select({ memberId: posts.memberId, n })
    .from(posts)
    .where(and(eq(posts.campaignId, campaignId), eq(posts.status, 'valid')))
    .groupBy(posts.memberId)
    .orderBy(desc(n), posts.memberId)
    .limit(limit);
  const ids = rows.map((r) => r.memberId);
  const who = new Map<number, { name: string | null; mcnName: string | null }>();
  if (ids.length)
    for (const m of await db
      .select({ id: members.id, name: members.fullName, mcnName: mcns.name })
      .from(members)
      .leftJoin(mcns, eq(mcns.id, members.mcnId))
      .where(inArray(members.id, ids)))
      who.set(m.id, { name: m.name, mcnName: m.mcnName });
  return rows.map((r) => ({ memberId: r.memberId, name: who.get(r.memberId)?.name ?? null, mcnName: who.get(r.memberId)?.mcnName ?? null, valid: Number(r.n) }));
}

/** Marks posts of one campaign valid or invalid; returns the ids changed (others are not in it). */
export function reviewCampaignPostsQuery(db: Db, r: { campaignId: number; ids: number[]; status: 'valid' | 'invalid'; note: string | null; at: Date }) {
  return db
    .update(posts)
    .set({ status: r.status, reviewNote: r.note, reviewedAt: r.at })
    .where(and(eq(posts.campaignId, r.campaignId), inArray(posts.id, r.ids)))
    .returning({ id: posts.id });
}

/** The campaigns of some posts (the review of posts named by id alone, as the admin API does). */
export async function campaignsOfPosts(db: Db, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (ids.length === 0) return out;
  for (const r of await db.select({ id: posts.id, campaignId: posts.campaignId }).from(posts).where(inArray(posts.id, ids))) out.set(r.id, r.campaignId);
  return out;
}

/** Newest campaigns first, keyset by id. */
export async function campaignPage(db: Db, opts: { status?: 'open' | 'closed' | undefined; beforeId?: number | undefined; limit: number }) {
  const c: SQL[] = [];
  if (opts.status) c.push(eq(campaigns.status, opts.status));
  if (opts.beforeId) c.push(lt(campaigns.id, opts.beforeId));
  return db
    .select()
    .from(campaigns)
    .where(c.length ? and(...c) : undefined)
    .orderBy(desc(campaigns.id))
    .limit(opts.limit);
}
