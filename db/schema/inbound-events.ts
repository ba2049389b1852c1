// The inbox: every webhook event is stored (unique per platform event) before the 200 is sent.
// The payload is cleared once processed: it may hold personal data typed during registration.
import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';
import type { InboundMessage } from '../../src/core/types';

export const inboundEvents = sqliteTable(
  'inbound_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventKey: text('event_key').notNull(),
    platform: text('platform', { enum: ['telegram', 'zalo'] }).notNull(),
    externalUserId: text('external_user_id').notNull(),
    /** The neutral message; null once processed. */
    payload: text('payload', { mode: 'json' }).$type<InboundMessage>(),
    status: text('status', { enum: ['received', 'done', 'failed', 'dead'] }).notNull().default('received'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timeMs('next_attempt_at'),
    receivedAt: createdAt(),
    processedAt: timeMs('processed_at'),
    /**
     * Who is processing it (a claim token: process id + sequence), until when. At most one event
     * per person holds a live lease; "done" is written only by the holder (db/queries/inbound-events.ts).
     */
    leaseOwner: text('lease_owner'),
    leaseUntil: timeMs('lease_until'),
  },
  (t) => [
    uniqueIndex('inbound_events_key_uq').on(t.eventKey),
    index('inbound_events_status_idx').on(t.status, t.nextAttemptAt),
    index('inbound_events_person_idx').on(t.externalUserId, t.platform, t.status),
  ],
);
