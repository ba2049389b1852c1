// Campaign SQL: create (campaign + hashtags in one batch), find, list, close, attribution lookups.
import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { campaignHashtags, campaignPostCounts, campaigns } from '../schema';

export type CampaignRow = typeof campaigns.$inferSelect;

export interface NewCampaign {
  name: string;
  /** As written, with `#`, deduplicated by key. */
  tags: { tag: string; key: string }[];
  startsOn: string;
  endsOn: string;
  createdByMemberId: number | null;
  createKey: string;
  at: Date;
}

/**
 * The campaign and its hashtags as two statements for one batch. The hashtags find the campaign
 * by its create key (not last_insert_rowid, which a multi-row insert would move on).
 */
export function createCampaignQueries(db: Db, c: NewCampaign) {
  const insertCampaign = db
    .insert(campaigns)
    .values({
      name: c.name,
      hashtags: c.tags.map((t) => t.tag),
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      createdByMemberId: c.createdByMemberId,
      createKey: c.createKey,
      createdAt: c.at,
    })
    .returning();
  const idOf = sql<number>`(SELECT id FROM campaigns WHERE create_key = ${c.createKey})`;
  const insertTags = db.insert(campaignHashtags).values(c.tags.map((t) => ({ campaignId: idOf, tag: t.tag, tagKey: t.key, active: true })));
  return [insertCampaign, insertTags] as const;
}

export async function findCampaign(db: Db, id: number): Promise<CampaignRow | undefined> {
  return db.query.campaigns.findFirst({ where: eq(campaigns.id, id) });
}

export async function findCampaignByCreateKey(db: Db, createKey: string): Promise<CampaignRow | undefined> {
  return db.query.campaigns.findFirst({ where: eq(campaigns.createKey, createKey) });
}

/** Open campaigns holding any of these hashtag keys: key → campaign id. */
export async function openCampaignsByTagKeys(db: Db, keys: string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (keys.length === 0) return map;
  const rows = await db
    .select({ key: campaignHashtags.tagKey, campaignId: campaignHashtags.campaignId })
    .from(campaignHashtags)
    .where(and(eq(campaignHashtags.active, true), inArray(campaignHashtags.tagKey, keys)));
  for (const r of rows) map.set(r.key, r.campaignId);
  return map;
}

/** The campaign a typed hashtag names: the open one, else the most recent closed one. */
export async function campaignByTagKey(db: Db, key: string): Promise<CampaignRow | undefined> {
  const rows = await db
    .select({ id: campaignHashtags.campaignId })
    .from(campaignHashtags)
    .where(eq(campaignHashtags.tagKey, key))
    .orderBy(desc(campaignHashtags.active), desc(campaignHashtags.campaignId))
    .limit(1);
  return rows[0] ? findCampaign(db, rows[0].id) : undefined;
}

export async function campaignsByIds(db: Db, ids: number[]): Promise<Map<number, CampaignRow>> {
  const out = new Map<number, CampaignRow>();
  if (ids.length === 0) return out;
  for (const c of await db.select().from(campaigns).where(inArray(campaigns.id, ids))) out.set(c.id, c);
  return out;
}

/** Open campaigns whose dates include the local day `today` (YYYY-MM-DD). */
export async function runningCampaigns(db: Db, today: string): Promise<CampaignRow[]> {
  return db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.status, 'open'), lte(campaigns.startsOn, today), gte(campaigns.endsOn, today)))
    .orderBy(campaigns.id);
}

export async function openCampaigns(db: Db): Promise<CampaignRow[]> {
  return db.select().from(campaigns).where(eq(campaigns.status, 'open')).orderBy(campaigns.startsOn, campaigns.id);
}

export interface CampaignWithCount extends CampaignRow {
  postCount: number;
}

/** Every campaign (newest first) with its number of reported posts. */
export async function listCampaigns(db: Db, opts: { status?: 'open' | 'closed' } = {}): Promise<CampaignWithCount[]> {
  // From the trigger-kept counts (campaign_post_counts), not a count over every post.
  const counts = db
    .select({ campaignId: campaignPostCounts.campaignId, n: sql<number>`sum(${campaignPostCounts.n})`.as('n') })
    .from(campaignPostCounts)
    .groupBy(campaignPostCounts.campaignId)
    .as('counts');
  const rows = await db
    .select({ c: campaigns, n: counts.n })
    .from(campaigns)
    .leftJoin(counts, eq(counts.campaignId, campaigns.id))
    .where(opts.status ? eq(campaigns.status, opts.status) : undefined)
    .orderBy(desc(campaigns.id));
  return rows.map((r) => ({ ...r.c, postCount: Number(r.n ?? 0) }));
}

/** Close: the campaign stops taking links and its hashtags become free. Returns nothing if already closed. */
export function closeCampaignQueries(db: Db, id: number, at: Date) {
  return [
    db
      .update(campaigns)
      .set({ status: 'closed', closedAt: at })
      .where(and(eq(campaigns.id, id), eq(campaigns.status, 'open')))
      .returning({ id: campaigns.id }),
    db.update(campaignHashtags).set({ active: false }).where(eq(campaignHashtags.campaignId, id)),
  ] as const;
}
