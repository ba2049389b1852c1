// SPEC §6 "one person, one private chat": pushes go only to the person's own private chat with
// the bot, never to the group they first wrote from; a Telegram member who never opened the
// private chat is skipped (`telegram_no_private_chat`) and counted apart in previews.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { BOT_USERNAME, nextUpdateId, startHarness, tgText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { chatIdentities } from '../../db/schema';
import { sqlRows, telegramTexts } from '../support/read';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:900' } });
});
afterEach(async () => {
  await h.close();
});

const GROUP = -1002233445566;

/** A text message in a Telegram supergroup (the shape of test/fixtures/telegram/group-command.json). */
export function tgGroupText(userId: number, chatId: number, text: string) {
  const id = nextUpdateId();
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, title: 'Nhóm sáng tạo nội dung', type: 'supergroup' },
      from: { id: userId, is_bot: false, first_name: 'Minh', language_code: 'vi' },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] } : {}),
    },
  };
}

async function say(update: Record<string, unknown>) {
  expect((await h.telegram(update)).status).toBe(200);
  await h.settle();
}

/** The person first seen in a group becomes a registered member (as linking or the console would make them). */
async function makeMember(externalId: string, name: string) {
  const { memberId } = await seedMember(h.db.db, { name, identities: [], at: h.clock.now() });
  await h.db.db.update(chatIdentities).set({ memberId }).where(eq(chatIdentities.externalId, externalId));
  return memberId;
}

describe('pushes go only to the private chat', () => {
  it('a first message in a group never makes the group the person’s chat; pushes wait for the private chat', async () => {
    await say(tgText(900, '/batdau')); // the official opened the bot
    await say(tgGroupText(4501, GROUP, `/trogiup@${BOT_USERNAME}`));
    // The answer to a group command goes to the group…
    expect(telegramTexts(h, GROUP)).toHaveLength(1);
    // …but the identity's chat is the person's own private chat, not yet opened.
    const [identity] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, '4501'));
    expect(identity!.chatId).toBe('4501');
    expect(identity!.privateChatAt).toBeNull();
    const memberId = await makeMember('4501', 'Phạm Minh');
    await seedMember(h.db.db, { name: 'Lan', identities: [{ platform: 'telegram', externalId: '4600' }], at: h.clock.now() });

    // Announcement preview counts them apart; GUI records their row as skipped.
    await say(tgText(900, '/thongbao Họp mặt cuối năm'));
    const preview = telegramTexts(h, 900).at(-1)!;
    expect(preview).toContain('Telegram: 1 người nhận được, 1 chưa mở chat riêng với bot');
    expect(preview).toContain('Telegram chỉ cho bot nhắn người đã mở chat riêng với bot');
    await say(tgText(900, 'GUI'));
    expect(telegramTexts(h, 900).at(-1)).toContain('1 chưa mở chat riêng với bot, không gửi');
    const rows = await sqlRows<{ chat_id: string; status: string; last_error: string | null }>(
      h,
      `SELECT chat_id, status, last_error FROM outbox WHERE ref LIKE 'announcement:%' AND member_id = ${memberId}`,
    );
    expect(rows).toEqual([{ chat_id: '4501', status: 'skipped', last_error: 'telegram_no_private_chat' }]);

    // The digest (SQL fan-out) and a one-off notice ("you are now an official") are skipped too.
    await h.api('POST', '/api/articles', { url: 'https://vnexpress.net/a-1', title: 'Bài một', date: '2026-11-21' });
    await h.api('POST', '/api/digests/2026-11-21/send');
    await say(tgText(900, `/capquyen ${memberId} official`));
    const pushes = await sqlRows<{ ref: string; status: string; last_error: string | null }>(
      h,
      `SELECT ref, status, last_error FROM outbox WHERE identity_id = ${identity!.id} AND ref <> 'reply' ORDER BY id`,
    );
    expect(pushes.map((p) => [p.ref.split(':')[0], p.status, p.last_error])).toEqual([
      ['announcement', 'skipped', 'telegram_no_private_chat'],
      ['digest', 'skipped', 'telegram_no_private_chat'],
      ['grant', 'skipped', 'telegram_no_private_chat'],
    ]);
    // Nothing personal ever reached the group: only the /trogiup answer is there.
    expect(telegramTexts(h, GROUP)).toHaveLength(1);
    expect(telegramTexts(h, 4501)).toHaveLength(0);

    // Once the person opens the private chat, pushes reach them there.
    await say(tgText(4501, '/start'));
    await say(tgText(900, '/thongbao Lịch họp tuần sau'));
    await say(tgText(900, 'GUI'));
    expect(telegramTexts(h, 4501).some((t) => t.includes('Lịch họp tuần sau'))).toBe(true);
    expect(telegramTexts(h, GROUP)).toHaveLength(1);
  });

  it('a group message after the private chat keeps the private chat as the identity’s chat', async () => {
    await say(tgText(4502, '/batdau'));
    await say(tgGroupText(4502, GROUP, `/trogiup@${BOT_USERNAME}`));
    const [identity] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, '4502'));
    expect(identity!.chatId).toBe('4502');
    expect(identity!.privateChatAt).not.toBeNull();
  });
});

describe('groups: only /commands, nothing personal', () => {
  it('answers a personal command in a group with a link that starts it in the private chat', async () => {
    await say(tgGroupText(4601, GROUP, `/dangky@${BOT_USERNAME}`));
    const [answer] = h.tg.sent(GROUP);
    expect(h.tg.sent(GROUP)).toHaveLength(1);
    const text = String(answer!.text);
    const link = `https://t.me/${BOT_USERNAME}?start=dangky`;
    expect(text).toContain('Lệnh /dangky cần trao đổi riêng');
    expect(text).toContain(link);
    expect(JSON.stringify(answer!.reply_markup)).toContain(link);
    // The full name is never asked in the group, and no registration was started.
    expect(text).not.toMatch(/họ và tên/i);
    expect(await sqlRows(h, 'SELECT * FROM conversations')).toEqual([]);

    // Free text and links in a group get nothing, and store nothing.
    await say(tgGroupText(4601, GROUP, 'xin chào https://www.tiktok.com/@an/video/7312345678901234567'));
    await say(tgGroupText(4601, GROUP, 'dang ky'));
    expect(h.tg.sent(GROUP)).toHaveLength(1);
    expect(await sqlRows(h, 'SELECT * FROM posts')).toEqual([]);

    // The link opens the private chat with `/start dangky`: registration starts there.
    await say(tgText(4601, '/start dangky'));
    const privateTexts = telegramTexts(h, 4601);
    expect(privateTexts.join('\n')).toMatch(/họ và tên/i);
    const [conv] = await sqlRows<{ flow: string }>(h, 'SELECT flow FROM conversations');
    expect(conv!.flow).toBe('registration');
    expect(h.tg.sent(GROUP)).toHaveLength(1);
  });

  it('does not carry out /xoa, /lienket, /thongke in a group; each says to continue privately', async () => {
    const { memberId } = await seedMember(h.db.db, { name: 'Lê Thu', identities: [{ platform: 'telegram', externalId: '4602' }], at: h.clock.now() });
    for (const cmd of ['xoa', 'lienket', 'thongke']) await say(tgGroupText(4602, GROUP, `/${cmd}@${BOT_USERNAME}`));
    const texts = telegramTexts(h, GROUP);
    expect(texts).toHaveLength(3);
    ['xoa', 'lienket', 'thongke'].forEach((cmd, i) => expect(texts[i]).toContain(`?start=${cmd}`));
    expect(await sqlRows(h, 'SELECT * FROM conversations')).toEqual([]);
    expect(await sqlRows(h, 'SELECT * FROM link_codes')).toEqual([]);
    const [m] = await sqlRows<{ status: string }>(h, `SELECT status FROM members WHERE id = ${memberId}`);
    expect(m!.status).toBe('active');
    // Commands that are not personal still work in the group.
    await say(tgGroupText(4602, GROUP, `/trogiup@${BOT_USERNAME}`));
    expect(telegramTexts(h, GROUP).at(-1)).toContain('/trogiup');
  });

  it('every personal command of SPEC §6 that exists is declared private in the catalog', async () => {
    const { COMMANDS } = await import('../../src/core/commands/catalog');
    const personal = ['dangky', 'xoa', 'lienket', 'thongke', 'hoi', 'web'];
    for (const c of COMMANDS as readonly { name: string; privateOnly?: boolean }[]) {
      if (personal.includes(c.name)) expect(c.privateOnly, c.name).toBe(true);
    }
  });
});
