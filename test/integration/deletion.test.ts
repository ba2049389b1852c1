// SPEC §6 "Deletion is complete": after /xoa (Telegram) or user_withdraw (Zalo) nothing of the
// person stays, and a redelivered webhook from them (the same update or event again) creates
// nothing; a new message afterwards is a new person.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, tgText, ZALO_APP_ID, type Harness } from '../support/harness';
import { sqlCount } from '../support/read';
import { telegramChat, zaloChat } from './members-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:9001' } });
});
afterEach(async () => {
  await h.close();
});

const NAME = 'Nguyễn Thị Xoaxoa';
/** 0912 345 678 as typed; stored as +84912345678. */
const PHONE_TYPED = '0912 345 678';
const PHONE_STORED = '+84912345678';

const withdrawEvent = (userId: string, at: Date) => ({
  app_id: ZALO_APP_ID,
  sender: { id: userId },
  user_id_by_app: `app-${userId}`,
  recipient: { id: '4150937291048362718' },
  event_name: 'user_withdraw',
  timestamp: String(at.getTime()),
});

/** What there is of a person, by their platform id: identities, outbox rows, audit rows. */
async function traces(externalId: string) {
  return {
    identities: await sqlCount(h, `SELECT count(*) AS n FROM chat_identities WHERE external_id = '${externalId}'`),
    outbox: await sqlCount(h, `SELECT count(*) AS n FROM outbox`),
    audit: await sqlCount(h, `SELECT count(*) AS n FROM audit_log`),
  };
}

describe('a redelivered event from a deleted person creates nothing', () => {
  it('Zalo: user_withdraw delivered twice leaves no identity; a new message later is a new person', async () => {
    const zl = zaloChat(h, '8701');
    for (const a of ['dang ky', NAME, '1', 'không', 'https://tiktok.com/@xoaxoa', PHONE_TYPED, 'đồng ý', 'xác nhận']) await zl.say(a);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM members WHERE full_name = '${NAME}' AND phone = '${PHONE_STORED}'`)).toBe(1);

    const withdraw = withdrawEvent('8701', h.clock.now());
    expect((await h.zaloEvent(withdraw)).status).toBe(200);
    await h.settle();
    const after = await traces('8701');
    expect(after.identities).toBe(0);

    // Zalo delivers at least once: the same event again.
    expect((await h.zaloEvent(withdraw)).status).toBe(200);
    await h.settle();
    expect(await traces('8701')).toEqual(after);

    // A new message is a new person: an identity without a member.
    await zl.say('xin chào');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM chat_identities WHERE external_id = '8701' AND member_id IS NULL`)).toBe(1);
  });

  it('Telegram: updates redelivered after /xoa (the confirmation, an earlier message) create nothing', async () => {
    const me = telegramChat(h, 4701);
    for (const a of ['dang ky', NAME, '1', 'không', 'https://tiktok.com/@xoaxoa', PHONE_TYPED, 'đồng ý', 'xác nhận']) await me.say(a);
    const earlier = tgText(4701, '/trogiup');
    expect((await h.telegram(earlier)).status).toBe(200);
    await h.settle();
    await me.say('/xoa');
    const confirm = tgText(4701, 'Xác nhận xoá');
    expect((await h.telegram(confirm)).status).toBe(200);
    await h.settle();
    const after = await traces('4701');
    expect(after.identities).toBe(0);
    const sent = h.tg.sent(4701).length;

    for (const update of [confirm, earlier]) expect((await h.telegram(update)).status).toBe(200);
    await h.settle();
    expect(await traces('4701')).toEqual(after);
    expect(h.tg.sent(4701)).toHaveLength(sent);

    await me.say('/trogiup');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM chat_identities WHERE external_id = '4701' AND member_id IS NULL`)).toBe(1);
  });
});
