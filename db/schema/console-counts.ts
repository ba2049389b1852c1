// Counts the console reads on every page, kept by triggers as rows change (migration
// <n>_console_counts_triggers) so a page does not count 100,000 members or a digest's 117,000
// outbox rows per request (issue 15, npm run bench:console). Triggers live in the database, so
// every process and every write path (chat, API, console, jobs, raw SQL) keeps them exact.
// Rows whose n fell to 0 may stay; readers sum n.
import { sqliteTable, integer, text, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * Members and their chat identities, summed by the dimensions the console filters on.
 * - kind `registered`: registered, not deleted members (Tổng quan). platform `*` counts members;
 *   `telegram` / `zalo` count members with an identity on that platform.
 * - kind `push`: the push audience of pushRecipients (active, registered, consenting; identities
 *   not unfollowed). platform `*` counts members with at least one such identity; a platform row
 *   counts identities, Telegram split by `private_chat`, Zalo by `inbound_day`
 *   (floor(last_inbound_at / 1 day) in UTC, -1 when never) so the 7-day window can be counted.
 */
export const audienceCounts = sqliteTable(
  'audience_counts',
  {
    kind: text('kind', { enum: ['registered', 'push'] }).notNull(),
    platform: text('platform', { enum: ['*', 'telegram', 'zalo'] }).notNull(),
    inboundDay: integer('inbound_day').notNull(),
    role: text('role', { enum: ['creator', 'mcn_lead', 'official'] }).notNull(),
    /** 0 for independents. */
    mcnId: integer('mcn_id').notNull(),
    /** 1 unless a Telegram identity without a private chat. */
    privateChat: integer('private_chat').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.platform, t.inboundDay, t.role, t.mcnId, t.privateChat] })],
);

/**
 * Outbox rows per ref, part (a briefing's `invite`, `reminder:24h`…, empty otherwise), platform,
 * status and reason (`last_error`, '' when none): what deliveryCounts and deliveryCountsByRef
 * used to GROUP BY over the outbox.
 */
export const outboxCounts = sqliteTable(
  'outbox_counts',
  {
    ref: text('ref').notNull(),
    part: text('part').notNull(),
    platform: text('platform', { enum: ['telegram', 'zalo'] }).notNull(),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'skipped'] }).notNull(),
    reason: text('reason').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ref, t.part, t.platform, t.status, t.reason] })],
);
