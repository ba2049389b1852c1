// Pure mapping from a parsed Zalo webhook event to the platform-neutral InboundMessage (src/core/types.ts).
import { createHash } from 'node:crypto';
import type { InboundContent, InboundKind, InboundMessage } from '../../src/core/types';
import {
  isZaloFollowEvent,
  isZaloSubmitInfoEvent,
  isZaloUserActionEvent,
  isZaloUserMessageEvent,
  type ZaloEvent,
  type ZaloUserMessageEvent,
} from './events';

function nfc(s: string): string {
  return s.normalize('NFC');
}

function toIso(timestamp: string | number): string | null {
  const ms = Number(timestamp);
  if (!Number.isSafeInteger(ms) || ms < 0) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * Zalo delivers at least once; events without a msg_id are deduped on name + user + timestamp
 * (zalo-oa.md §7.2). The user id and time go into the key hashed: the key outlives the person's
 * deletion (a redelivered user_withdraw must still be recognised) and must not name them.
 */
export function derivedKey(eventName: string, userId: string, timestamp: string | number): string {
  const hash = createHash('sha256').update(`${userId}:${String(timestamp)}`).digest('hex').slice(0, 32);
  return `zalo:${eventName}:${hash}`;
}

function messageKind(ev: ZaloUserMessageEvent, text: string): InboundKind {
  switch (ev.event_name) {
    case 'user_send_text':
    case 'user_send_link':
      return 'text';
    case 'user_send_image':
      // An image only matters to Loa through its caption (it may carry a hashtag or a link).
      return text.trim() ? 'text' : 'other';
    default:
      return 'other';
  }
}

/** What a message Loa cannot use as text carried (a reason and the question again inside a conversation). */
const ZALO_CONTENT: Partial<Record<ZaloUserMessageEvent['event_name'], InboundContent>> = {
  user_send_image: 'photo',
  user_send_sticker: 'sticker',
  user_send_gif: 'gif',
  user_send_audio: 'voice',
  user_send_video: 'video',
  user_send_file: 'file',
  user_send_location: 'location',
  user_send_business_card: 'contact',
};

/** URLs of link attachments: a pasted URL may arrive only there (user_send_link), not in message.text. */
function linkUrls(ev: ZaloUserMessageEvent): string[] {
  const urls: string[] = [];
  for (const att of ev.message.attachments ?? []) {
    const url = att.payload?.url;
    if (att.type === 'link' && url && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

function base(userId: string, eventKey: string, kind: InboundKind, sentAt: string): InboundMessage {
  return {
    platform: 'zalo',
    eventKey,
    kind,
    externalUserId: userId,
    chatId: userId,
    isPrivate: true,
    text: '',
    attachmentUrls: [],
    sentAt,
  };
}

// No business rules here: it only says who wrote what, when, and under which dedupe key.
/**
 * Maps a Zalo event to an InboundMessage, or null when there is nothing for Loa: the OA's own
 * echoes and receipts, reactions and unknown events, or an event for another app (`app_id`
 * differs from `appId`; events without app_id are accepted).
 */
export function toInboundMessage(ev: ZaloEvent, appId: string): InboundMessage | null {
  const evAppId = (ev as Record<string, unknown>).app_id;
  if (typeof evAppId === 'string' && evAppId !== appId) return null;

  if (isZaloUserMessageEvent(ev)) {
    const sentAt = toIso(ev.timestamp);
    if (!sentAt) return null;
    const text = nfc(ev.message.text ?? '');
    const msg = base(ev.sender.id, `zalo:${ev.message.msg_id}`, messageKind(ev, text), sentAt);
    msg.text = text;
    msg.attachmentUrls = linkUrls(ev);
    if (msg.kind === 'other') msg.content = ZALO_CONTENT[ev.event_name] ?? 'other';
    return msg;
  }

  if (isZaloFollowEvent(ev)) {
    const sentAt = toIso(ev.timestamp);
    if (!sentAt) return null;
    return base(ev.follower.id, derivedKey(ev.event_name, ev.follower.id, ev.timestamp), ev.event_name, sentAt);
  }

  if (isZaloSubmitInfoEvent(ev)) {
    const sentAt = toIso(ev.timestamp);
    if (!sentAt) return null;
    const msg = base(ev.sender.id, derivedKey(ev.event_name, ev.sender.id, ev.timestamp), 'submit_info', sentAt);
    const info: { name?: string; phone?: string } = {};
    if (ev.info.name !== undefined) info.name = nfc(String(ev.info.name)).trim();
    if (ev.info.phone !== undefined) info.phone = String(ev.info.phone).trim();
    msg.submittedInfo = info;
    return msg;
  }

  if (isZaloUserActionEvent(ev)) {
    const sentAt = toIso(ev.timestamp);
    const userId = ev.sender?.id ?? ev.user_id ?? ev.follower?.id;
    if (!sentAt || !userId) return null;
    const kind: InboundKind = ev.event_name === 'user_withdraw' ? 'withdraw' : 'other';
    return base(userId, derivedKey(ev.event_name, userId, ev.timestamp), kind, sentAt);
  }

  return null;
}
