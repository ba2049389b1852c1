// Questions and feedback (SPEC §8): a thread per asking person (at most one not closed), its
// messages (the person's questions and the officials' answers). Personal data: the texts go with
// /xoa (deleteMemberDataQueries), found through the asker's identities.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';

export const questionThreads = sqliteTable(
  'question_threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The asker's identity: the answer goes to its private chat, on the platform they asked from. */
    identityId: integer('identity_id').notNull(),
    /** The asker's member row when registered at the time of asking. */
    memberId: integer('member_id'),
    platform: text('platform', { enum: ['telegram', 'zalo'] }).notNull(),
    /** open: waiting for an answer; answered: the last message is an answer; closed: done. */
    status: text('status', { enum: ['open', 'answered', 'closed'] }).notNull().default('open'),
    /** Since when the oldest unanswered question waits (null when nothing waits). */
    waitingSince: timeMs('waiting_since'),
    lastMessageAt: timeMs('last_message_at').notNull(),
    answeredAt: timeMs('answered_at'),
    closedAt: timeMs('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [index('question_threads_identity_idx').on(t.identityId), index('question_threads_status_idx').on(t.status, t.waitingSince)],
);

export const questionMessages = sqliteTable(
  'question_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id').notNull(),
    kind: text('kind', { enum: ['question', 'answer'] }).notNull(),
    text: text('text').notNull(),
    /** The official who answered (answers only). */
    authorMemberId: integer('author_member_id'),
    /** The chat event or API request it came from: a retried event adds it once. */
    sourceKey: text('source_key').notNull().unique(),
    at: timeMs('at').notNull(),
  },
  (t) => [index('question_messages_thread_idx').on(t.threadId, t.at)],
);
