// Press articles curated for one day's digest (local date in TIMEZONE), in digest order.
// `url_key` is the normalised URL, so the same article is added once per day however it is typed.
import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { timeMs } from './columns';

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The digest's local date, YYYY-MM-DD. */
    digestDate: text('digest_date').notNull(),
    /** The link as given (scheme added when missing). */
    url: text('url').notNull(),
    /** Normalised URL (lower-case host, no www., no tracking parameters): the duplicate check. */
    urlKey: text('url_key').notNull(),
    title: text('title').notNull(),
    /** Display name of the outlet (PRESS_OUTLETS) or the host. */
    outlet: text('outlet').notNull(),
    /** Digest order within the day (1-based, gaps allowed; ties by id). */
    position: integer('position').notNull(),
    source: text('source', { enum: ['chat', 'api', 'feed'] }).notNull(),
    /** The official who added it in chat (null for the API). */
    addedByMemberId: integer('added_by_member_id'),
    addedAt: timeMs('added_at').notNull(),
  },
  (t) => [uniqueIndex('articles_date_url_uq').on(t.digestDate, t.urlKey), index('articles_date_position_idx').on(t.digestDate, t.position)],
);
