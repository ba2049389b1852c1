// Articles of a day's digest: add (once per normalised URL and day), list in digest order,
// remove, reorder, edit.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { articles } from '../schema';

export type ArticleRow = typeof articles.$inferSelect;

export interface NewArticle {
  digestDate: string;
  url: string;
  urlKey: string;
  title: string;
  outlet: string;
  source: ArticleRow['source'];
  addedByMemberId: number | null;
  at: Date;
}

/**
 * The insert of one article at the end of its day (position = last + 1, computed inside the
 * statement). Returns no row when the day already has this URL.
 */
export function insertArticleQuery(db: Db, a: NewArticle) {
  const nextPosition = sql<number>`(SELECT coalesce(max(${articles.position}), 0) + 1 FROM ${articles} WHERE ${articles.digestDate} = ${a.digestDate})`;
  return db
    .insert(articles)
    .values({
      digestDate: a.digestDate,
      url: a.url,
      urlKey: a.urlKey,
      title: a.title,
      outlet: a.outlet,
      position: nextPosition,
      source: a.source,
      addedByMemberId: a.addedByMemberId,
      addedAt: a.at,
    })
    .onConflictDoNothing({ target: [articles.digestDate, articles.urlKey] })
    .returning();
}

export async function insertArticle(db: Db, a: NewArticle): Promise<ArticleRow | null> {
  const rows = await insertArticleQuery(db, a);
  return rows[0] ?? null;
}

/** A day's articles in digest order. */
export async function listArticles(db: Db, digestDate: string): Promise<ArticleRow[]> {
  return db.select().from(articles).where(eq(articles.digestDate, digestDate)).orderBy(asc(articles.position), asc(articles.id));
}

export async function countArticles(db: Db, digestDate: string): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)` }).from(articles).where(eq(articles.digestDate, digestDate));
  return Number(rows[0]?.n ?? 0);
}

export async function findArticleByKey(db: Db, digestDate: string, urlKey: string): Promise<ArticleRow | undefined> {
  const rows = await db
    .select()
    .from(articles)
    .where(and(eq(articles.digestDate, digestDate), eq(articles.urlKey, urlKey)))
    .limit(1);
  return rows[0];
}

export async function findArticle(db: Db, id: number): Promise<ArticleRow | undefined> {
  const rows = await db.select().from(articles).where(eq(articles.id, id)).limit(1);
  return rows[0];
}

/** Articles by id, in the order of `ids` (ids that no longer exist are left out). */
export async function articlesByIds(db: Db, ids: number[]): Promise<ArticleRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(articles).where(inArray(articles.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ArticleRow => r !== undefined);
}

export async function deleteArticle(db: Db, id: number): Promise<ArticleRow | null> {
  const rows = await db.delete(articles).where(eq(articles.id, id)).returning();
  return rows[0] ?? null;
}

export async function updateArticle(db: Db, id: number, patch: { title?: string; outlet?: string }): Promise<ArticleRow | null> {
  if (patch.title === undefined && patch.outlet === undefined) return (await findArticle(db, id)) ?? null;
  const rows = await db.update(articles).set(patch).where(eq(articles.id, id)).returning();
  return rows[0] ?? null;
}

/** Sets positions 1..n in the order of `ids` (all of them ids of that day), in one batch. */
export async function reorderArticles(db: Db, digestDate: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const qs = ids.map((id, i) =>
    db
      .update(articles)
      .set({ position: i + 1 })
      .where(and(eq(articles.id, id), eq(articles.digestDate, digestDate))),
  );
  await db.batch(qs as [(typeof qs)[number], ...(typeof qs)[number][]]);
}
