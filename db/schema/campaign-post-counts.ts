// Posts per campaign and status, kept by triggers on posts (migration 0018): the console's list of
// campaigns and a campaign's totals read a few rows instead of counting ~83,000 index entries per
// campaign (1,000,000 posts: 400+ ms for the list). Never written by the app itself.
import { sqliteTable, integer, text, primaryKey } from 'drizzle-orm/sqlite-core';
import { POST_STATUSES } from './posts';

export const campaignPostCounts = sqliteTable(
  'campaign_post_counts',
  {
    campaignId: integer('campaign_id').notNull(),
    status: text('status', { enum: POST_STATUSES }).notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.status] })],
);
