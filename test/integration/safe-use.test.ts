// Issue 13 (SPEC §6): linking never changes a role, an id in a message reveals nothing to someone
// outside its audience, and input is bounded (50 links a message, no control or bidi characters).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startHarness, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { auditLog, chatIdentities, mcns, members } from '../../db/schema';
import { members as vi } from '../../src/i18n/vi/members';
import { codeIn, findEverywhere, lastReply, telegramChat, zaloChat } from './members-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:9001' } });
});
afterEach(async () => {
  await h.close();
});

const last = lastReply;
const identityOf = async (externalId: string) => (await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, externalId)))[0]!;
const memberRow = async (id: number) => (await h.db.db.select().from(members).where(eq(members.id, id)))[0]!;

describe('/lienket never changes a role', () => {
  it("a creator's code typed from a configured official's account is refused; the creator stays a creator", async () => {
    const creator = await seedMember(h.db.db, { name: 'Hồ Thị Thu', identities: [{ platform: 'zalo', externalId: '8701' }], at: h.clock.now() });
    const official = telegramChat(h, 9001);
    await official.say('/trogiup'); // the official has written to the bot
    const code = codeIn(last(await zaloChat(h, '8701').say('/lienket')));
    expect(last(await official.say(`/lienket ${code}`))).toContain(vi.linkOfficialIdentity());
    expect((await memberRow(creator.memberId)).role).toBe('creator');
    const officialIdentity = await identityOf('9001');
    expect(officialIdentity.memberId).not.toBe(creator.memberId);
    expect((await memberRow(officialIdentity.memberId!)).role).toBe('official');
    expect(await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'identity_linked'))).toEqual([]);
  });

  it('a code typed from an official made by /capquyen is refused too; a fresh identity links and is audited', async () => {
    const creator = await seedMember(h.db.db, { name: 'Hồ Thị Thu', identities: [{ platform: 'zalo', externalId: '8702' }], at: h.clock.now() });
    const other = await seedMember(h.db.db, { name: 'Lâm Văn Phúc', role: 'official', identities: [{ platform: 'telegram', externalId: '4702' }], at: h.clock.now() });
    const zl = zaloChat(h, '8702');
    const code = codeIn(last(await zl.say('/lienket')));
    expect(last(await telegramChat(h, 4702).say(`/lienket ${code}`))).toContain(vi.linkOfficialIdentity());
    expect((await identityOf('4702')).memberId).toBe(other.memberId);

    expect(last(await telegramChat(h, 4703).say(`/lienket ${code}`))).toContain('Đã liên kết');
    expect((await identityOf('4703')).memberId).toBe(creator.memberId);
    expect((await memberRow(creator.memberId)).role).toBe('creator');
    const audits = await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'identity_linked'));
    expect(audits).toMatchObject([{ targetMemberId: creator.memberId, detail: { platform: 'telegram', identityId: (await identityOf('4703')).id } }]);
  });
});

describe('a briefing id reveals nothing outside its audience', () => {
  it('a creator typing the code of a leads-only briefing (or pressing its button) learns only that the code is not valid', async () => {
    await seedMember(h.db.db, { name: 'Hồ Thị Thu', identities: [{ platform: 'telegram', externalId: '4801' }], at: h.clock.now() });
    await seedMember(h.db.db, { name: 'Lâm Văn Phúc', role: 'mcn_lead', identities: [{ platform: 'telegram', externalId: '4802' }], at: h.clock.now() });
    const official = telegramChat(h, 9001);
    await official.say('/hop @mcn_lead Họp kín về vụ Sao Đỏ | 25/11/2026 14:00 | Phòng 3');
    await official.say('GUI');
    expect(telegramChat(h, 4802).all().join('\n')).toContain('Họp kín về vụ Sao Đỏ');

    const creator = telegramChat(h, 4801);
    const unknown = last(await creator.say('thamdu 77'));
    const typed = last(await creator.say('thamdu 1'));
    const pressed = last(await creator.press('rsvp:1:no'));
    for (const reply of [typed, pressed]) {
      expect(reply).not.toContain('Sao Đỏ');
      expect(reply).toBe(unknown.replace('77', '1'));
    }
    // Cancelled or started: still nothing.
    await official.say('/hop huy 1');
    expect(last(await creator.say('khong 1'))).toBe(unknown.replace('77', '1'));
    expect(creator.all().join('\n')).not.toContain('Sao Đỏ');
  });
});

describe('bounded input', () => {
  it('a message reports at most 50 links: the first 50 are stored and the reply says how many were left out', async () => {
    await seedMember(h.db.db, { name: 'Hồ Thị Thu', identities: [{ platform: 'telegram', externalId: '4901' }], at: h.clock.now() });
    const links = Array.from({ length: 1000 }, (_, i) => `https://www.tiktok.com/@thu/video/${7300000000000000000n + BigInt(i)}`);
    const reply = last(await telegramChat(h, 4901).say(links.join('\n')));
    expect(reply).toContain('• Mới: 50');
    expect(reply).toContain('Bỏ qua: 950 link');
    const rows = await h.db.db.all<{ n: number; url: string }>(sql`SELECT count(*) AS n, max(url) AS url FROM posts`);
    expect(Number(rows[0]!.n)).toBe(50);
    expect(rows[0]!.url).toContain(String(7300000000000000000n + 49n));
  });

  it('stored free texts drop control and bidi characters and are never cut at a NUL byte', async () => {
    const RLO = '\u202E';
    const lead = telegramChat(h, 4902);
    for (const a of ['dang ky', `Lê${RLO} Văn\u200F Nam`, '2', `Sao${RLO} Việt\u0000 Media\u2066 Group`, `tiktok.com/@nam\u2069`, 'bo qua', 'đồng ý']) {
      await lead.say(a);
    }
    expect(last(await lead.say('xác nhận'))).toContain('Đăng ký xong');
    const [mcn] = await h.db.db.select().from(mcns);
    expect(mcn!.name).toBe('Sao Việt Media Group');
    const [me] = await h.db.db.select().from(members).where(eq(members.role, 'mcn_lead'));
    expect(me).toMatchObject({ fullName: 'Lê Văn Nam', channelLinks: ['https://tiktok.com/@nam'] });

    // Officials' texts from chat (a briefing, an announcement) and from the admin API.
    const official = telegramChat(h, 9001);
    await official.say(`/hop Họp${RLO} báo\u0007 quý | 25/11/2026 14:00 | Phòng\u0000 3, tầng\u202B 2`);
    await official.say('GUI');
    await official.say(`/thongbao Thông${RLO} báo\u0000 khẩn: nộp\u2067 báo cáo`);
    await official.say('GUI');
    expect((await h.api('POST', '/api/campaigns', { name: `Tết${RLO} an\u0000 toàn`, hashtags: ['#tet'], startsOn: '2026-11-21', endsOn: '2026-12-31' })).status).toBe(201);
    expect((await h.api('POST', '/api/articles', { date: '2026-11-21', url: 'https://tuoitre.vn/a.htm', title: `Tin${RLO} nóng\u0000 hôm nay` })).status).toBe(201);

    const texts = await h.db.db.all<{ t: string }>(
      sql`SELECT title || ' | ' || place AS t FROM briefings UNION ALL SELECT text FROM announcements UNION ALL SELECT name FROM campaigns UNION ALL SELECT title FROM articles`,
    );
    expect(texts.map((r) => r.t)).toEqual(
      expect.arrayContaining(['Họp báo quý | Phòng 3, tầng 2', 'Thông báo khẩn: nộp báo cáo', 'Tết an toàn', 'Tin nóng hôm nay']),
    );
    // No stored text anywhere (the raw webhook payloads aside) keeps a bidi control.
    for (const ch of [RLO, '\u2066', '\u202B', '\u200F']) {
      expect((await findEverywhere(h.db.db, ch)).filter((hit) => !hit.startsWith('inbound_events.'))).toEqual([]);
    }
  });
});
