// Briefings (the Department's information sessions): created as a draft by /hop, scheduled when
// the official confirms with GUI, reminded 24 h and 1 h before, possibly cancelled.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';
import type { AnnouncementAudience } from './announcements';

export const BRIEFING_STATUSES = ['draft', 'scheduled', 'cancelled'] as const;
export type BriefingStatus = (typeof BRIEFING_STATUSES)[number];

export const briefings = sqliteTable(
  'briefings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    startsAt: timeMs('starts_at').notNull(),
    /** A place or a link (an online meeting). */
    place: text('place').notNull(),
    audience: text('audience', { mode: 'json' }).$type<AnnouncementAudience>().notNull(),
    status: text('status', { enum: BRIEFING_STATUSES }).notNull().default('draft'),
    createdByMemberId: integer('created_by_member_id').notNull(),
    sourceEventKey: text('source_event_key').notNull(),
    createdAt: createdAt(),
    /** When the invitation went out (GUI). */
    announcedAt: timeMs('announced_at'),
    /** When the reminder job handled each reminder (queued it). */
    reminded24hAt: timeMs('reminded_24h_at'),
    reminded1hAt: timeMs('reminded_1h_at'),
    cancelledAt: timeMs('cancelled_at'),
    cancelledByMemberId: integer('cancelled_by_member_id'),
  },
  (t) => [uniqueIndex('briefings_source_event_uq').on(t.sourceEventKey), index('briefings_status_starts_idx').on(t.status, t.startsAt)],
);
