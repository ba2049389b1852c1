// Reported post links: the batched insert, "already known" lookups, review, stats and export rows.
import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { campaignPostCounts, campaigns, mcns, members, posts, type PostStatus } from '../schema';
import type { LinkPlatform } from '../../src/core/links';
import type { Platform } from '../../src/core/types';

export type PostRow = typeof posts.$inferSelect;

/** Links per INSERT statement (one JSON parameter; chunks keep a statement small). */
export const POST_CHUNK = 500;

/** The canonical URLs among `urls` that the campaign already has. */
export async function existingPostUrls(db: Db, campaignId: number, urls: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < urls.length; i += POST_CHUNK) {
    const rows = await db
      .select({ url: posts.url })
      .from(posts)
      .where(and(eq(posts.campaignId, campaignId), inArray(posts.url, urls.slice(i, i + POST_CHUNK))));
    for (const r of rows) found.add(r.url);
  }
  return found;
}

/** What every link of one report shares. */
export interface ReportShared {
  campaignId: number;
  memberId: number;
  identityId: number;
  reporterPlatform: Platform;
  mcnId: number | null;
  reportedAt: Date;
  eventKey: string;
}

export interface ReportedLink {
  url: string;
  raw: string;
  host: string;
  platform: LinkPlatform;
  short: boolean;
  contentId?: string | undefined;
}

const col = (c: { name: string }) => sql.identifier(c.name);

/**
 * ONE multi-row INSERT … ON CONFLICT DO NOTHING RETURNING for the links of a report. The links
 * travel as one JSON parameter read with json_each, so 50 links are one short statement with 8
 * parameters (building 50 × 13 bound values through the query builder cost more than the insert).
 * A (campaign, URL) pair that exists already is left alone; RETURNING yields the new rows.
 */
export function insertReportedPostsQuery(db: Db, shared: ReportShared, links: readonly ReportedLink[]) {
  const json = JSON.stringify(links.map((l) => [l.url, l.raw, l.host, l.platform, l.short ? 1 : 0, l.contentId ?? null]));
  const at = (i: number) => sql.raw(`json_extract(j.value, '$[${i}]')`);
  return db.all<{ id: number }>(sql`
    INSERT INTO ${posts} (${col(posts.campaignId)}, ${col(posts.url)}, ${col(posts.rawUrl)}, ${col(posts.host)}, ${col(posts.platform)},
      ${col(posts.short)}, ${col(posts.contentId)}, ${col(posts.memberId)}, ${col(posts.identityId)}, ${col(posts.reporterPlatform)},
      ${col(posts.mcnId)}, ${col(posts.reportedAt)}, ${col(posts.eventKey)})
    SELECT ${shared.campaignId}, ${at(0)}, ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}, ${shared.memberId}, ${shared.identityId},
      ${shared.reporterPlatform}, ${shared.mcnId}, ${shared.reportedAt.getTime()}, ${shared.eventKey}
    FROM json_each(${json}) AS j
    WHERE true
    ON CONFLICT (${col(posts.campaignId)}, ${col(posts.url)}) DO NOTHING
    RETURNING ${col(posts.id)}`);
}

export interface PostFilter {
  /** 0 = links attributed to no campaign. */
  campaignId?: number;
  status?: PostStatus;
  platform?: LinkPlatform;
  /** 0 = independent creators (no MCN). */
  mcnId?: number;
  memberId?: number;
}

export interface PostView {
  id: number;
  campaignId: number;
  campaignName: string | null;
  url: string;
  rawUrl: string;
  host: string;
  platform: LinkPlatform;
  short: boolean;
  contentId: string | null;
  memberId: number;
  /** Personal data: shown to officials (API, CSV), never logged. Null after /xoa. */
  memberName: string | null;
  reporterPlatform: Platform;
  mcnId: number | null;
  mcnName: string | null;
  reportedAt: Date;
  status: PostStatus;
  reviewNote: string | null;
  reviewedAt: Date | null;
}

const postView = {
  id: posts.id,
  campaignId: posts.campaignId,
  campaignName: campaigns.name,
  url: posts.url,
  rawUrl: posts.rawUrl,
  host: posts.host,
  platform: posts.platform,
  short: posts.short,
  contentId: posts.contentId,
  memberId: posts.memberId,
  memberName: members.fullName,
  reporterPlatform: posts.reporterPlatform,
  mcnId: posts.mcnId,
  mcnName: mcns.name,
  reportedAt: posts.reportedAt,
  status: posts.status,
  reviewNote: posts.reviewNote,
  reviewedAt: posts.reviewedAt,
};

function filterSql(f: PostFilter): SQL[] {
  const conds: SQL[] = [];
  if (f.campaignId !== undefined) conds.push(eq(posts.campaignId, f.campaignId));
  if (f.status) conds.push(eq(posts.status, f.status));
  if (f.platform) conds.push(eq(posts.platform, f.platform));
  if (f.mcnId !== undefined) conds.push(f.mcnId === 0 ? isNull(posts.mcnId) : eq(posts.mcnId, f.mcnId));
  if (f.memberId !== undefined) conds.push(eq(posts.memberId, f.memberId));
  return conds;
}

/** Posts in id order, `limit` at a time after `afterId` (keyset paging: stable under inserts). */
export async function listPosts(db: Db, f: PostFilter, page: { afterId?: number; limit: number }): Promise<PostView[]> {
  const conds = filterSql(f);
  if (page.afterId) conds.push(gt(posts.id, page.afterId));
  return db
    .select(postView)
    .from(posts)
    .leftJoin(campaigns, eq(campaigns.id, posts.campaignId))
    .leftJoin(members, eq(members.id, posts.memberId))
    .leftJoin(mcns, eq(mcns.id, posts.mcnId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(posts.id))
    .limit(page.limit);
}

export async function findPostView(db: Db, id: number): Promise<PostView | undefined> {
  const rows = await db
    .select(postView)
    .from(posts)
    .leftJoin(campaigns, eq(campaigns.id, posts.campaignId))
    .leftJoin(members, eq(members.id, posts.memberId))
    .leftJoin(mcns, eq(mcns.id, posts.mcnId))
    .where(eq(posts.id, id));
  return rows[0];
}

// ---------------------------------------------------------------------------------------------
// Stats
// ---------------------------------------------------------------------------------------------

export interface StatusCounts {
  total: number;
  valid: number;
  invalid: number;
  pending: number;
}

const countCols = {
  total: sql<number>`count(*)`,
  valid: sql<number>`coalesce(sum(${posts.status} = 'valid'), 0)`,
  invalid: sql<number>`coalesce(sum(${posts.status} = 'invalid'), 0)`,
};
const toCounts = (r: { total: number; valid: number; invalid: number }): StatusCounts => {
  const total = Number(r.total);
  const valid = Number(r.valid);
  const invalid = Number(r.invalid);
  return { total, valid, invalid, pending: total - valid - invalid };
};

/** A member's own posts per campaign (campaign 0 = none). */
export async function memberPostCounts(db: Db, memberId: number, campaignId?: number) {
  const rows = await db
    .select({ campaignId: posts.campaignId, ...countCols })
    .from(posts)
    .where(and(eq(posts.memberId, memberId), campaignId === undefined ? undefined : eq(posts.campaignId, campaignId)))
    .groupBy(posts.campaignId);
  return rows.map((r) => ({ campaignId: r.campaignId, ...toCounts(r) }));
}

/** An MCN's posts per campaign and reporter. Names are for showing to the lead, never for logs. */
export async function mcnPostCounts(db: Db, mcnId: number, campaignId?: number) {
  const rows = await db
    .select({ campaignId: posts.campaignId, memberId: posts.memberId, name: members.fullName, ...countCols })
    .from(posts)
    .leftJoin(members, eq(members.id, posts.memberId))
    .where(and(eq(posts.mcnId, mcnId), campaignId === undefined ? undefined : eq(posts.campaignId, campaignId)))
    .groupBy(posts.campaignId, posts.memberId);
  return rows.map((r) => ({ campaignId: r.campaignId, memberId: r.memberId, name: r.name, ...toCounts(r) }));
}

/** 15-minute buckets: every real time-zone offset is a multiple, so buckets map to local days exactly. */
export const DAY_BUCKET_MS = 15 * 60_000;

export async function campaignPostStats(db: Db, campaignId: number) {
  const where = eq(posts.campaignId, campaignId);
  const [totals] = await db
    .select({ ...countCols, reporters: sql<number>`count(DISTINCT ${posts.memberId})`, short: sql<number>`coalesce(sum(${posts.short}), 0)` })
    .from(posts)
    .where(where);
  const byMcn = await db
    .select({ mcnId: posts.mcnId, name: mcns.name, code: mcns.code, ...countCols })
    .from(posts)
    .leftJoin(mcns, eq(mcns.id, posts.mcnId))
    .where(where)
    .groupBy(posts.mcnId);
  const byPlatform = await db
    .select({ platform: posts.platform, ...countCols })
    .from(posts)
    .where(where)
    .groupBy(posts.platform);
  const buckets = await db
    .select({ bucket: sql<number>`${posts.reportedAt} / ${DAY_BUCKET_MS}`, n: sql<number>`count(*)` })
    .from(posts)
    .where(where)
    .groupBy(sql`1`);
  return {
    totals: { ...toCounts(totals ?? { total: 0, valid: 0, invalid: 0 }), reporters: Number(totals?.reporters ?? 0), short: Number(totals?.short ?? 0) },
    byMcn: byMcn.map((r) => ({ mcnId: r.mcnId, name: r.name, code: r.code, ...toCounts(r) })),
    byPlatform: byPlatform.map((r) => ({ platform: r.platform, ...toCounts(r) })),
    buckets: buckets.map((r) => ({ startMs: Number(r.bucket) * DAY_BUCKET_MS, n: Number(r.n) })),
  };
}

/** From the trigger-kept counts (campaign_post_counts): a few rows, whatever the campaign's size. */
export async function countCampaignPosts(db: Db, campaignId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${campaignPostCounts.n}), 0)` })
    .from(campaignPostCounts)
    .where(eq(campaignPostCounts.campaignId, campaignId));
  return Number(r?.n ?? 0);
}
