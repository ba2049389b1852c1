// The only way out: every outgoing message is a row here first, sent by the dispatcher.
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';
import type { OutboundMessage } from '../../src/core/types';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A message shared by many outbox rows (a digest or an announcement to 100,000 members): stored
 * once instead of 4 KB per row. `key` makes writing it idempotent (`digest:2026-11-21:vi`).
 */
export const outboxBodies = sqliteTable(
  'outbox_bodies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    message: text('message', { mode: 'json' }).$type<OutboundMessage>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outbox_bodies_key_uq').on(t.key)],
);

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** e.g. `digest:2026-11-21:member:42:telegram`; a second enqueue with the same key does nothing. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** What this belongs to: `reply`, `digest:YYYY-MM-DD`, `announcement:<id>`, `briefing:<id>`... */
    ref: text('ref').notNull(),
    platform: text('platform', { enum: ['telegram', 'zalo'] }).notNull(),
    chatId: text('chat_id').notNull(),
    identityId: integer('identity_id'),
    memberId: integer('member_id'),
    /** The message of this row alone; null when the row sends a shared body (bodyId). */
    message: text('message', { mode: 'json' }).$type<OutboundMessage>(),
    bodyId: integer('body_id'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('queued'),
    /** 0: a message to one person about their own doing (a reply, an answer to their question): claimed first; 1: broadcasts and the rest. */
    priority: integer('priority').notNull().default(1),
    attempts: integer('attempts').notNull().default(0),
    /** Parts already delivered (long texts are split): a retry resumes after them. */
    partsSent: integer('parts_sent').notNull().default(0),
    /** Queued: when the row may be claimed. Sent: when it was sent (the per-chat gap across processes reads it). */
    nextAttemptAt: timeMs('next_attempt_at').notNull(),
    leaseUntil: timeMs('lease_until'),
    /** The claim holding the row while `sending` (`<instance>:<claim>`): only its outcome is recorded. */
    leaseOwner: text('lease_owner'),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
    sentAt: timeMs('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
    // The dispatcher's claim is a range scan per platform over queued rows, priority 0 first, in due order.
    index('outbox_claim_prio_idx').on(t.platform, t.status, t.priority, t.nextAttemptAt),
    // The replies to one chat in the last minute (at most 20 answered messages, SPEC §4). Partial:
    // a broadcast's rows (a million for a digest) never touch it.
    index('outbox_chat_replies_idx')
      .on(t.platform, t.chatId, t.createdAt)
      .where(sql`ref = 'reply'`),
    index('outbox_ref_idx').on(t.ref),
    // A person's rows (/xoa, a registration dropped): without it, each of those scans the outbox,
    // which grows by a digest a day (134 ms per 1,000,000 rows, measured, event loop blocked).
    // (identity, ref): also finds one person's row of a digest (welcome back) without walking
    // every row they ever got.
    index('outbox_identity_ref_idx').on(t.identityId, t.ref),
  ],
);
