// Pure mapper from a Telegram Update to the neutral InboundMessage; null for updates Loa does not handle.
import { z } from 'zod';
import type { InboundContent, InboundMessage } from '../../src/core/types';

// Only the fields Loa reads are declared; zod strips the rest. Entities use `.catch` so one odd
// entity (a type added in a later Bot API) never drops the whole message.
const UserSchema = z.object({
  id: z.number(),
  first_name: z.string(),
  last_name: z.string().optional(),
  language_code: z.string().optional(),
});

const ChatSchema = z.object({ id: z.number(), type: z.string() });

const EntitySchema = z.object({ type: z.string(), url: z.string().optional() });
const EntitiesSchema = z.array(EntitySchema).optional().catch(undefined);

const MessageSchema = z.object({
  message_id: z.number(),
  date: z.number(),
  chat: ChatSchema,
  from: UserSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: EntitiesSchema,
  caption_entities: EntitiesSchema,
  // A shared contact (the phone step's "share my phone number" button sends the person's own).
  contact: z.object({ phone_number: z.string(), user_id: z.number().optional() }).optional().catch(undefined),
  // Contents Loa cannot use: only their presence is read, to say why and ask again.
  sticker: z.unknown().optional(),
  photo: z.unknown().optional(),
  animation: z.unknown().optional(),
  video: z.unknown().optional(),
  video_note: z.unknown().optional(),
  voice: z.unknown().optional(),
  audio: z.unknown().optional(),
  document: z.unknown().optional(),
  location: z.unknown().optional(),
  venue: z.unknown().optional(),
  poll: z.unknown().optional(),
  dice: z.unknown().optional(),
});

type TgMessage = z.infer<typeof MessageSchema>;

/** What a message without text or caption carried; undefined for service messages (a member joined, a pinned message...). */
function contentOf(m: TgMessage): InboundContent | undefined {
  if (m.contact) return 'contact';
  if (m.sticker !== undefined) return 'sticker';
  if (m.animation !== undefined) return 'gif';
  if (m.photo !== undefined) return 'photo';
  if (m.video !== undefined || m.video_note !== undefined) return 'video';
  if (m.voice !== undefined) return 'voice';
  if (m.audio !== undefined) return 'audio';
  if (m.document !== undefined) return 'file';
  if (m.location !== undefined || m.venue !== undefined) return 'location';
  if (m.poll !== undefined) return 'poll';
  if (m.dice !== undefined) return 'other';
  return undefined;
}

const CallbackQuerySchema = z.object({
  id: z.string(),
  from: UserSchema,
  // Also matches InaccessibleMessage (date 0): only the chat is read.
  message: z.object({ chat: ChatSchema }).optional(),
  data: z.string().optional(),
});

// The bot's own membership in a chat. In a private chat Telegram sends it only when the person
// blocks the bot (`kicked`) or unblocks it (`member`).
const ChatMemberUpdatedSchema = z.object({
  chat: ChatSchema,
  from: UserSchema,
  date: z.number(),
  new_chat_member: z.object({ status: z.string() }),
});

const UpdateSchema = z.object({
  update_id: z.number().int(),
  message: MessageSchema.optional(),
  callback_query: CallbackQuerySchema.optional(),
  my_chat_member: ChatMemberUpdatedSchema.optional(),
});

type TgUser = z.infer<typeof UserSchema>;
type TgEntity = z.infer<typeof EntitySchema>;

// A group message Loa looks at: a leading /command, not addressed to another bot.
const GROUP_COMMAND = /^\/[A-Za-z0-9_]+(?=\s|$)/;

// A leading command addressed to a bot: `/start@LoaBot rest`.
const ADDRESSED_COMMAND = /^\/([A-Za-z0-9_]+)@([A-Za-z0-9_]+)(?=\s|$)/;

/**
 * Removes `@<botUsername>` from a leading command word (`/start@LoaBot hi` → `/start hi`).
 * Commands addressed to another bot keep their suffix so the core does not mistake them for ours.
 * An empty username (botInfo not known yet) never matches.
 */
export function stripBotMention(text: string, botUsername: string): string {
  const wanted = botUsername.replace(/^@/, '').toLowerCase();
  if (wanted === '') return text;
  const match = ADDRESSED_COMMAND.exec(text);
  if (!match || match[2]?.toLowerCase() !== wanted) return text;
  return `/${match[1] ?? ''}${text.slice(match[0].length)}`;
}

function displayNameOf(user: TgUser): string {
  return [user.first_name, user.last_name ?? '']
    .join(' ')
    .trim()
    .normalize('NFC');
}

// `url` entities are already visible in the text; only `text_link` hides its target.
function linkTargets(entities: TgEntity[] | undefined): string[] {
  const urls: string[] = [];
  for (const entity of entities ?? []) {
    if (entity.type === 'text_link' && entity.url && !urls.includes(entity.url)) urls.push(entity.url);
  }
  return urls;
}

function personOf(user: TgUser): Pick<InboundMessage, 'externalUserId' | 'displayName' | 'languageCode'> {
  const person: Pick<InboundMessage, 'externalUserId' | 'displayName' | 'languageCode'> = {
    externalUserId: String(user.id),
  };
  const name = displayNameOf(user);
  if (name !== '') person.displayName = name;
  if (user.language_code) person.languageCode = user.language_code;
  return person;
}

/**
 * Translates one Telegram update. Handles `message` (text, caption, or other content in private
 * chats), `callback_query`, and `my_chat_member` in private chats (blocking the bot is an
 * `unfollow`, unblocking it a `follow`, as on Zalo); everything else (edited messages, channel
 * posts, the bot added to or removed from a group, reactions, polls...) returns null.
 * `receivedAt` dates callbacks, which carry no timestamp.
 */
export function toInboundMessage(update: unknown, botUsername: string, receivedAt: Date = new Date()): InboundMessage | null {
  const parsed = UpdateSchema.safeParse(update);
  if (!parsed.success) return null;
  const { update_id: updateId, message, callback_query: callback, my_chat_member: member } = parsed.data;
  const eventKey = `tg:${updateId}`;

  if (message) {
    if (!message.from) return null;
    const isPrivate = message.chat.type === 'private';
    const body = message.text ?? message.caption;
    const entities = message.text !== undefined ? message.entities : message.caption_entities;
    // Stickers, photos without captions, contacts: answered in private (a reason and the question
    // again inside a conversation), noise in groups, where Loa only answers /commands.
    if (body === undefined && !isPrivate) return null;
    const text = stripBotMention((body ?? '').normalize('NFC'), botUsername);
    // In a group only a /command for this bot concerns Loa: other people's chatter (and commands
    // for other bots) is not stored at all, nor are its senders recorded.
    if (!isPrivate && !GROUP_COMMAND.test(text)) return null;
    const msg: InboundMessage = {
      platform: 'telegram',
      eventKey,
      kind: body === undefined ? 'other' : 'text',
      ...personOf(message.from),
      chatId: String(message.chat.id),
      isPrivate,
      text,
      attachmentUrls: linkTargets(entities),
      sentAt: new Date(message.date * 1000).toISOString(),
    };
    if (body === undefined) {
      const content = contentOf(message);
      if (content) msg.content = content;
      if (message.contact) {
        msg.contact = { phone: message.contact.phone_number };
        if (message.contact.user_id !== undefined) msg.contact.userId = String(message.contact.user_id);
      }
    }
    return msg;
  }

  if (callback) {
    // Game callbacks carry no data; Loa only sends data buttons.
    if (callback.data === undefined) return null;
    const chat = callback.message?.chat;
    return {
      platform: 'telegram',
      eventKey,
      kind: 'callback',
      ...personOf(callback.from),
      // Inline-mode messages have no chat: answer in the private chat with the presser.
      chatId: String(chat?.id ?? callback.from.id),
      isPrivate: chat ? chat.type === 'private' : true,
      text: callback.data.normalize('NFC'),
      attachmentUrls: [],
      callbackId: callback.id,
      sentAt: receivedAt.toISOString(),
    };
  }

  if (member && member.chat.type === 'private') {
    const status = member.new_chat_member.status;
    const kind = status === 'kicked' ? 'unfollow' : status === 'member' ? 'follow' : null;
    if (!kind) return null;
    return {
      platform: 'telegram',
      eventKey,
      kind,
      ...personOf(member.from),
      chatId: String(member.chat.id),
      isPrivate: true,
      text: '',
      attachmentUrls: [],
      sentAt: new Date(member.date * 1000).toISOString(),
    };
  }

  return null;
}
