// Articles proposed by the press feeds (FEEDS). Never sent: officials pick them with /them <n>.
import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { timeMs } from './columns';

export const feedCandidates = sqliteTable(
  'feed_candidates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    feedUrl: text('feed_url').notNull(),
    url: text('url').notNull(),
    /** Normalised URL: one candidate per article across feeds and fetches. */
    urlKey: text('url_key').notNull(),
    title: text('title').notNull(),
    outlet: text('outlet').notNull(),
    publishedAt: timeMs('published_at'),
    fetchedAt: timeMs('fetched_at').notNull(),
  },
  (t) => [uniqueIndex('feed_candidates_url_uq').on(t.urlKey), index('feed_candidates_fetched_idx').on(t.fetchedAt)],
);
