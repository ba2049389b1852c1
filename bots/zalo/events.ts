// zod schemas of Zalo OA webhook events (zalo-oa.md §7.4), loose on unknown keys because Zalo adds fields without notice.
import { z } from 'zod';

/** Zalo ids are 18–19 digit strings (> 2^53): they must stay strings. */
const ZaloIdSchema = z.string().min(1);

/** Epoch milliseconds, sent as a string; some tools send a number. */
const ZaloTimestampSchema = z.union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()]);

const ZaloParticipantSchema = z.looseObject({ id: ZaloIdSchema });

export const ZaloAttachmentSchema = z.looseObject({
  type: z.string(),
  /** image/gif {thumbnail,url}; link {thumbnail,description,url,title?}; sticker {id,url}; location {coordinates}; file {url,name,size,...}. */
  payload: z
    .looseObject({
      url: z.string().optional(),
      thumbnail: z.string().optional(),
      description: z.string().optional(),
      title: z.string().optional(),
    })
    .optional(),
});
export type ZaloAttachment = z.infer<typeof ZaloAttachmentSchema>;

/** Fields most events carry; all optional because follow/unfollow and receipts differ. */
const envelope = {
  app_id: z.string().optional(),
  oa_id: z.string().optional(),
  user_id_by_app: z.string().optional(),
};

export const ZALO_USER_MESSAGE_EVENTS = [
  'user_send_text',
  'user_send_link',
  'user_send_image',
  'user_send_sticker',
  'user_send_gif',
  'user_send_audio',
  'user_send_video',
  'user_send_file',
  'user_send_location',
  'user_send_business_card',
] as const;

/** A person wrote to the OA (sender = user, recipient = OA). */
export const ZaloUserMessageEventSchema = z.looseObject({
  ...envelope,
  event_name: z.enum(ZALO_USER_MESSAGE_EVENTS),
  timestamp: ZaloTimestampSchema,
  sender: ZaloParticipantSchema,
  recipient: ZaloParticipantSchema,
  message: z.looseObject({
    msg_id: z.string().min(1),
    text: z.string().optional(),
    attachments: z.array(ZaloAttachmentSchema).optional(),
    quote_msg_id: z.string().optional(),
  }),
});
export type ZaloUserMessageEvent = z.infer<typeof ZaloUserMessageEventSchema>;

/** follow / unfollow: the user is `follower.id`; there is no sender/recipient. */
export const ZaloFollowEventSchema = z.looseObject({
  ...envelope,
  event_name: z.enum(['follow', 'unfollow']),
  timestamp: ZaloTimestampSchema,
  follower: ZaloParticipantSchema,
  source: z.string().optional(),
});
export type ZaloFollowEvent = z.infer<typeof ZaloFollowEventSchema>;

const ZaloInfoValueSchema = z.union([z.string(), z.number()]);

/** Answer to a request_user_info form. Personal data: never log `info`. Two shapes exist (full_address vs flat address fields). */
export const ZaloSubmitInfoEventSchema = z.looseObject({
  ...envelope,
  event_name: z.literal('user_submit_info'),
  timestamp: ZaloTimestampSchema,
  sender: ZaloParticipantSchema,
  recipient: ZaloParticipantSchema.optional(),
  info: z.looseObject({
    name: ZaloInfoValueSchema.optional(),
    phone: ZaloInfoValueSchema.optional(),
    address: ZaloInfoValueSchema.optional(),
    city: ZaloInfoValueSchema.optional(),
    district: ZaloInfoValueSchema.optional(),
    ward: ZaloInfoValueSchema.optional(),
    user_dob: ZaloInfoValueSchema.optional(),
    gender: ZaloInfoValueSchema.optional(),
    full_address: z.looseObject({}).optional(),
  }),
});
export type ZaloSubmitInfoEvent = z.infer<typeof ZaloSubmitInfoEventSchema>;

/**
 * User actions that are not messages: user_withdraw (asks for their data to be deleted) and
 * user_click_chatnow (tapped "Nhắn tin" on the OA profile; counts as an interaction). Their exact
 * shape is not documented, so the user id is read from `sender.id`, else `user_id`, else `follower.id`.
 */
export const ZaloUserActionEventSchema = z
  .looseObject({
    ...envelope,
    event_name: z.enum(['user_withdraw', 'user_click_chatnow']),
    timestamp: ZaloTimestampSchema,
    sender: ZaloParticipantSchema.optional(),
    recipient: ZaloParticipantSchema.optional(),
    follower: ZaloParticipantSchema.optional(),
    user_id: ZaloIdSchema.optional(),
  })
  .refine((ev) => Boolean(ev.sender ?? ev.user_id ?? ev.follower), { message: 'no user id (sender.id, user_id or follower.id)' });
export type ZaloUserActionEvent = z.infer<typeof ZaloUserActionEventSchema>;

/** Our own sends (API or a human in the OA chat tool) come back as oa_send_*: must be ignored or the bot talks to itself. */
export const ZaloOaEchoEventSchema = z.looseObject({
  ...envelope,
  event_name: z.templateLiteral(['oa_send_', z.string()]),
  timestamp: ZaloTimestampSchema.optional(),
  sender: ZaloParticipantSchema.optional(),
  recipient: ZaloParticipantSchema.optional(),
});
export type ZaloOaEchoEvent = z.infer<typeof ZaloOaEchoEventSchema>;

/** Delivery/read receipts: roles inverted (sender = OA, recipient = user); seen has `msg_ids[]`. */
export const ZaloReceiptEventSchema = z.looseObject({
  ...envelope,
  event_name: z.enum(['user_received_message', 'user_seen_message']),
  timestamp: ZaloTimestampSchema.optional(),
  sender: ZaloParticipantSchema.optional(),
  recipient: ZaloParticipantSchema.optional(),
  message: z
    .looseObject({
      msg_id: z.string().optional(),
      msg_ids: z.array(z.string()).optional(),
    })
    .optional(),
});
export type ZaloReceiptEvent = z.infer<typeof ZaloReceiptEventSchema>;

/** Reactions to a message, by the user or by the OA. Understood, nothing to do. */
export const ZaloReactionEventSchema = z.looseObject({
  ...envelope,
  event_name: z.enum(['user_reacted_message', 'oa_reacted_message']),
  timestamp: ZaloTimestampSchema.optional(),
  sender: ZaloParticipantSchema.optional(),
  recipient: ZaloParticipantSchema.optional(),
});
export type ZaloReactionEvent = z.infer<typeof ZaloReactionEventSchema>;

/** Anything else with an event_name (tags, anonymous users, groups, calls, or a known event in an unexpected shape). */
export const ZaloOtherEventSchema = z.looseObject({ event_name: z.string() });
export type ZaloOtherEvent = z.infer<typeof ZaloOtherEventSchema>;

/** Tried in order: the first schema that accepts the payload decides its class. */
export const ZaloEventSchema = z.union([
  ZaloUserMessageEventSchema,
  ZaloFollowEventSchema,
  ZaloSubmitInfoEventSchema,
  ZaloUserActionEventSchema,
  ZaloOaEchoEventSchema,
  ZaloReceiptEventSchema,
  ZaloReactionEventSchema,
  ZaloOtherEventSchema,
]);
export type ZaloEvent = z.infer<typeof ZaloEventSchema>;

// Parsing never throws on a well-formed but unfamiliar event: anything with an `event_name` is a ZaloEvent, classified 'ignored' if not understood.

/**
 * Validates a webhook body. Returns null only when it is not a Zalo event at all (no string
 * `event_name`); any other payload is a ZaloEvent, possibly one that classifies as 'ignored'.
 */
export function parseZaloEvent(json: unknown): ZaloEvent | null {
  const res = ZaloEventSchema.safeParse(json);
  return res.success ? res.data : null;
}

export type ZaloEventClass =
  | 'message'
  | 'follow'
  | 'unfollow'
  | 'submit_info'
  | 'withdraw'
  | 'echo'
  | 'receipt'
  | 'ignored';

// The type guards re-check the shape rather than trusting event_name: a known name with a broken
// shape parsed as ZaloOtherEvent and must not be treated as the real thing.
export function isZaloUserMessageEvent(ev: ZaloEvent): ev is ZaloUserMessageEvent {
  return ZaloUserMessageEventSchema.safeParse(ev).success;
}
export function isZaloFollowEvent(ev: ZaloEvent): ev is ZaloFollowEvent {
  return ZaloFollowEventSchema.safeParse(ev).success;
}
export function isZaloSubmitInfoEvent(ev: ZaloEvent): ev is ZaloSubmitInfoEvent {
  return ZaloSubmitInfoEventSchema.safeParse(ev).success;
}
export function isZaloUserActionEvent(ev: ZaloEvent): ev is ZaloUserActionEvent {
  return ZaloUserActionEventSchema.safeParse(ev).success;
}

/**
 * What Loa should do with an event. 'message' covers user_send_* and user_click_chatnow (a user
 * interaction that opens the consultation window, delivered as kind 'other'); 'echo' and
 * 'receipt' are the OA's own traffic; everything else (reactions, tags, groups, anonymous users,
 * malformed known events) is 'ignored' and should still be answered 200 so Zalo does not resend it.
 */
export function classifyZaloEvent(ev: ZaloEvent): ZaloEventClass {
  if (isZaloUserMessageEvent(ev)) return 'message';
  if (isZaloFollowEvent(ev)) return ev.event_name === 'follow' ? 'follow' : 'unfollow';
  if (isZaloSubmitInfoEvent(ev)) return 'submit_info';
  if (isZaloUserActionEvent(ev)) return ev.event_name === 'user_withdraw' ? 'withdraw' : 'message';
  if (ZaloOaEchoEventSchema.safeParse(ev).success) return 'echo';
  if (ZaloReceiptEventSchema.safeParse(ev).success) return 'receipt';
  return 'ignored';
}

/** Envelope facts the webhook route needs before anything else (app routing, replay window), for any event shape. */
export interface ZaloEventMeta {
  eventName: string;
  appId?: string;
  /** Epoch ms, when the event carries a valid timestamp. */
  timestampMs?: number;
  /** The timestamp exactly as sent (the signature covers this string). */
  timestampRaw?: string;
}

export function getZaloEventMeta(ev: ZaloEvent): ZaloEventMeta {
  const meta: ZaloEventMeta = { eventName: ev.event_name };
  const appId = (ev as Record<string, unknown>).app_id;
  if (typeof appId === 'string') meta.appId = appId;
  const ts = (ev as Record<string, unknown>).timestamp;
  if (typeof ts === 'string' || typeof ts === 'number') {
    meta.timestampRaw = String(ts);
    const ms = Number(ts);
    if (Number.isSafeInteger(ms) && ms >= 0) meta.timestampMs = ms;
  }
  return meta;
}

/**
 * The user an event is about: sender.id for user events, follower.id for follow/unfollow,
 * recipient.id for the OA's echoes and receipts (roles are inverted there), user_id as a last resort.
 */
export function getZaloEventUserId(ev: ZaloEvent): string | undefined {
  const rec = ev as Record<string, unknown>;
  const inverted = ev.event_name.startsWith('oa_') || ev.event_name === 'user_received_message' || ev.event_name === 'user_seen_message';
  const keys = inverted ? ['recipient'] : ['sender', 'follower'];
  for (const key of keys) {
    const part = rec[key];
    if (part && typeof part === 'object') {
      const id = (part as Record<string, unknown>).id;
      if (typeof id === 'string') return id;
    }
  }
  return typeof rec.user_id === 'string' ? rec.user_id : undefined;
}
