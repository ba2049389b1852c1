// One answer per member and briefing (yes / no); changing it updates the row until the start.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';

export const briefingRsvps = sqliteTable(
  'briefing_rsvps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    briefingId: integer('briefing_id').notNull(),
    memberId: integer('member_id').notNull(),
    answer: text('answer', { enum: ['yes', 'no'] }).notNull(),
    /** The platform the (last) answer came from. */
    platform: text('platform', { enum: ['telegram', 'zalo'] }).notNull(),
    /** When the current answer was given. */
    answeredAt: timeMs('answered_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('briefing_rsvps_briefing_member_uq').on(t.briefingId, t.memberId),
    index('briefing_rsvps_member_idx').on(t.memberId),
    /** Yes / no counts per briefing read from the index alone (answerCounts). */
    index('briefing_rsvps_answer_idx').on(t.briefingId, t.answer),
  ],
);
