// toInboundMessage on real-shaped updates.
import { describe, expect, it } from 'vitest';
import { stripBotMention, toInboundMessage } from '../../../../bots/telegram/to-inbound';
import { loadUpdate } from './fixtures';

const BOT = 'LoaBot';
const NOW = new Date('2026-11-22T03:00:00.000Z');
/** Lan's private chat, as the fixtures send it. */
const LAN = { platform: 'telegram', externalUserId: '5012345678', chatId: '5012345678', isPrivate: true, languageCode: 'vi' };

describe('toInboundMessage', () => {
  it('maps a private /start', () => {
    expect(toInboundMessage(loadUpdate('private-start'), BOT, NOW)).toEqual({
      ...LAN,
      eventKey: 'tg:804120001',
      kind: 'text',
      text: '/start',
      attachmentUrls: [],
      displayName: 'Lan Trần',
      sentAt: '2025-11-22T02:00:00.000Z',
    });
  });

  it('strips @BotUsername from a leading command', () => {
    const msg = toInboundMessage(loadUpdate('start-with-username'), BOT, NOW);
    expect(msg?.text).toBe('/start hi');
    expect(msg?.displayName).toBe('Lan');
    expect(msg?.languageCode).toBe('en');
  });

  it('maps a group command, matching the username case-insensitively', () => {
    const msg = toInboundMessage(loadUpdate('group-command'), BOT, NOW);
    expect(msg).toMatchObject({ kind: 'text', text: '/tin', chatId: '-1002233445566', externalUserId: '6023456789', isPrivate: false });
  });

  it('drops a group command addressed to another bot, and group text that is no command', () => {
    const update = loadUpdate('group-command');
    (update.message as { text: string }).text = '/tin@OtherBot';
    expect(toInboundMessage(update, BOT, NOW)).toBeNull();
    (update.message as { text: string }).text = 'tin hôm nay';
    expect(toInboundMessage(update, BOT, NOW)).toBeNull();
    expect(stripBotMention('/tin@LoaBotX', BOT)).toBe('/tin@LoaBotX');
    expect(stripBotMention('hello /tin@LoaBot', BOT)).toBe('hello /tin@LoaBot');
    expect(stripBotMention('/tin@LoaBot', '@loabot')).toBe('/tin');
    expect(stripBotMention('/tin@LoaBot', '')).toBe('/tin@LoaBot');
  });

  it('normalises text to NFC and collects text_link targets only', () => {
    const msg = toInboundMessage(loadUpdate('text-with-links'), BOT, NOW);
    expect(msg?.text.startsWith('Xin chào,')).toBe(true);
    expect(msg?.text).toBe(msg?.text.normalize('NFC'));
    expect(msg?.text).toContain('https://www.tiktok.com/@lan/video/7300000000000000001');
    expect(msg?.attachmentUrls).toEqual(['https://www.youtube.com/watch?v=abcdefghijk']);
  });

  it('uses the caption of a photo and its caption entities', () => {
    const msg = toInboundMessage(loadUpdate('photo-with-caption'), BOT, NOW);
    expect(msg).toMatchObject({ kind: 'text', text: 'Ảnh sự kiện, xem thêm', attachmentUrls: ['https://www.facebook.com/events/123456789'] });
  });

  it('maps a callback query', () => {
    expect(toInboundMessage(loadUpdate('callback-query'), BOT, NOW)).toEqual({
      platform: 'telegram',
      eventKey: 'tg:804120006',
      kind: 'callback',
      externalUserId: '5012345678',
      chatId: '5012345678',
      isPrivate: true,
      text: 'lang:en',
      attachmentUrls: [],
      callbackId: '4382bfdwdsb323b2d9',
      displayName: 'Lan',
      languageCode: 'vi',
      sentAt: NOW.toISOString(),
    });
  });

  it('answers an inline-message callback (no message) in the private chat of the presser', () => {
    const update = loadUpdate('callback-query');
    const callback = update.callback_query as Record<string, unknown>;
    delete callback.message;
    callback.inline_message_id = 'AAAAAKBcAQAB';
    expect(toInboundMessage(update, BOT, NOW)).toMatchObject({ chatId: '5012345678', isPrivate: true });
  });

  it('ignores edited messages', () => {
    expect(toInboundMessage(loadUpdate('edited-message'), BOT, NOW)).toBeNull();
  });

  it('maps blocking the bot in a private chat to unfollow and unblocking it to follow', () => {
    expect(toInboundMessage(loadUpdate('my-chat-member'), BOT, NOW)).toEqual({
      ...LAN,
      eventKey: 'tg:804120008',
      kind: 'unfollow',
      text: '',
      attachmentUrls: [],
      displayName: 'Lan',
      sentAt: '2025-11-22T02:10:00.000Z',
    });
    const unblocked = loadUpdate('my-chat-member');
    (unblocked.my_chat_member as { new_chat_member: { status: string } }).new_chat_member.status = 'member';
    expect(toInboundMessage(unblocked, BOT, NOW)).toMatchObject({ kind: 'follow', externalUserId: '5012345678' });
  });

  it('ignores the bot joining or leaving a group', () => {
    for (const status of ['member', 'left', 'kicked', 'administrator']) {
      const update = loadUpdate('my-chat-member');
      const change = update.my_chat_member as { chat: Record<string, unknown>; new_chat_member: { status: string } };
      change.chat = { id: -1002233445566, title: 'MCN', type: 'supergroup' };
      change.new_chat_member.status = status;
      expect(toInboundMessage(update, BOT, NOW)).toBeNull();
    }
  });

  it('says what a message without text carried, and takes a shared contact with its owner', () => {
    const update = loadUpdate('private-start');
    const message = update.message as Record<string, unknown>;
    delete message.text;
    delete message.entities;
    message.contact = { phone_number: '84912345678', first_name: 'Lan', user_id: 5012345678 };
    expect(toInboundMessage(update, BOT, NOW)).toMatchObject({ kind: 'other', content: 'contact', contact: { phone: '84912345678', userId: '5012345678' } });
    delete message.contact;
    message.sticker = { file_id: 'x', width: 1, height: 1 };
    expect(toInboundMessage(update, BOT, NOW)).toMatchObject({ kind: 'other', content: 'sticker' });
    delete message.sticker;
    message.new_chat_title = 'x'; // a service message: no content
    expect(toInboundMessage(update, BOT, NOW)?.content).toBeUndefined();
  });

  it('maps content without text to "other" in private chats and ignores it in groups', () => {
    const update = loadUpdate('photo-with-caption');
    const message = update.message as Record<string, unknown>;
    delete message.caption;
    delete message.caption_entities;
    expect(toInboundMessage(update, BOT, NOW)).toMatchObject({ kind: 'other', text: '', attachmentUrls: [] });
    message.chat = { id: -1002233445566, title: 'Group', type: 'supergroup' };
    expect(toInboundMessage(update, BOT, NOW)).toBeNull();
  });

  it('returns null for things that are not updates', () => {
    expect(toInboundMessage(null, BOT, NOW)).toBeNull();
    expect(toInboundMessage({ update_id: 'x' }, BOT, NOW)).toBeNull();
    expect(toInboundMessage({ update_id: 1, channel_post: { message_id: 1 } }, BOT, NOW)).toBeNull();
  });

  it('keeps the message when an entity has an unexpected shape', () => {
    const update = loadUpdate('private-start');
    (update.message as Record<string, unknown>).entities = [{ weird: true }];
    expect(toInboundMessage(update, BOT, NOW)).toMatchObject({ text: '/start', attachmentUrls: [] });
  });
});
