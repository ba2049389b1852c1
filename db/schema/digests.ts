// One row per digest date once the schedule (or the API) dealt with it: queued for everyone, or
// found empty (officials told once). Also remembers which articles went out, in which order
// (so "Dùng bài 2" means the second article as sent), and when the officials got the summary.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { timeMs } from './columns';

export const digests = sqliteTable(
  'digests',
  {
    /** Local date, YYYY-MM-DD. */
    date: text('date').primaryKey(),
    status: text('status', { enum: ['queued', 'empty'] }).notNull(),
    /** Article ids in the order they were sent (at most 10); null while empty. */
    articleIds: text('article_ids', { mode: 'json' }).$type<number[]>(),
    /** Who queued it first: the schedule or the admin API. */
    trigger: text('trigger', { enum: ['schedule', 'api', 'chat'] }).notNull(),
    /** Outbox rows of the digest (one per member and platform identity), skipped ones included. */
    recipients: integer('recipients').notNull().default(0),
    queuedAt: timeMs('queued_at'),
    /** When the officials were told there was nothing to send. */
    emptyNoticeAt: timeMs('empty_notice_at'),
    /** When the officials got the delivery summary (null until every row is final). */
    summarySentAt: timeMs('summary_sent_at'),
    updatedAt: timeMs('updated_at').notNull(),
  },
  (t) => [index('digests_pending_summary_idx').on(t.status, t.summarySentAt)],
);
