// "Dùng bài này": which member (and MCN, at the time) said they will use which digest article. Once per member and article.
import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { timeMs } from './columns';

export const digestPicks = sqliteTable(
  'digest_picks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    digestDate: text('digest_date').notNull(),
    articleId: integer('article_id').notNull(),
    memberId: integer('member_id').notNull(),
    mcnId: integer('mcn_id'),
    platform: text('platform', { enum: ['telegram', 'zalo'] }).notNull(),
    pickedAt: timeMs('picked_at').notNull(),
  },
  (t) => [uniqueIndex('digest_picks_article_member_uq').on(t.articleId, t.memberId), index('digest_picks_date_idx').on(t.digestDate)],
);
