// Parsing, classification and mapping of real-shaped Zalo webhook payloads (fixtures from zalo-oa.md §7.4).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classifyZaloEvent,
  getZaloEventMeta,
  getZaloEventUserId,
  parseZaloEvent,
  type ZaloEvent,
} from '../../../../bots/zalo/events';
import { derivedKey, toInboundMessage } from '../../../../bots/zalo/to-inbound';

const APP_ID = '2718281828459045235';
const USER = '6025512893746510384';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/zalo-events/${name}.json`, import.meta.url), 'utf8')) as unknown;
}

function event(name: string): ZaloEvent {
  const ev = parseZaloEvent(fixture(name));
  if (!ev) throw new Error(`fixture ${name} did not parse`);
  return ev;
}

describe('parseZaloEvent / classifyZaloEvent', () => {
  it.each([
    ['user_send_text', 'message'],
    ['user_send_link', 'message'],
    ['user_send_image', 'message'],
    ['user_send_sticker', 'message'],
    ['user_click_chatnow', 'message'],
    ['follow', 'follow'],
    ['unfollow', 'unfollow'],
    ['user_submit_info', 'submit_info'],
    ['user_withdraw', 'withdraw'],
    ['oa_send_text', 'echo'],
    ['user_seen_message', 'receipt'],
    ['user_received_message', 'receipt'],
    ['user_reacted_message', 'ignored'],
    ['unknown_event', 'ignored'],
  ] as const)('%s → %s', (name, cls) => {
    expect(classifyZaloEvent(event(name))).toBe(cls);
  });

  it('returns null only for payloads that are not Zalo events', () => {
    expect(parseZaloEvent(null)).toBeNull();
    expect(parseZaloEvent('user_send_text')).toBeNull();
    expect(parseZaloEvent({ update_id: 1, message: {} })).toBeNull();
    expect(parseZaloEvent({ event_name: 42 })).toBeNull();
    expect(parseZaloEvent({ event_name: 'something_new' })).not.toBeNull();
  });

  it('keeps unknown keys (loose) and ids as strings', () => {
    const ev = event('user_send_link') as Record<string, unknown>;
    expect(ev.reorder_id).toBe('1767770100000');
    expect(getZaloEventUserId(event('user_send_link'))).toBe(USER);
  });

  it('treats a known event with a broken shape as ignored, not as the real thing', () => {
    const broken = parseZaloEvent({ event_name: 'user_send_text', app_id: APP_ID, timestamp: '1767769325118', message: { text: 'hi' } });
    expect(broken).not.toBeNull();
    if (!broken) return;
    expect(classifyZaloEvent(broken)).toBe('ignored');
    expect(toInboundMessage(broken, APP_ID)).toBeNull();
  });

  it('exposes app id and timestamp for the webhook route', () => {
    expect(getZaloEventMeta(event('follow'))).toEqual({
      eventName: 'follow',
      appId: APP_ID,
      timestampMs: 1767769000000,
      timestampRaw: '1767769000000',
    });
    // Receipts and echoes invert roles: the user is the recipient.
    expect(getZaloEventUserId(event('user_seen_message'))).toBe(USER);
    expect(getZaloEventUserId(event('oa_send_text'))).toBe(USER);
    expect(getZaloEventUserId(event('follow'))).toBe(USER);
  });
});

describe('toInboundMessage', () => {
  it('maps a text message', () => {
    expect(toInboundMessage(event('user_send_text'), APP_ID)).toEqual({
      platform: 'zalo',
      eventKey: 'zalo:3f9c0a7be15d42c8a6e1',
      kind: 'text',
      externalUserId: USER,
      chatId: USER,
      isPrivate: true,
      text: '/dangky',
      attachmentUrls: [],
      sentAt: new Date(1767769325118).toISOString(),
    });
  });

  it('maps a link message: text plus the attachment URL', () => {
    const msg = toInboundMessage(event('user_send_link'), APP_ID);
    expect(msg?.kind).toBe('text');
    expect(msg?.text).toBe('Bài đăng chiến dịch #MyHoChiMinh');
    expect(msg?.attachmentUrls).toEqual(['https://vt.tiktok.com/ZSk7aPq3R/']);
    expect(msg?.eventKey).toBe('zalo:a1c44e0d9b7f2e3c5d60');
  });

  it('maps an image with a caption to text, and without one to other', () => {
    expect(toInboundMessage(event('user_send_image'), APP_ID)).toMatchObject({
      kind: 'text',
      text: 'Ảnh sự kiện hôm nay #LeHoiAmThuc',
      attachmentUrls: [],
    });
    const bare = fixture('user_send_image') as { message: Record<string, unknown> };
    delete bare.message.text;
    const ev = parseZaloEvent(bare);
    expect(ev && toInboundMessage(ev, APP_ID)?.kind).toBe('other');
  });

  it('normalises text to NFC', () => {
    const raw = fixture('user_send_text') as { message: { text: string } };
    const nfd = 'Đăng ký'.normalize('NFD');
    raw.message.text = nfd;
    expect(nfd).not.toBe('Đăng ký'.normalize('NFC'));
    const ev = parseZaloEvent(raw);
    expect(ev && toInboundMessage(ev, APP_ID)?.text).toBe('Đăng ký'.normalize('NFC'));
  });

  it('maps other user messages to other', () => {
    expect(toInboundMessage(event('user_send_sticker'), APP_ID)).toMatchObject({ kind: 'other', eventKey: 'zalo:5eed1e55c0de4b1d9a08' });
    expect(toInboundMessage(event('user_click_chatnow'), APP_ID)).toMatchObject({
      kind: 'other',
      chatId: USER,
      eventKey: derivedKey('user_click_chatnow', USER, '1767770550000'),
    });
  });

  it('maps follow and unfollow with a derived key from follower.id', () => {
    expect(toInboundMessage(event('follow'), APP_ID)).toMatchObject({
      kind: 'follow',
      chatId: USER,
      externalUserId: USER,
      eventKey: derivedKey('follow', USER, '1767769000000'),
      text: '',
      sentAt: new Date(1767769000000).toISOString(),
    });
    expect(toInboundMessage(event('unfollow'), APP_ID)).toMatchObject({
      kind: 'unfollow',
      eventKey: derivedKey('unfollow', USER, '1767790000000'),
    });
  });

  it('maps submit_info with name and phone only', () => {
    const msg = toInboundMessage(event('user_submit_info'), APP_ID);
    expect(msg).toMatchObject({
      kind: 'submit_info',
      eventKey: derivedKey('user_submit_info', USER, '1767770400000'),
      submittedInfo: { name: 'Nguyễn Văn Thử', phone: '84900000000' },
    });
    expect(Object.keys(msg?.submittedInfo ?? {})).toEqual(['name', 'phone']);
  });

  it('maps user_withdraw', () => {
    expect(toInboundMessage(event('user_withdraw'), APP_ID)).toMatchObject({
      kind: 'withdraw',
      chatId: USER,
      eventKey: derivedKey('user_withdraw', USER, '1767770500000'),
    });
    // The key outlives the person's deletion: it must not name them, yet dedupe the same event.
    const key = toInboundMessage(event('user_withdraw'), APP_ID)!.eventKey;
    expect(key).not.toContain(USER);
    expect(key).toBe(toInboundMessage(event('user_withdraw'), APP_ID)!.eventKey);
    expect(key).not.toBe(derivedKey('user_withdraw', USER, '1767770500001'));
  });

  it('gives null for echoes, receipts, reactions, unknown events and other apps', () => {
    for (const name of ['oa_send_text', 'user_seen_message', 'user_received_message', 'user_reacted_message', 'unknown_event']) {
      expect(toInboundMessage(event(name), APP_ID)).toBeNull();
    }
    expect(toInboundMessage(event('user_send_text'), '1111111111111111111')).toBeNull();
  });
});
