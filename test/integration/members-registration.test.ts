// Registration by chat (SPEC §3) through the real app and both platform fakes: every step with a
// wrong answer first, restart mid-conversation, consent refused, Zalo forms and MCN choices.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startHarness, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { auditLog, chatIdentities, conversations, mcns, members } from '../../db/schema';
import { listMcnCreators } from '../../db/queries/members';
import { members as vi } from '../../src/i18n/vi/members';
import { CONSENT_VERSION } from '../../src/core/use-cases/register-member';
import { count, findEverywhere, telegramChat, zaloChat, zaloUserEvent } from './members-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const NAME = 'Nguyễn Thị Ánh Tuyết';
const memberOf = async (platform: 'telegram' | 'zalo', externalId: string) => {
  const [i] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, externalId));
  expect(i?.platform).toBe(platform);
  if (i?.memberId == null) return null;
  return (await h.db.db.select().from(members).where(eq(members.id, i.memberId)))[0] ?? null;
};
const last = (replies: string[]) => replies[replies.length - 1] ?? '';

describe('registration on Telegram', () => {
  it('walks every step, re-asking each wrong answer with its reason, and saves only on confirmation', async () => {
    const me = telegramChat(h, 3001);
    expect(last(await me.say('/dangky'))).toContain(vi.regAskName());

    let r = last(await me.say('A'));
    expect(r).toContain(vi.regErrors.name_length);
    expect(r).toContain(vi.regAskName());
    r = last(await me.say('Tuyết 99'));
    expect(r).toContain(vi.regErrors.name_chars);
    expect(r).toContain(vi.regAskName());
    expect(last(await me.say(NAME))).toContain(vi.regAskRole());

    r = last(await me.say('3'));
    expect(r).toContain(vi.regErrors.role_unknown);
    expect(r).toContain(vi.regAskRole());
    // The role buttons are inline buttons on Telegram.
    const roleMsg = h.tg.sent(3001).at(-1)!;
    expect(JSON.stringify(roleMsg.reply_markup)).toContain('reg:role:1');
    expect(last(await me.press('reg:role:1'))).toContain(vi.regAskMcnCreator());

    r = last(await me.say('Công ty Không Có Thật'));
    expect(r).toContain('Loa chưa có MCN này');
    expect(r).toContain(vi.regAskMcnCreator());
    expect(last(await me.say('không'))).toContain(vi.regAskLinks());

    r = last(await me.say('kênh của tôi'));
    expect(r).toContain(vi.regErrors.links_none);
    expect(r).toContain(vi.regAskLinks());
    r = last(await me.say('ftp://tiktok.com/@anhtuyet'));
    expect(r).toContain('Link không dùng được');
    expect(last(await me.say('https://www.tiktok.com/@anhtuyet?utm_source=x youtube.com/@anhtuyet'))).toContain(vi.regAskPhone());

    r = last(await me.say('12345'));
    expect(r).toContain(vi.regErrors.phone_invalid);
    expect(r).toContain(vi.regAskPhone());
    r = last(await me.say('0212 345 678')); // a landline prefix, not a mobile
    expect(r).toContain(vi.regErrors.phone_invalid);
    expect(last(await me.say('0912 345 678'))).toContain('Luật Bảo vệ dữ liệu cá nhân');

    r = last(await me.say('ok'));
    expect(r).toContain(vi.regErrors.consent_unclear);
    expect(r).toContain(vi.regAskConsent({ version: CONSENT_VERSION }).split('\n')[1]!);
    // Nothing is a member yet, even with every answer given.
    expect(await count(h.db.db, 'members')).toBe(0);
    r = last(await me.say('Đồng ý'));
    expect(r).toContain('Kiểm tra lại thông tin');
    expect(r).toContain(NAME);
    expect(r).toContain('+84912345678');
    expect(r).toContain('https://tiktok.com/@anhtuyet');

    r = last(await me.say('ừ'));
    expect(r).toContain(vi.regErrors.confirm_unclear);
    expect(r).toContain('Kiểm tra lại thông tin');
    expect(await count(h.db.db, 'members')).toBe(0);
    expect(last(await me.press('reg:confirm:yes'))).toContain('Đăng ký xong');

    const m = await memberOf('telegram', '3001');
    expect(m).toMatchObject({
      fullName: NAME,
      phone: '+84912345678',
      role: 'creator',
      mcnId: null,
      lang: 'vi',
      status: 'active',
      consentVersion: CONSENT_VERSION,
      channelLinks: ['https://tiktok.com/@anhtuyet', 'https://youtube.com/@anhtuyet'],
    });
    expect(m!.fullName).toBe(NAME.normalize('NFC'));
    expect(m!.registeredAt).toBeInstanceOf(Date);
    expect(m!.consentAt!.getTime()).toBeLessThanOrEqual(m!.registeredAt!.getTime());
    expect(await count(h.db.db, 'conversations')).toBe(0);
    const audits = await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'member_registered'));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.targetMemberId).toBe(m!.id);
    expect(JSON.stringify(audits[0]!.detail)).not.toContain('912345678');

    // Registered: /dangky says so, with the member number.
    expect(last(await me.say('dang ky'))).toContain(`Bạn đã đăng ký rồi. Mã thành viên của bạn: ${m!.id}`);
  });

  it('continues the conversation after a restart on the same database', async () => {
    const me = telegramChat(h, 3002);
    await me.say('/register');
    await me.say('Trần Văn Hùng');
    await me.say('1');
    await me.say('không');
    await h.restart();
    expect(last(await me.say('https://youtube.com/@hung'))).toContain(vi.regAskPhone());
    await h.restart();
    await me.say('bỏ qua');
    await me.say('đồng ý');
    expect(last(await me.say('xác nhận'))).toContain('Đăng ký xong');
    expect(await memberOf('telegram', '3002')).toMatchObject({ fullName: 'Trần Văn Hùng', phone: null });
  });

  it.each(['dang ky', 'Đăng Ký', '/DANGKY', 'đăng ký', '/dangky@LoaTestBot', 'DANG KY'])('"%s" starts the registration', async (text) => {
    const me = telegramChat(h, 3100 + text.length + text.charCodeAt(1));
    expect(last(await me.say(text))).toContain(vi.regAskName());
    expect(await count(h.db.db, 'conversations', "flow = 'registration'")).toBe(1);
  });

  it('keeps a name sent in NFD exactly as NFC', async () => {
    const me = telegramChat(h, 3003);
    await me.say('dang ky');
    await me.say(NAME.normalize('NFD'));
    await me.say('1');
    await me.say('không');
    await me.say('facebook.com/anhtuyet');
    await me.say('+84 912 345 679');
    await me.say('dong y');
    await me.say('xac nhan');
    const m = await memberOf('telegram', '3003');
    expect(m!.fullName).toBe(NAME);
    expect(m!.fullName!.normalize('NFC')).toBe(m!.fullName);
    expect(m!.phone).toBe('+84912345679');
    expect(await findEverywhere(h.db.db, NAME.normalize('NFD'))).toEqual([]);
  });

  it('refused consent keeps nothing: no member, the phone nowhere in the database', async () => {
    const me = telegramChat(h, 3004);
    await me.say('dang ky');
    await me.say('Lê Thị Hoa');
    await me.say('1');
    await me.say('không');
    await me.say('https://tiktok.com/@hoa');
    await me.say('0987654321');
    expect(last(await me.say('không đồng ý'))).toContain(vi.regConsentRefused());
    expect(await count(h.db.db, 'members')).toBe(0);
    expect(await count(h.db.db, 'conversations')).toBe(0);
    for (const needle of ['987654321', 'Lê Thị Hoa', 'tiktok.com/@hoa']) expect(await findEverywhere(h.db.db, needle)).toEqual([]);

    // Leaving with /thoat at the consent question keeps nothing either.
    const other = telegramChat(h, 3005);
    await other.say('dang ky');
    await other.say('Phạm Minh Quân');
    await other.say('1');
    await other.say('không');
    await other.say('https://tiktok.com/@quan');
    await other.say('0987654322');
    expect(last(await other.say('/thoat'))).toContain('Đã thoát');
    expect(await count(h.db.db, 'members')).toBe(0);
    expect(await findEverywhere(h.db.db, '987654322')).toEqual([]);
    expect(h.logs.join('\n')).not.toContain('987654321');
  });

  it('cancelling at the summary keeps nothing, not even the summary text that was sent', async () => {
    const me = telegramChat(h, 3007);
    for (const a of ['dang ky', 'Tạ Thị Minh Châu', '1', 'không', 'https://tiktok.com/@chau', '0987654323', 'đồng ý']) await me.say(a);
    expect(last(me.all())).toContain('Tạ Thị Minh Châu');
    expect((await findEverywhere(h.db.db, '987654323')).length).toBeGreaterThan(0);
    expect(last(await me.press('reg:cancel'))).toContain('Đã thoát');
    expect(await count(h.db.db, 'members')).toBe(0);
    for (const needle of ['987654323', 'Tạ Thị Minh Châu']) expect(await findEverywhere(h.db.db, needle)).toEqual([]);
  });

  it('typing /thoat at the summary, or 24 h of silence there, also forgets the summary that was sent', async () => {
    const me = telegramChat(h, 3008);
    for (const a of ['dang ky', 'Võ Thị Sáu', '1', 'không', 'https://tiktok.com/@sau', '0987654324', 'đồng ý']) await me.say(a);
    expect(last(me.all())).toContain('Võ Thị Sáu');
    expect(last(await me.say('/thoat'))).toContain('Đã thoát');
    for (const needle of ['987654324', 'Võ Thị Sáu']) expect(await findEverywhere(h.db.db, needle)).toEqual([]);

    const silent = telegramChat(h, 3009);
    for (const a of ['dang ky', 'Mai Văn Tám', '1', 'không', 'https://tiktok.com/@tam', '0987654325', 'đồng ý']) await silent.say(a);
    expect((await findEverywhere(h.db.db, '987654325')).length).toBeGreaterThan(0);
    h.clock.advance(24 * 3600_000 + 1000);
    const { jobs, runJobs } = await import('../../src/jobs/schedule');
    await runJobs(h.runtime.jobContext, h.clock.now(), jobs.filter((j) => j.name === 'drop-expired-conversations'));
    expect(await count(h.db.db, 'conversations')).toBe(0);
    for (const needle of ['987654325', 'Mai Văn Tám']) expect(await findEverywhere(h.db.db, needle)).toEqual([]);
  });

  it('tells an expired conversation apart after 24 h of silence', async () => {
    const me = telegramChat(h, 3006);
    await me.say('dang ky');
    await me.say('Đỗ Thu Trang');
    h.clock.advance(24 * 3600_000 + 1000);
    const r = await me.say('1');
    expect(r.join('\n')).toContain('hết hạn');
    expect(await count(h.db.db, 'conversations')).toBe(0);
  });
});

describe('registration on Zalo', () => {
  it('a lead creates an MCN, with a wrong answer at every step, using button replies', async () => {
    const lead = zaloChat(h, '7001');
    expect(last(await lead.say('Đăng Ký'))).toContain(vi.regAskName());
    expect(last(await lead.say('x'))).toContain(vi.regErrors.name_length);
    expect(last(await lead.say('Võ Văn Bình'))).toContain(vi.regAskRole());
    expect(last(await lead.say('ba'))).toContain(vi.regErrors.role_unknown);
    // A Zalo tap on "2. Trưởng MCN" sends "2" back as text.
    expect(last(await lead.press('reg:role:2', '2'))).toContain(vi.regAskMcnLead());
    expect(last(await lead.say('không'))).toContain(vi.regErrors.lead_needs_mcn);
    expect(last(await lead.say('Công ty TNHH Yeah1 Network'))).toContain(vi.regAskLinks());
    expect(last(await lead.say('trang công ty'))).toContain(vi.regErrors.links_none);
    expect(last(await lead.say('youtube.com/@yeah1network'))).toContain(vi.regAskPhone());
    expect(last(await lead.say('+8491234'))).toContain(vi.regErrors.phone_invalid);
    expect(last(await lead.say('bỏ qua'))).toContain('Luật Bảo vệ dữ liệu cá nhân');
    expect(last(await lead.say('có lẽ'))).toContain(vi.regErrors.consent_unclear);
    expect(last(await lead.say('đồng ý'))).toContain('Kiểm tra lại thông tin');
    expect(last(await lead.say('ok'))).toContain(vi.regErrors.confirm_unclear);
    const done = last(await lead.say('xác nhận'));
    expect(done).toContain('Đăng ký xong');
    expect(done).toContain('YEAH1N');

    const m = await memberOf('zalo', '7001');
    expect(m).toMatchObject({ fullName: 'Võ Văn Bình', role: 'mcn_lead', phone: null });
    const [mcn] = await h.db.db.select().from(mcns);
    expect(mcn).toMatchObject({ name: 'Công ty TNHH Yeah1 Network', nameKey: 'yeah1network', code: 'YEAH1N', createdByMemberId: m!.id });
    expect(m!.mcnId).toBe(mcn!.id);

    // The Zalo messages with buttons went out as button templates.
    const withButtons = h.zalo.sent().filter((s) => JSON.stringify(s.payload).includes('"buttons"'));
    expect(withButtons.length).toBeGreaterThan(0);

    // A creator picks it by a differently written name, another by its code, a third misspells it.
    const c1 = telegramChat(h, 3201);
    for (const a of ['dang ky', 'Hoàng Thị Mai', '1']) await c1.say(a);
    expect(last(await c1.say('yeah 1 NETWORK'))).toContain(vi.regAskLinks());
    for (const a of ['tiktok.com/@mai', 'bo qua', 'đồng ý', 'xác nhận']) await c1.say(a);
    const c2 = zaloChat(h, '7002');
    for (const a of ['dangky', 'Ngô Văn Tú', '1']) await c2.say(a);
    expect(last(await c2.say('yeah1n'))).toContain(vi.regAskLinks());
    for (const a of ['tiktok.com/@tu', 'bo qua', 'dong y', 'xac nhan']) await c2.say(a);
    const c3 = telegramChat(h, 3202);
    for (const a of ['dang ky', 'Lý Văn Sơn', '1']) await c3.say(a);
    const unknown = last(await c3.say('Yeah2 Netwrk'));
    expect(unknown).toContain('Có phải bạn muốn chọn');
    expect(unknown).toContain('Công ty TNHH Yeah1 Network (mã YEAH1N)');

    const creators = await listMcnCreators(h.db.db, mcn!.id);
    expect(creators.map((c) => c.fullName)).toEqual(['Hoàng Thị Mai', 'Ngô Văn Tú']);

    // A second lead naming the same MCN differently claims it instead of creating a duplicate.
    const lead2 = telegramChat(h, 3203);
    for (const a of ['dang ky', 'Phan Văn Lộc', '2']) await lead2.say(a);
    expect(last(await lead2.say('YEAH1 NETWORK'))).toContain('đã có trưởng MCN trên Loa');
    for (const a of ['tiktok.com/@loc', 'bo qua', 'đồng ý', 'xác nhận']) await lead2.say(a);
    expect(await count(h.db.db, 'mcns')).toBe(1);
    expect((await memberOf('telegram', '3203'))!.mcnId).toBe(mcn!.id);
  });

  it('user_submit_info prefills name and phone; consent and confirmation are still asked', async () => {
    await zaloUserEvent(h, '7003', 'user_submit_info', { info: { name: NAME, phone: '84912345670' } });
    await h.settle();
    const me = zaloChat(h, '7003');
    expect(me.all().at(-1)).toContain(vi.regPrefilled());
    expect(me.all().at(-1)).toContain(vi.regAskRole());
    await me.say('1');
    await me.say('không');
    expect(last(await me.say('https://tiktok.com/@tuyet'))).toContain('Luật Bảo vệ dữ liệu cá nhân'); // phone skipped
    expect(await count(h.db.db, 'members')).toBe(0);
    await me.say('đồng ý');
    await me.say('xác nhận');
    expect(await memberOf('zalo', '7003')).toMatchObject({ fullName: NAME, phone: '+84912345670' });
  });

  it('an official from OFFICIALS registers without role, MCN or channel questions and stays official', async () => {
    await h.close();
    h = await startHarness({ env: { OFFICIALS: 'zalo:7900' } });
    const me = zaloChat(h, '7900');
    await me.say('dang ky');
    expect(last(await me.say('Bùi Thị Lan'))).toContain(vi.regAskPhone());
    await me.say('0912000111');
    await me.say('đồng ý');
    await me.say('xác nhận');
    const rows = await h.db.db.select().from(members);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'official', fullName: 'Bùi Thị Lan', phone: '+84912000111' });
  });

  it('an already registered member is told so', async () => {
    await seedMember(h.db.db, { name: 'Đinh Văn Khoa', identities: [{ platform: 'zalo', externalId: '7004' }], at: h.clock.now() });
    const me = zaloChat(h, '7004');
    expect(last(await me.say('dang ky'))).toContain('Bạn đã đăng ký rồi');
    expect(await count(h.db.db, 'conversations')).toBe(0);
    expect(await h.db.db.select().from(conversations)).toEqual([]);
  });
});
