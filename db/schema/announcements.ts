// Every announcement and briefing invitation an official previewed or sent: who, when, what, to
// whom (audience and counts per platform). The delivery outcome is in the outbox by `ref`
// (`announcement:<id>`, or `briefing:<briefing id>` for a briefing's invitation and reminders).
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';
import type { Role } from '../../src/core/types';

/** Who receives it: nobody filtered out (everyone), some roles, one MCN, or both. */
export interface AnnouncementAudience {
  roles?: Role[];
  mcnId?: number;
  /** MCN code and name when it was sent (the audit trail keeps them if the MCN is renamed). */
  mcnCode?: string;
  mcnName?: string;
}

/**
 * Recipients per platform: identities, with Zalo split by the 7-day window and Telegram by whether
 * the person opened their private chat with the bot.
 */
export interface AnnouncementCounts {
  members: number;
  telegram: number;
  /** Of `telegram`, those who never opened their private chat (not sent); absent in older rows. */
  telegramNoPrivateChat?: number;
  zalo: number;
  zaloReachable: number;
  zaloOutsideWindow: number;
}

export const ANNOUNCEMENT_STATUSES = ['draft', 'sent', 'cancelled', 'expired'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

export const announcements = sqliteTable(
  'announcements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['announcement', 'briefing'] }).notNull(),
    /** Set for a briefing invitation. */
    briefingId: integer('briefing_id'),
    createdByMemberId: integer('created_by_member_id').notNull(),
    /** The announcement text as typed (a briefing: its title). */
    text: text('text').notNull(),
    audience: text('audience', { mode: 'json' }).$type<AnnouncementAudience>().notNull(),
    /** draft: previewed, waiting for GUI until expiresAt; sent; cancelled (HUY or replaced); expired. */
    status: text('status', { enum: ANNOUNCEMENT_STATUSES }).notNull().default('draft'),
    previewCounts: text('preview_counts', { mode: 'json' }).$type<AnnouncementCounts>().notNull(),
    /** Counts when it was sent (recipients are computed again at GUI). */
    counts: text('counts', { mode: 'json' }).$type<AnnouncementCounts>(),
    /** The inbound event that created the draft: a retried event finds its draft again. */
    sourceEventKey: text('source_event_key').notNull(),
    createdAt: createdAt(),
    expiresAt: timeMs('expires_at').notNull(),
    sentAt: timeMs('sent_at'),
    closedAt: timeMs('closed_at'),
  },
  (t) => [
    uniqueIndex('announcements_source_event_uq').on(t.sourceEventKey),
    index('announcements_creator_idx').on(t.createdByMemberId, t.id),
    index('announcements_briefing_idx').on(t.briefingId),
  ],
);
