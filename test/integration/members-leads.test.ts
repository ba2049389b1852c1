// Pending MCN leads (SPEC §6, issue 13 item 3): a lead who names an MCN that already has a lead
// waits for /duyet, sees nothing of the MCN until then, and the decision is audited and told.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { startHarness, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { auditLog, chatIdentities, mcns, members } from '../../db/schema';
import { decidePendingLead, listPendingLeads } from '../../src/core/use-cases/pending-leads';
import { leads as vi } from '../../src/i18n/vi/leads';
import { lastReply, telegramChat, zaloChat } from './members-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:9001' } });
});
afterEach(async () => {
  await h.close();
});

const last = lastReply;
const memberOf = async (platform: 'telegram' | 'zalo', externalId: string) => {
  const [i] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, externalId));
  expect(i?.platform).toBe(platform);
  return (await h.db.db.select().from(members).where(eq(members.id, i!.memberId!)))[0]!;
};

async function registerLead(chat: ReturnType<typeof telegramChat>, name: string, mcn: string): Promise<string[]> {
  for (const a of ['dang ky', name, '2']) await chat.say(a);
  const afterMcn = await chat.say(mcn);
  for (const a of ['tiktok.com/@kenh', 'bo qua', 'đồng ý']) await chat.say(a);
  return [...afterMcn, ...(await chat.say('xác nhận'))];
}

describe('pending MCN leads', () => {
  it('a second lead of an MCN waits for /duyet, sees none of its numbers, and is approved by the MCN lead', async () => {
    await telegramChat(h, 9001).say('/trogiup'); // the official has opened the private chat
    // The first lead creates the MCN and is its lead at once.
    const first = telegramChat(h, 5001);
    expect(last(await registerLead(first, 'Trần Thị Lan', 'Sao Việt Media'))).toContain('Đăng ký xong');
    const lan = await memberOf('telegram', '5001');
    expect(lan).toMatchObject({ role: 'mcn_lead', mcnLeadStatus: 'approved' });

    // A creator of the MCN reports a post.
    const creator = await seedMember(h.db.db, { name: 'Đỗ Minh Khoa', mcnId: lan.mcnId, identities: [{ platform: 'zalo', externalId: '8501' }], at: h.clock.now() });
    expect(last(await zaloChat(h, '8501').say('https://www.tiktok.com/@khoa/video/7301234567890123456'))).toMatch(/1/);
    expect(last(await first.say('/thongke'))).toContain('Đỗ Minh Khoa');

    // A second lead names the same MCN: pending, and told so before and after confirming.
    const second = telegramChat(h, 5002);
    const replies = await registerLead(second, 'Lê Văn Nam', 'sao viet media');
    expect(replies.join('\n')).toContain('đã có trưởng MCN trên Loa');
    expect(last(replies)).toContain(vi.regDonePending({ mcn: 'Sao Việt Media', code: 'SAOVIE' }));
    const nam = await memberOf('telegram', '5002');
    expect(nam).toMatchObject({ role: 'mcn_lead', mcnId: lan.mcnId, mcnLeadStatus: 'pending' });
    expect(await listPendingLeads(h.db.db)).toMatchObject([{ memberId: nam.id, fullName: 'Lê Văn Nam', mcnCode: 'SAOVIE' }]);

    // The MCN's lead and the official are told, with the member number and the command.
    for (const chat of [first, telegramChat(h, 9001)]) {
      const notice = last(chat.all());
      expect(notice).toContain(`Thành viên số ${nam.id} (Lê Văn Nam)`);
      expect(notice).toContain(`/duyet ${nam.id}`);
      expect(notice).toContain(`/duyet khong ${nam.id}`);
    }
    const buttons = JSON.stringify(h.tg.sent(5001).at(-1));
    expect(buttons).toContain(`lead:${nam.id}:yes`);

    // Until approved: no member names or numbers of the MCN.
    const stats = (await second.say('/thongke')).join('\n');
    expect(stats).toContain(vi.statsLeadPending({ mcn: 'Sao Việt Media' }));
    expect(stats).not.toContain('Đỗ Minh Khoa');
    expect(stats).not.toContain(String(creator.memberId));
    expect(last(await second.say('dang ky'))).toContain(vi.regPendingSuffix());

    // Who may decide: not the pending lead, not a creator, not another MCN's lead.
    expect(last(await second.say(`/duyet ${nam.id}`))).toContain(vi.duyetNotAllowed());
    expect(last(await zaloChat(h, '8501').say(`/duyet ${nam.id}`))).toContain(vi.officialsOrLeadsOnly());
    const other = telegramChat(h, 5003);
    await registerLead(other, 'Phạm Quốc Huy', 'Mây Trắng Studio');
    expect(last(await other.say(`/duyet ${nam.id}`))).toContain(vi.duyetNotFound({ memberId: nam.id }));
    expect(last(await other.say('/duyet'))).toContain(vi.duyetListEmpty());
    expect((await memberOf('telegram', '5002')).mcnLeadStatus).toBe('pending');

    // The MCN's lead sees who waits and approves.
    expect(last(await first.say('/duyet'))).toContain(`Thành viên số ${nam.id} (Lê Văn Nam)`);
    expect(last(await first.say(`/duyet ${nam.id}`))).toContain(vi.duyetApproved({ memberId: nam.id, mcn: 'Sao Việt Media' }));
    expect(last(second.all())).toContain(vi.leadApprovedNotice({ mcn: 'Sao Việt Media' }));
    expect((await memberOf('telegram', '5002')).mcnLeadStatus).toBe('approved');
    const audits = await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'mcn_lead_approved'));
    expect(audits).toMatchObject([{ actorMemberId: lan.id, targetMemberId: nam.id, detail: { mcnId: lan.mcnId, via: 'chat' } }]);
    expect(last(await second.say('/thongke'))).toContain('Đỗ Minh Khoa');
    // Deciding again changes nothing.
    expect(last(await first.say(`/duyet khong ${nam.id}`))).toContain(vi.duyetNotFound({ memberId: nam.id }));
  });

  it('an official refuses with the button; the console use-case approves; both audited and told', async () => {
    await telegramChat(h, 9001).say('/trogiup');
    const first = telegramChat(h, 5101);
    await registerLead(first, 'Trần Thị Lan', 'Sao Việt Media');
    const second = zaloChat(h, '8601');
    for (const a of ['dang ky', 'Lê Văn Nam', '2', 'SAOVIE', 'tiktok.com/@nam', 'bo qua', 'đồng ý', 'xác nhận']) await second.say(a);
    const third = telegramChat(h, 5102);
    await registerLead(third, 'Vũ Thị Hoa', 'Sao Viet Media');
    const nam = await memberOf('zalo', '8601');
    const hoa = await memberOf('telegram', '5102');
    expect([nam.mcnLeadStatus, hoa.mcnLeadStatus]).toEqual(['pending', 'pending']);

    // The official refuses Nam with the notice's button.
    const official = telegramChat(h, 9001);
    expect(last(await official.press(`lead:${nam.id}:no`))).toContain(vi.duyetRefused({ memberId: nam.id, mcn: 'Sao Việt Media' }));
    expect(last(second.all())).toContain(vi.leadRefusedNotice({ mcn: 'Sao Việt Media' }));
    expect(await memberOf('zalo', '8601')).toMatchObject({ role: 'creator', mcnId: null, mcnLeadStatus: null });

    // The console's use-case: a lead of another MCN may not; the official may.
    const [officialIdentity] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, '9001'));
    expect(await decidePendingLead(h.runtime.core, { actorMemberId: nam.id, memberId: hoa.id, approve: true, now: h.clock.now() })).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    const r = await decidePendingLead(h.runtime.core, { actorMemberId: officialIdentity!.memberId!, memberId: hoa.id, approve: true, now: h.clock.now() });
    expect(r).toMatchObject({ ok: true, approved: true, memberId: hoa.id });
    await h.settle();
    expect(last(third.all())).toContain(vi.leadApprovedNotice({ mcn: 'Sao Việt Media' }));
    expect(await listPendingLeads(h.db.db)).toEqual([]);

    const audits = await h.db.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ['mcn_lead_refused', 'mcn_lead_approved']))
      .orderBy(auditLog.id);
    expect(audits).toMatchObject([
      { action: 'mcn_lead_refused', actorMemberId: officialIdentity!.memberId, targetMemberId: nam.id, detail: { via: 'chat' } },
      { action: 'mcn_lead_approved', actorMemberId: officialIdentity!.memberId, targetMemberId: hoa.id, detail: { via: 'console' } },
    ]);
    expect(await h.db.db.select().from(mcns)).toHaveLength(1);
  });

  it('/capquyen by an official approves a pending lead', async () => {
    await registerLead(telegramChat(h, 5201), 'Trần Thị Lan', 'Sao Việt Media');
    await registerLead(telegramChat(h, 5202), 'Lê Văn Nam', 'Sao Việt Media');
    const nam = await memberOf('telegram', '5202');
    expect(nam.mcnLeadStatus).toBe('pending');
    expect(last(await telegramChat(h, 9001).say(`/capquyen ${nam.id} mcn_lead`))).toContain('Đã cấp quyền');
    expect((await memberOf('telegram', '5202')).mcnLeadStatus).toBe('approved');
  });
});
