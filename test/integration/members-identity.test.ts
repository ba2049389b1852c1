// Members after registration, through the real app and both fakes: /lienket (and its lock),
// /capquyen with its audit row, /ngung and /tieptuc, /xoa and Zalo user_withdraw, /ngonngu,
// /trogiup per role, Zalo follow and unfollow, Telegram block and unblock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startHarness, tgBlock, tgText, zaloFollow, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { auditLog, chatIdentities, linkCodes, mcns, members, outbox } from '../../db/schema';
import { pushRecipients } from '../../db/queries/recipients';
import { members as vi } from '../../src/i18n/vi/members';
import { codeIn, count, findEverywhere, lastReply, telegramChat, zaloChat, zaloUserEvent } from './members-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:9001' } });
});
afterEach(async () => {
  await h.close();
});

const last = lastReply;
const seed = (name: string, identities: Parameters<typeof seedMember>[1]['identities'], extra: Partial<Parameters<typeof seedMember>[1]> = {}) =>
  seedMember(h.db.db, { name, identities, at: h.clock.now(), ...extra });
const memberRow = async (id: number) => (await h.db.db.select().from(members).where(eq(members.id, id)))[0]!;

describe('/lienket', () => {
  it('joins a Zalo identity to a Telegram member; pushes then reach both platforms once each', async () => {
    const { memberId } = await seed('Nguyễn Thị Ánh Tuyết', [{ platform: 'telegram', externalId: '4001' }]);
    const tg = telegramChat(h, 4001);
    const issued = last(await tg.say('/lienket'));
    const code = codeIn(issued);
    expect(code).toMatch(/^\d{6}$/);
    expect(issued).toContain('Zalo');
    // Only a hash is stored.
    const [row] = await h.db.db.select().from(linkCodes);
    expect(row!.codeHash).not.toContain(code);
    expect(await findEverywhere(h.db.db, code).then((hits) => hits.filter((x) => x.startsWith('link_codes')))).toEqual([]);

    const zl = zaloChat(h, '8001');
    expect(last(await zl.say(`lien ket ${code}`))).toContain(`Đã liên kết! Tài khoản này giờ thuộc thành viên ${memberId}`);
    expect(last(tg.all())).toContain('Tài khoản Zalo vừa được liên kết với bạn');

    const recipients = await pushRecipients(h.db.db, { memberIds: [memberId] });
    expect(recipients.map((r) => r.platform).sort()).toEqual(['telegram', 'zalo']);
    expect(await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'identity_linked'))).toHaveLength(1);

    // Single use: the same code again (from another Zalo user) is refused.
    expect(last(await zaloChat(h, '8002').say(`/lienket ${code}`))).toContain(vi.linkUsed());
  });

  it('says when a code expired, and refuses to swallow an identity that registered on its own', async () => {
    await seed('Trần Văn Hải', [{ platform: 'telegram', externalId: '4002' }]);
    await seed('Trần Văn Hải', [{ platform: 'zalo', externalId: '8003' }]);
    const tg = telegramChat(h, 4002);
    const code = codeIn(last(await tg.say('/lienket')));
    expect(last(await zaloChat(h, '8003').say(`/lienket ${code}`))).toContain(vi.linkOwnMember());
    h.clock.advance(10 * 60_000 + 1);
    expect(last(await zaloChat(h, '8004').say(`/lienket ${code}`))).toContain(vi.linkExpired());
    expect(last(await zaloChat(h, '8004').say('/lienket 12ab'))).toContain(vi.linkMalformed());
    // A member already on Telegram cannot take a second Telegram account.
    const again = codeIn(last(await tg.say('lienket')));
    expect(last(await telegramChat(h, 4099).say(`/lienket ${again}`))).toContain('đã có một tài khoản Telegram');
  });

  it('locks linking for an hour after 5 wrong codes in 10 minutes', async () => {
    await seed('Phạm Thu Hà', [{ platform: 'telegram', externalId: '4003' }]);
    const tg = telegramChat(h, 4003);
    const code = codeIn(last(await tg.say('/lienket')));
    const wrong = code === '000000' ? '111111' : '000000';
    const zl = zaloChat(h, '8005');
    for (let i = 1; i <= 4; i++) {
      expect(last(await zl.say(`/lienket ${wrong}`))).toContain(vi.linkWrong({ left: 5 - i }));
      h.clock.advance(60_000);
    }
    const lockedAt = h.clock.now().getTime(); // replies move the test clock (the rate limiter paces on it)
    expect(last(await zl.say(`/lienket ${wrong}`))).toContain('Tạm khóa liên kết');
    // Even the right code is refused while locked.
    expect(last(await zl.say(`/lienket ${code}`))).toContain('Tạm khóa liên kết');
    const [identity] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, '8005'));
    expect(identity!.memberId).toBeNull();
    expect(identity!.linkLockedUntil!.getTime()).toBe(lockedAt + 3600_000);

    h.clock.advance(3600_000 + 1000);
    const fresh = codeIn(last(await tg.say('/lienket')));
    expect(last(await zl.say(`/lienket ${fresh}`))).toContain('Đã liên kết');
  });

  it('wrong tries spread over more than 10 minutes do not lock', async () => {
    await seed('Phạm Thu Hà', [{ platform: 'telegram', externalId: '4004' }]);
    const code = codeIn(last(await telegramChat(h, 4004).say('/lienket')));
    const wrong = code === '000000' ? '111111' : '000000';
    const zl = zaloChat(h, '8006');
    for (let i = 0; i < 6; i++) {
      expect(last(await zl.say(`/lienket ${wrong}`))).toContain('Mã liên kết không đúng');
      h.clock.advance(4 * 60_000);
    }
  });
});

describe('/capquyen', () => {
  it('an official makes a member an official; the grant is audited and the member told', async () => {
    const creator = await seed('Lương Văn Tài', [{ platform: 'zalo', externalId: '8101' }]);
    await h.db.db.update(members).set({ phone: '+84912345601' }).where(eq(members.id, creator.memberId));
    const official = telegramChat(h, 9001);
    expect(last(await official.say('/capquyen'))).toContain('Cách dùng');
    expect(last(await official.say('/capquyen 99999 official'))).toContain(vi.grantNotFound());
    expect(last(await official.say(`/capquyen ${creator.memberId} mcn_lead`))).toContain('chưa thuộc MCN nào');
    const grantedAt = h.clock.now(); // replies move the test clock (the rate limiter paces on it)
    expect(last(await official.say('/capquyen 0912345601 official'))).toContain(`cho thành viên ${creator.memberId}`);
    expect((await memberRow(creator.memberId)).role).toBe('official');

    const [officialIdentity] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, '9001'));
    const audits = await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'role_granted'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorMemberId: officialIdentity!.memberId, targetMemberId: creator.memberId });
    expect(audits[0]!.detail).toMatchObject({ role: 'official', previousRole: 'creator' });
    expect(audits[0]!.at).toEqual(grantedAt);
    expect(zaloChat(h, '8101').all().at(-1)).toContain('Bạn vừa được cấp quyền cán bộ của Sở');

    // The new official sees the officials' commands in /trogiup.
    expect(last(await zaloChat(h, '8101').say('tro giup'))).toContain('/capquyen');
  });

  it('makes a creator the lead of an MCN given by code; members who are not officials cannot grant', async () => {
    await h.db.db.insert(mcns).values({ name: 'Công ty Cổ phần Sao Việt', nameKey: 'saoviet', code: 'SAOVIE', createdAt: h.clock.now() });
    const creator = await seed('Mai Anh Đào', [{ platform: 'telegram', externalId: '4101' }]);
    expect(last(await telegramChat(h, 4101).say(`/capquyen ${creator.memberId} official`))).toContain('chỉ dành cho cán bộ');
    expect(last(await telegramChat(h, 9001).say(`/capquyen #${creator.memberId} mcn_lead saovie`))).toContain('trưởng MCN');
    const row = await memberRow(creator.memberId);
    expect(row.role).toBe('mcn_lead');
    expect(row.mcnId).not.toBeNull();
  });
});

describe('/ngung, /tieptuc, follow and unfollow', () => {
  it('/ngung takes the member out of pushes on every platform, /tieptuc brings them back', async () => {
    const { memberId } = await seed('Hồ Văn Nam', [
      { platform: 'telegram', externalId: '4201' },
      { platform: 'zalo', externalId: '8201' },
    ]);
    const ids = async () => (await pushRecipients(h.db.db, {})).filter((r) => r.memberId === memberId).length;
    expect(await ids()).toBe(2);
    expect(last(await telegramChat(h, 4201).say('/ngung'))).toContain(vi.stopDone());
    expect(await ids()).toBe(0);
    expect(last(await zaloChat(h, '8201').say('ngung'))).toContain(vi.stopAlready());
    expect(last(await zaloChat(h, '8201').say('tiep tuc'))).toContain(vi.resumeDone());
    expect(await ids()).toBe(2);
  });

  it('Zalo unfollow stops pushes to that identity, follow clears it and welcomes', async () => {
    const { memberId } = await seed('Cao Thị Yến', [
      { platform: 'telegram', externalId: '4202' },
      { platform: 'zalo', externalId: '8202' },
    ]);
    await h.zaloEvent(zaloFollow('8202', h.clock.now(), 'unfollow'));
    await h.settle();
    expect((await pushRecipients(h.db.db, { memberIds: [memberId] })).map((r) => r.platform)).toEqual(['telegram']);
    expect(h.zalo.sent().filter((s) => s.userId === '8202')).toHaveLength(0);
    h.clock.advance(1000);
    await h.zaloEvent(zaloFollow('8202', h.clock.now(), 'follow'));
    await h.settle();
    expect((await pushRecipients(h.db.db, { memberIds: [memberId] })).map((r) => r.platform).sort()).toEqual(['telegram', 'zalo']);
    expect(h.zalo.sent().filter((s) => s.userId === '8202').at(-1)?.text).toContain('Xin chào');
  });

  it('blocking the bot on Telegram stops pushes there; unblocking brings them back without a message', async () => {
    const { memberId } = await seed('Đinh Thị Hoa', [
      { platform: 'telegram', externalId: '4203' },
      { platform: 'zalo', externalId: '8203' },
    ]);
    const platforms = async () => (await pushRecipients(h.db.db, { memberIds: [memberId] })).map((r) => r.platform).sort();
    expect((await h.telegram(tgBlock(4203, 'kicked', h.clock.now()))).status).toBe(200);
    await h.settle();
    expect(await platforms()).toEqual(['zalo']);
    h.clock.advance(1000);
    expect((await h.telegram(tgBlock(4203, 'member', h.clock.now()))).status).toBe(200);
    await h.settle();
    expect(await platforms()).toEqual(['telegram', 'zalo']);
    expect(h.tg.sent(4203)).toHaveLength(0);
    // "Restart" in the chat sends /start: one welcome.
    expect(last(await telegramChat(h, 4203).say('/start'))).toContain('Xin chào');
    expect(h.tg.sent(4203)).toHaveLength(1);
  });

  it('a Telegram message from someone marked blocked (the unblock update missed) brings pushes back', async () => {
    const { memberId } = await seed('Lý Văn Phúc', [{ platform: 'telegram', externalId: '4204' }]);
    await h.telegram(tgBlock(4204, 'kicked', h.clock.now()));
    await h.settle();
    expect(await pushRecipients(h.db.db, { memberIds: [memberId] })).toHaveLength(0);
    h.clock.advance(1000);
    // A command in a group the bot is in says nothing about their private chat.
    const inGroup = tgText(4204, '/trogiup');
    inGroup.message.chat = { id: -1002233445566, type: 'supergroup', first_name: 'Test' };
    expect((await h.telegram(inGroup)).status).toBe(200);
    await h.settle();
    expect(await pushRecipients(h.db.db, { memberIds: [memberId] })).toHaveLength(0);
    await telegramChat(h, 4204).say('/trogiup');
    expect((await pushRecipients(h.db.db, { memberIds: [memberId] })).map((r) => r.platform)).toEqual(['telegram']);
  });
});

describe('/xoa and Zalo user_withdraw', () => {
  const NAME = 'Nguyễn Thị Ánh Tuyết';
  const PHONE_DIGITS = '912345688';

  async function registerOnTelegram(userId: number) {
    const me = telegramChat(h, userId);
    for (const a of ['dang ky', NAME, '1', 'không', 'https://tiktok.com/@anhtuyet', `0${PHONE_DIGITS}`, 'đồng ý', 'xác nhận']) await me.say(a);
    const [i] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, String(userId)));
    return { me, memberId: i!.memberId! };
  }

  it('after the confirmation no table holds the name or phone; queued messages are skipped; logs stay clean', async () => {
    const { me, memberId } = await registerOnTelegram(4301);
    // Also on Zalo, through /lienket.
    const code = codeIn(last(await me.say('/lienket')));
    const zl = zaloChat(h, '8301');
    await zl.say(`/lienket ${code}`);
    await zl.say('xin chào'); // free text from the member: its inbound payload is cleared too
    // A digest row still waiting for its time (as the digest queues it: to the member's identity).
    const [zaloIdentity] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, '8301'));
    await h.db.db.insert(outbox).values({
      idempotencyKey: `digest:2026-11-22:member:${memberId}:zalo`,
      ref: 'digest:2026-11-22',
      platform: 'zalo',
      chatId: '8301',
      identityId: zaloIdentity!.id,
      memberId,
      message: { lines: [`Chào ${NAME}`] },
      nextAttemptAt: new Date(h.clock.now().getTime() + 3600_000),
    });
    expect((await findEverywhere(h.db.db, NAME)).length).toBeGreaterThan(0);

    expect(last(await me.say('/xoa'))).toContain('Bạn sắp xóa dữ liệu cá nhân');
    expect(last(await me.say('thôi'))).toContain(vi.deleteKept());
    expect((await memberRow(memberId)).status).toBe('active');

    await me.say('/xoa');
    const deletedAt = h.clock.now(); // replies move the test clock (the rate limiter paces on it)
    expect(last(await me.say('Xác nhận xoá'))).toContain(vi.deleteDone());

    for (const needle of [NAME, PHONE_DIGITS, 'tiktok.com/@anhtuyet', NAME.normalize('NFD')]) {
      expect(await findEverywhere(h.db.db, needle), needle).toEqual([]);
    }
    const row = await memberRow(memberId);
    expect(row).toMatchObject({ status: 'deleted', fullName: null, phone: null, channelLinks: null });
    expect(row.deletedAt).toEqual(deletedAt);
    expect(await count(h.db.db, 'chat_identities', `member_id = ${memberId}`)).toBe(0);
    expect(await count(h.db.db, 'conversations')).toBe(0);
    const [digest] = await h.db.db.select().from(outbox).where(eq(outbox.ref, 'digest:2026-11-22'));
    expect(digest).toMatchObject({ status: 'skipped', lastError: 'member_deleted', message: null, chatId: '' });
    expect(await pushRecipients(h.db.db, { memberIds: [memberId] })).toEqual([]);
    expect(await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'member_deleted'))).toHaveLength(1);

    const logs = h.logs.join('\n');
    for (const needle of [NAME, PHONE_DIGITS, NAME.normalize('NFD'), 'Ánh Tuyết']) expect(logs).not.toContain(needle);

    // The person is a stranger again.
    expect(last(await me.say('/ngung'))).toContain('dành cho thành viên đã đăng ký');
  });

  it('the Telegram delete button works like the typed confirmation', async () => {
    const { me, memberId } = await registerOnTelegram(4302);
    await me.say('/delete');
    expect(last(await me.press('del:yes'))).toContain(vi.deleteDone());
    expect((await memberRow(memberId)).status).toBe('deleted');
  });

  it('Zalo user_withdraw deletes without asking', async () => {
    const zl = zaloChat(h, '8302');
    await zaloUserEvent(h, '8302', 'user_submit_info', { info: { name: NAME, phone: `84${PHONE_DIGITS}` } });
    await h.settle();
    for (const a of ['1', 'không', 'tiktok.com/@tuyet', 'đồng ý', 'xác nhận']) await zl.say(a);
    const [i] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, '8302'));
    const memberId = i!.memberId!;
    expect((await memberRow(memberId)).phone).toBe(`+84${PHONE_DIGITS}`);

    await zaloUserEvent(h, '8302', 'user_withdraw');
    await h.settle();
    expect(zl.all().at(-1)).toContain(vi.deleteDone());
    for (const needle of [NAME, PHONE_DIGITS]) expect(await findEverywhere(h.db.db, needle), needle).toEqual([]);
    expect((await memberRow(memberId)).status).toBe('deleted');
    expect(h.logs.join('\n')).not.toContain(PHONE_DIGITS);
  });
});

describe('/ngonngu and /trogiup', () => {
  it('switches a member to English and back; an unregistered person is told when it is stored', async () => {
    await seed('Kiều Văn Phong', [{ platform: 'zalo', externalId: '8401' }]);
    const zl = zaloChat(h, '8401');
    expect(last(await zl.say('/ngonngu en'))).toBe('Switched to English.');
    const help = last(await zl.say('help'));
    expect(help).toContain('/help');
    expect(help).toContain('/stop');
    expect(last(await zl.say('ngon ngu tiếng việt'))).toBe('Đã chuyển sang tiếng Việt.');
    expect(last(await zl.say('/ngonngu fr'))).toContain('Cách dùng');
    expect(last(await zaloChat(h, '8402').say('/language en'))).toContain('Until you register');
  });

  it('lists only the commands of each role', async () => {
    await seed('Creator', [{ platform: 'telegram', externalId: '4501' }]);
    await seed('Lead', [{ platform: 'telegram', externalId: '4502' }], { role: 'mcn_lead' });
    const stranger = last(await telegramChat(h, 4500).say('/trogiup'));
    const creator = last(await telegramChat(h, 4501).say('/trogiup'));
    const lead = last(await telegramChat(h, 4502).say('/trogiup'));
    const official = last(await telegramChat(h, 9001).say('/trogiup'));
    expect(stranger).toContain('/dangky');
    expect(stranger).not.toContain('/ngung');
    expect(stranger).toContain('Bạn chưa đăng ký');
    for (const t of [creator, lead]) {
      expect(t).toContain('/ngung');
      expect(t).toContain('/xoa');
      expect(t).toContain('/thongke');
      expect(t).not.toContain('/capquyen');
      expect(t).not.toContain('/thongbao');
    }
    expect(official).toContain('/capquyen');
    expect(official).toContain('/thongbao');
  });
});
