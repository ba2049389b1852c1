// Real update bodies from public sources (test/fixtures/SOURCES.md) through the real app, and
// SPEC §6 "nothing dropped silently": a contact at the phone step, stickers, photos and locations
// inside a conversation get a reason and the same question again, on Telegram and on Zalo.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_USERNAME, nextUpdateId, startHarness, ZALO_APP_ID, type Harness } from '../support/harness';
import { sqlCount, sqlRows, telegramTexts, zaloTexts } from '../support/read';
import { members as vi } from '../../src/i18n/vi/members';
import { core as viCore } from '../../src/i18n/vi/core';
import { telegramChat, zaloChat } from './members-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (path: string): Json => JSON.parse(readFileSync(new URL(`../fixtures/${path}.json`, import.meta.url), 'utf8')) as Json;

/** A Telegram fixture with a fresh update id and the test clock's date; optionally from a user in their private chat. */
function tgFixture(name: string, privateFrom?: number): Json {
  const u = fixture(`telegram/${name}`);
  u.update_id = nextUpdateId();
  const m = u.message ?? u.channel_post ?? u.my_chat_member;
  m.date = Math.floor(h.clock.now().getTime() / 1000);
  if (privateFrom !== undefined && u.message) {
    u.message.from.id = privateFrom;
    u.message.from.language_code = 'vi'; // the answers are read in Vietnamese
    u.message.chat = { id: privateFrom, first_name: u.message.from.first_name, type: 'private' };
  }
  return u;
}

let zaloSeq = 0;
/** A Zalo fixture for this app at the test clock's time (the harness signs it with the real algorithm). */
function zaloFixture(name: string, userId?: string): Json {
  const ev = fixture(`zalo/${name}`);
  ev.app_id = ZALO_APP_ID;
  ev.timestamp = String(h.clock.now().getTime() + ++zaloSeq);
  if (ev.message?.msg_id) ev.message.msg_id = `${ev.message.msg_id}-${zaloSeq}`;
  if (userId && ev.sender && !String(ev.event_name).startsWith('oa_')) ev.sender.id = userId;
  return ev;
}

const stored = () => sqlCount(h, 'SELECT count(*) AS n FROM inbound_events');
const identities = () => sqlCount(h, 'SELECT count(*) AS n FROM chat_identities');
const outbox = () => sqlCount(h, 'SELECT count(*) AS n FROM outbox');

async function post(send: () => Promise<Response>) {
  const res = await send();
  expect(res.status).toBe(200);
  await h.settle();
}

describe('real Telegram updates', () => {
  it('ignores a command for another bot, a contact and a sticker in groups, the bot made channel admin, and channel posts: 200, nothing stored', async () => {
    for (const name of ['group-command', 'contact', 'sticker', 'my-chat-member-channel', 'channel-post']) {
      await post(() => h.telegram(tgFixture(name)));
    }
    expect(await stored()).toBe(0);
    expect(await identities()).toBe(0);
    expect(await outbox()).toBe(0);
    expect(h.tg.sent()).toHaveLength(0);
  });

  it('answers the same group command when it is addressed to Loa, in the group', async () => {
    const u = tgFixture('group-command');
    u.message.text = `/trogiup@${BOT_USERNAME}`;
    u.message.entities[0].length = u.message.text.length;
    await post(() => h.telegram(u));
    expect(telegramTexts(h, u.message.chat.id)).toHaveLength(1);
    expect(telegramTexts(h, u.message.chat.id)[0]).toContain('/trogiup');
    // The sender has no private chat yet: nothing is pushed to them.
    const [identity] = await sqlRows<{ chat_id: string; private_chat_at: number | null }>(h, 'SELECT chat_id, private_chat_at FROM chat_identities');
    expect(identity).toEqual({ chat_id: String(u.message.from.id), private_chat_at: null });
  });

  it('a sticker or a location in a private chat outside a conversation gets the hint once a day, then a one-line pointer', async () => {
    await post(() => h.telegram(tgFixture('sticker-private', 5101)));
    await post(() => h.telegram(tgFixture('location-private', 5101)));
    expect(telegramTexts(h, 5101)).toEqual([viCore.unknownHint(), viCore.unknownPointer()]);
  });
});

describe('the phone step on Telegram', () => {
  async function toPhoneStep(userId: number) {
    const me = telegramChat(h, userId);
    await me.say('/dangky');
    await me.say('Nguyễn Thị Ánh Tuyết');
    await me.press('reg:role:1');
    await me.say('không');
    const replies = await me.say('https://www.tiktok.com/@anhtuyet');
    expect(replies.at(-1)).toContain(vi.regAskPhone());
    return me;
  }
  const stepData = async () => JSON.parse((await sqlRows<{ data: string }>(h, 'SELECT data FROM conversations'))[0]!.data) as Json;

  it('offers a one-time "share my phone number" keyboard, takes the person’s own contact and then removes the keyboard', async () => {
    await toPhoneStep(5201);
    const question = h.tg.sent(5201).at(-1)!;
    expect(question.reply_markup).toEqual({
      keyboard: [[{ text: vi.btnSharePhone(), request_contact: true }], [{ text: vi.btnSkip() }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });

    // A sticker is no answer: the reason and the same question (with its keyboard) again.
    await post(() => h.telegram(tgFixture('sticker-private', 5201)));
    let last = h.tg.sent(5201).at(-1)!;
    expect(String(last.text)).toContain(viCore.unusableContent({ what: viCore.contentNames.sticker }));
    expect(String(last.text)).toContain(vi.regAskPhone());
    expect(JSON.stringify(last.reply_markup)).toContain('request_contact');

    // Someone else's contact is refused with the reason.
    const other = tgFixture('contact', 5201);
    other.message.contact.user_id = 5999;
    other.message.contact.phone_number = '84912000111';
    await post(() => h.telegram(other));
    last = h.tg.sent(5201).at(-1)!;
    expect(String(last.text)).toContain(vi.regContactNotYours());
    expect(String(last.text)).toContain(vi.regAskPhone());
    // A contact without user_id (typed in by hand) is not the person's own either.
    await post(() => h.telegram(tgFixture('contact', 5201)));
    expect(String(h.tg.sent(5201).at(-1)!.text)).toContain(vi.regContactNotYours());
    expect((await stepData()).phone).toBeUndefined();

    // Their own contact (Telegram sends 84… without +) is the answer, normalised.
    const own = tgFixture('contact', 5201);
    own.message.contact = { phone_number: '84912345678', first_name: 'Tuyết', user_id: 5201 };
    const before = h.tg.sent(5201).length;
    await post(() => h.telegram(own));
    const [noted, next] = h.tg.sent(5201).slice(before);
    expect(noted).toMatchObject({ text: vi.regPhoneNoted(), reply_markup: { remove_keyboard: true } });
    expect(String(next!.text)).toContain('Luật Bảo vệ dữ liệu cá nhân');
    expect((await stepData()).phone).toBe('+84912345678');
  });

  it('typing "Bỏ qua" from the keyboard skips the phone and removes the keyboard', async () => {
    const me = await toPhoneStep(5202);
    const replies = await me.say(vi.btnSkip());
    expect(replies[0]).toBe(vi.regPhoneSkipped());
    expect(h.tg.sent(5202).at(-2)!.reply_markup).toEqual({ remove_keyboard: true });
    expect((await stepData()).phone).toBeNull();
  });

  it('a sticker at the name step gets the reason and the name question again, never silence', async () => {
    const me = telegramChat(h, 5203);
    await me.say('/dangky');
    await post(() => h.telegram(tgFixture('location-private', 5203)));
    const last = telegramTexts(h, 5203).at(-1)!;
    expect(last).toContain(viCore.unusableContent({ what: viCore.contentNames.location }));
    expect(last).toContain(vi.regAskName());
  });
});

describe('real Zalo events', () => {
  it('echoes, receipts: 200 and nothing stored; a sticker or a photo without text inside registration: the reason and the question again', async () => {
    for (const name of ['oa_send_text', 'user_received_message', 'user_seen_message']) {
      const ev = zaloFixture(name);
      if (ev.recipient) ev.recipient.id = '6025512893746510384';
      await post(() => h.zaloEvent(ev));
    }
    expect(await stored()).toBe(0);
    expect(await identities()).toBe(0);
    expect(h.zalo.sent()).toHaveLength(0);

    const user = '4339761418830368433';
    const me = zaloChat(h, user);
    expect((await me.say('dang ky')).at(-1)).toContain(vi.regAskName());
    await post(() => h.zaloEvent(zaloFixture('user_send_sticker', user)));
    let last = zaloTexts(h, user).at(-1)!;
    expect(last).toContain(viCore.unusableContent({ what: viCore.contentNames.sticker }));
    expect(last).toContain(vi.regAskName());

    const photo = zaloFixture('user_send_image', user);
    delete photo.message.text;
    await post(() => h.zaloEvent(photo));
    last = zaloTexts(h, user).at(-1)!;
    expect(last).toContain(viCore.unusableContent({ what: viCore.contentNames.photo }));
    expect(last).toContain(vi.regAskName());
    // The conversation goes on.
    expect((await me.say('Nguyễn Thị Ánh Tuyết')).at(-1)).toContain(vi.regAskRole().split('\n')[0]!);
  });

  it('user_withdraw (the documented shape, user in `user_id`) from someone Loa never knew: 200 and no member', async () => {
    await post(() => h.zaloEvent(zaloFixture('user_withdraw')));
    expect(await sqlCount(h, 'SELECT count(*) AS n FROM members')).toBe(0);
  });
});
