// A person's account on one platform. Exists from the first message, before registration.
import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';

export const chatIdentities = sqliteTable(
  'chat_identities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform', { enum: ['telegram', 'zalo'] }).notNull(),
    externalId: text('external_id').notNull(),
    /**
     * The person's private chat with the bot, where pushes go: on Telegram the private chat id is
     * the user id, on Zalo the user id. Always the external id; never a group's chat (SPEC §6).
     */
    chatId: text('chat_id').notNull(),
    /**
     * When the person first wrote to the bot privately (or /start'ed it). On Telegram a bot can
     * only write to someone who opened its private chat: until then pushes are skipped
     * (`telegram_no_private_chat`). A group message never sets it.
     */
    privateChatAt: timeMs('private_chat_at'),
    memberId: integer('member_id'),
    /** Language the client reported, until the member picks one. */
    clientLang: text('client_lang'),
    /** Last event from this person: the Zalo 7-day window is measured from it. */
    lastInboundAt: timeMs('last_inbound_at'),
    /**
     * Zalo window renewal (SPEC §4): when Loa last sent the "Nhận tiếp điểm tin" line (at most once
     * in 5 days), and whether the member turned it off with `/ngung nhac`.
     */
    renewalSentAt: timeMs('renewal_sent_at'),
    renewalOff: integer('renewal_off', { mode: 'boolean' }).notNull().default(false),
    /** Zalo unfollow: no pushes to this identity until it follows again. */
    unfollowedAt: timeMs('unfollowed_at'),
    /** Local date (YYYY-MM-DD) of the last unknown-command hint, so it is sent at most once a day. */
    lastHintOn: text('last_hint_on'),
    /** /lienket: wrong codes in the current 10-minute window, when it began, and a lock after 5. */
    linkFailCount: integer('link_fail_count').notNull().default(0),
    linkFailSince: timeMs('link_fail_since'),
    linkLockedUntil: timeMs('link_locked_until'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('chat_identities_platform_external_uq').on(t.platform, t.externalId),
    index('chat_identities_member_idx').on(t.memberId),
    /** The Zalo window's edge day in the console's audience counts (db/queries/audience-counts.ts). */
    index('chat_identities_inbound_idx').on(t.platform, t.lastInboundAt),
  ],
);
