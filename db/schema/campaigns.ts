// Campaigns officials create (/chiendich, POST /api/campaigns) and their hashtags. A hashtag's
// folded key (no case, no diacritics) is unique among open campaigns: a partial unique index on
// campaign_hashtags where active = 1, so closing a campaign frees its hashtags for a new one.
import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { createdAt, timeMs } from './columns';

export const campaigns = sqliteTable(
  'campaigns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** The hashtags as written (NFC, with `#`), in the order given. */
    hashtags: text('hashtags', { mode: 'json' }).$type<string[]>().notNull(),
    /** First and last local day (YYYY-MM-DD in TIMEZONE), both included. */
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    /** The official who created it in chat; null when created through the admin API. */
    createdByMemberId: integer('created_by_member_id'),
    /** `event:<inbound event key>` or `api:<uuid>`: makes a retried creation find its own row. */
    createKey: text('create_key').notNull(),
    closedAt: timeMs('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('campaigns_create_key_uq').on(t.createKey), index('campaigns_status_idx').on(t.status, t.startsOn)],
);

export const campaignHashtags = sqliteTable(
  'campaign_hashtags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id').notNull(),
    /** As written, with `#`. */
    tag: text('tag').notNull(),
    /** foldForMatch of the tag without `#`: "#MyHồChíMinh" → "myhochiminh". */
    tagKey: text('tag_key').notNull(),
    /** 1 while the campaign is open; 0 once closed. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    uniqueIndex('campaign_hashtags_open_key_uq').on(t.tagKey).where(sql`active = 1`),
    index('campaign_hashtags_key_idx').on(t.tagKey),
    index('campaign_hashtags_campaign_idx').on(t.campaignId),
  ],
);
