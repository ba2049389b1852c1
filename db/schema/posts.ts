// Reported post links: one row per (campaign, normalised URL). campaign_id 0 means "no campaign"
// (a sentinel instead of NULL, so the unique index also dedupes links reported without one).
import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { timeMs } from './columns';

export const POST_STATUSES = ['pending', 'valid', 'invalid'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
export const LINK_PLATFORMS = ['tiktok', 'facebook', 'youtube', 'instagram', 'zalo', 'threads', 'x', 'news', 'other'] as const;

/** The campaign_id of links attributed to no campaign. */
export const NO_CAMPAIGN = 0;

export const posts = sqliteTable(
  'posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id').notNull().default(NO_CAMPAIGN),
    /** Canonical URL (src/core/links normaliseUrl). */
    url: text('url').notNull(),
    /** The link as first reported (≤ 2,048 characters). */
    rawUrl: text('raw_url').notNull(),
    host: text('host').notNull(),
    platform: text('platform', { enum: LINK_PLATFORMS }).notNull(),
    /** A redirector (vt.tiktok.com, fb.watch...) kept as is: the target is unknown offline. */
    short: integer('short', { mode: 'boolean' }).notNull().default(false),
    contentId: text('content_id'),
    /** Who reported it (kept after /xoa: the member row is anonymised, not removed). */
    memberId: integer('member_id').notNull(),
    identityId: integer('identity_id').notNull(),
    reporterPlatform: text('reporter_platform', { enum: ['telegram', 'zalo'] }).notNull(),
    /** The reporter's MCN when reporting (null: independent). */
    mcnId: integer('mcn_id'),
    reportedAt: timeMs('reported_at').notNull(),
    /** Inbound event that reported it. */
    eventKey: text('event_key').notNull(),
    status: text('status', { enum: POST_STATUSES }).notNull().default('pending'),
    reviewNote: text('review_note'),
    reviewedAt: timeMs('reviewed_at'),
  },
  (t) => [
    uniqueIndex('posts_campaign_url_uq').on(t.campaignId, t.url),
    // An MCN's posts in a campaign, newest first, and their statuses, without reading the table.
    index('posts_campaign_mcn_idx').on(t.campaignId, t.mcnId, t.reportedAt, t.status),
    index('posts_member_idx').on(t.memberId),
    index('posts_mcn_idx').on(t.mcnId),
    // The console's campaign pages (issue 16), each covering what it reads: counts per status and
    // the rankings of MCNs and creators by valid posts; posts per day per platform and the
    // platform filter; the newest-first list and the date filter.
    index('posts_campaign_status_idx').on(t.campaignId, t.status, t.mcnId, t.memberId),
    index('posts_campaign_platform_idx').on(t.campaignId, t.platform, t.reportedAt, t.status),
    index('posts_campaign_reported_idx').on(t.campaignId, t.reportedAt, t.status),
  ],
);
