// The webhook payloads the sandbox page sends to Loa, in the shapes Telegram and Zalo send them
// (test/fixtures/telegram-updates, test/fixtures/zalo-events), with this session's secrets: a
// Telegram update carries X-Telegram-Bot-Api-Secret-Token, a Zalo event X-ZEvent-Signature
// (`mac=` + sha256(app_id + body + timestamp + OA secret key), platforms/zalo-oa.md §7.3).
import { createHash, randomBytes } from 'node:crypto';

export interface TelegramUser {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
}

export interface TelegramChat {
  id: number;
  /** Set for a group: Loa's groups are supergroups, like the fixture. */
  title?: string;
}

// Update ids only grow, across runs too (a reused sandbox database remembers handled ids for 7 days).
let updateId = Date.now();
let messageId = 1;

function from(user: TelegramUser) {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.firstName,
    ...(user.lastName ? { last_name: user.lastName } : {}),
    ...(user.username ? { username: user.username } : {}),
    language_code: 'vi',
  };
}

function chatOf(user: TelegramUser, chat?: TelegramChat) {
  if (chat?.title) return { id: chat.id, title: chat.title, type: 'supergroup' };
  return {
    id: user.id,
    first_name: user.firstName,
    ...(user.lastName ? { last_name: user.lastName } : {}),
    ...(user.username ? { username: user.username } : {}),
    type: 'private',
  };
}

/** A text message in the person's private chat, or in a group when `chat.title` is set. */
export function telegramText(user: TelegramUser, text: string, at: Date, chat?: TelegramChat) {
  const command = /^\/\S+/.exec(text);
  return {
    update_id: ++updateId,
    message: {
      message_id: messageId++,
      from: from(user),
      chat: chatOf(user, chat),
      date: Math.floor(at.getTime() / 1000),
      text,
      ...(command ? { entities: [{ offset: 0, length: command[0].length, type: 'bot_command' }] } : {}),
    },
  };
}

/** The person shares their own phone number (the phone step's `request_contact` button). */
export function telegramContact(user: TelegramUser, phone: string, at: Date) {
  return {
    update_id: ++updateId,
    message: {
      message_id: messageId++,
      from: from(user),
      chat: chatOf(user),
      date: Math.floor(at.getTime() / 1000),
      contact: { phone_number: phone, first_name: user.firstName, ...(user.lastName ? { last_name: user.lastName } : {}), user_id: user.id },
    },
  };
}

/** A tap on an inline button under a bot message (`callback_data` comes back as `data`). */
export function telegramCallback(user: TelegramUser, data: string, message: { id: number; text: string; chat?: TelegramChat }, bot: { id: number; username: string }) {
  const id = `${user.id}${String(++updateId).slice(-9)}`;
  return {
    update_id: updateId,
    callback_query: {
      id,
      from: from(user),
      message: {
        message_id: message.id,
        from: { id: bot.id, is_bot: true, first_name: 'Loa', username: bot.username },
        chat: chatOf(user, message.chat),
        date: Math.floor(Date.now() / 1000),
        text: message.text,
      },
      chat_instance: String(-Math.abs(user.id * 7919)),
      data,
    },
  };
}

export interface ZaloOa {
  appId: string;
  oaId: string;
  secretKey: string;
}

/** A user's text to the OA (also what a tap on an `oa.query.show` button sends). */
export function zaloText(oa: ZaloOa, userId: string, text: string, at: Date) {
  return {
    app_id: oa.appId,
    sender: { id: userId },
    user_id_by_app: appScopedId(userId),
    recipient: { id: oa.oaId },
    event_name: 'user_send_text',
    message: { text, msg_id: randomBytes(10).toString('hex') },
    timestamp: String(at.getTime()),
  };
}

/** Following (or unfollowing) the OA. */
export function zaloFollow(oa: ZaloOa, userId: string, at: Date, event: 'follow' | 'unfollow') {
  return {
    oa_id: oa.oaId,
    follower: { id: userId },
    user_id_by_app: appScopedId(userId),
    event_name: event,
    source: 'oa_profile',
    app_id: oa.appId,
    timestamp: String(at.getTime()),
  };
}

/** Zalo's X-ZEvent-Signature for a raw body. */
export function zaloSignature(oa: ZaloOa, rawBody: string, timestamp: string): string {
  return `mac=${createHash('sha256').update(oa.appId + rawBody + timestamp + oa.secretKey).digest('hex')}`;
}

// Zalo gives each app its own id for a user; any stable value of the same form will do here.
function appScopedId(userId: string): string {
  return String(BigInt(`0x${createHash('sha256').update(userId).digest('hex').slice(0, 15)}`));
}
