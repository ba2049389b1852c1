// The console's Thành viên and MCN pages over HTTP (SPEC §7): search by phone, name (any word or
// its beginning, without diacritics), member number and MCN, page by page; the member's record;
// role changes (audited; an official who loses the role loses the console at the next request;
// nobody takes their own role away); stop/resume of pushes; MCN merges (moved in one batch, a
// stale merge changes nothing, an MCN into itself is a clear error); a foreign Origin changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startHarness, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { sqlCount, sqlRows } from '../support/read';
import { open, postForm, signInOfficial } from '../support/console';
import { mcns, members, posts } from '../../db/schema';
import { mergeMcnQueries, searchMembers, isMcnMergeStale } from '../../db/queries/member-directory';
import { mergeMcns } from '../../src/core/use-cases/merge-mcns';

let h: Harness;
let cookie: string;
let officialId: number;
const OFFICIAL = 900;
const OTHER_OFFICIAL = 901;
const DAY = 86_400_000;

const html = async (path: string, c = cookie) => {
  const res = await open(h, path, { headers: { cookie: c } });
  expect(res.status, path).toBe(200);
  return res.text();
};
const location = (res: Response) => res.headers.get('location') ?? '';
const mcn = async (name: string, code: string) => (await h.db.db.insert(mcns).values({ name, nameKey: name.toLowerCase(), code }).returning())[0]!;
const memberRow = async (id: number) => (await h.db.db.select().from(members).where(eq(members.id, id)))[0]!;

let yeah1: { id: number };
let tuyet: number;
let lan: number;

beforeAll(async () => {
  h = await startHarness({ env: { OFFICIALS: `telegram:${OFFICIAL},telegram:${OTHER_OFFICIAL}` } });
  cookie = await signInOfficial(h, OFFICIAL);
  officialId = Number((await sqlRows<{ id: number }>(h, `SELECT member_id AS id FROM chat_identities WHERE external_id = '${OFFICIAL}'`))[0]!.id);
  yeah1 = await mcn('Yeah1 Network', 'YEAH1');
  const now = h.clock.now();
  tuyet = (await seedMember(h.db.db, { name: 'Nguyễn Thị Ánh Tuyết', mcnId: yeah1.id, at: now, identities: [{ platform: 'telegram', externalId: '101' }, { platform: 'zalo', externalId: 'z101', lastInboundAt: new Date(now.getTime() - 9 * DAY) }] })).memberId;
  await h.db.db.update(members).set({ phone: '+84912345678' }).where(eq(members.id, tuyet));
  lan = (await seedMember(h.db.db, { name: 'Trần Thị Lan', at: now, identities: [{ platform: 'zalo', externalId: 'z102' }] })).memberId;
  for (let i = 0; i < 25; i++) await seedMember(h.db.db, { name: `Phạm Văn Số ${i}`, at: now, identities: [{ platform: 'telegram', externalId: String(2000 + i), privateChat: false }] });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('Thành viên: search', () => {
  it('finds a member by phone in any form, by words of the name without diacritics, by number and by MCN', async () => {
    for (const q of ['0912345678', '+84 912 345 678', 'nguyen tuyet', 'ÁNH', 'tuy', `#${tuyet}`, String(tuyet)]) {
      const page = await html(`/console/members?q=${encodeURIComponent(q)}`);
      expect(page, q).toContain(`data-member="${tuyet}"`);
      expect(page, q).not.toContain(`data-member="${lan}"`);
    }
    const byMcn = await html(`/console/members?mcn=${yeah1.id}`);
    expect(byMcn).toContain(`data-member="${tuyet}"`);
    expect(byMcn).not.toContain(`data-member="${lan}"`);
    expect(await html('/console/members?q=khong+co+ai')).toContain('Không tìm thấy thành viên nào.');
  });

  it('pages 20 at a time, newest first, with a link to the next page', async () => {
    const first = await html('/console/members?q=pham+van');
    expect(first.match(/data-member="/g)).toHaveLength(20);
    const next = /href="(\/console\/members\?[^"]*before=\d+)"/.exec(first.replace(/&amp;/g, '&'))![1]!;
    const second = await html(next);
    expect(second.match(/data-member="/g)).toHaveLength(5);
    expect(second).not.toContain('rel="next"');
    const ids = (s: string) => [...s.matchAll(/data-member="(\d+)"/g)].map((m) => Number(m[1]));
    expect([...ids(first), ...ids(second)]).toEqual([...ids(first), ...ids(second)].sort((a, b) => b - a));
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(25);
  });

  it('the rarest typed word drives a name search; every word must match', async () => {
    const hits = await searchMembers(h.runtime.core.db, { text: { name: 'Văn Số 1' }, limit: 50 });
    expect(hits.map((x) => x.fullName).sort()).toEqual(['Phạm Văn Số 1', ...Array.from({ length: 10 }, (_, i) => `Phạm Văn Số 1${i}`)].sort());
    // When every word is common, members are walked newest first instead: the same answer.
    for (const name of ['Văn Số 1', 'pham van', 'ánh tuy', 'khong co']) {
      const viaIndex = await searchMembers(h.runtime.core.db, { text: { name }, limit: 50 });
      const walked = await searchMembers(h.runtime.core.db, { text: { name }, limit: 50, commonAt: 1 });
      expect(walked, name).toEqual(viaIndex);
    }
    expect((await searchMembers(h.runtime.core.db, { text: { name: 'pham van' }, limit: 50, commonAt: 1 })).map((x) => x.fullName)).toHaveLength(25);
  });
});

describe('Thành viên: a member', () => {
  it('shows platforms with last activity and reach, role, MCN and consent', async () => {
    const page = await html(`/console/members/${tuyet}`);
    expect(page).toContain('Nguyễn Thị Ánh Tuyết');
    expect(page).toContain('Yeah1 Network (YEAH1)');
    expect(page).toMatch(/data-platform="telegram" data-reachable="yes"/);
    expect(page).toMatch(/data-platform="zalo" data-reachable="no"/);
    expect(page).toContain('đã quá 7 ngày');
    expect(page).toContain('văn bản phiên bản test');
    expect((await open(h, '/console/members/999999', { headers: { cookie } })).status).toBe(404);
  });

  it('a POST from a foreign page is refused (403) and changes nothing', async () => {
    const audits = await sqlCount(h, 'SELECT count(*) AS n FROM audit_log');
    for (const [path, fields] of [
      [`/console/members/${lan}/role`, { role: 'official' }],
      [`/console/members/${lan}/pushes`, { action: 'stop' }],
      [`/console/members/${lan}/lead`, { decision: 'refuse' }],
      ['/console/mcns/merge', { from: String(yeah1.id), into: String(yeah1.id) }],
    ] as const) {
      const res = await postForm(h, path, cookie, fields, 'https://evil.example');
      expect(res.status, path).toBe(403);
      expect((await postForm(h, path, cookie, fields, null)).status, path).toBe(403);
    }
    expect(await memberRow(lan)).toMatchObject({ role: 'creator', status: 'active' });
    expect(await sqlCount(h, 'SELECT count(*) AS n FROM audit_log')).toBe(audits);
  });

  it('stops and resumes pushes, audited with the official', async () => {
    let res = await postForm(h, `/console/members/${lan}/pushes`, cookie, { action: 'stop' });
    expect(location(res)).toContain('ok=m_stopped');
    expect((await memberRow(lan)).status).toBe('stopped');
    res = await postForm(h, `/console/members/${lan}/pushes`, cookie, { action: 'stop' });
    expect(location(res)).toContain('err=m_push_already');
    res = await postForm(h, `/console/members/${lan}/pushes`, cookie, { action: 'resume' });
    expect(location(res)).toContain('ok=m_resumed');
    expect((await memberRow(lan)).status).toBe('active');
    const audits = await sqlRows<{ action: string; actor_member_id: number; target_member_id: number }>(
      h,
      `SELECT action, actor_member_id, target_member_id FROM audit_log WHERE action LIKE 'member_pushes_%' ORDER BY id`,
    );
    expect(audits).toEqual([
      { action: 'member_pushes_stopped', actor_member_id: officialId, target_member_id: lan },
      { action: 'member_pushes_resumed', actor_member_id: officialId, target_member_id: lan },
    ]);
  });

  it('an official who loses the role loses the console at the next request; nobody removes their own role', async () => {
    const other = await signInOfficial(h, OTHER_OFFICIAL);
    const otherId = Number((await sqlRows<{ id: number }>(h, `SELECT member_id AS id FROM chat_identities WHERE external_id = '${OTHER_OFFICIAL}'`))[0]!.id);
    expect((await open(h, '/console/members', { headers: { cookie: other } })).status).toBe(200);

    let res = await postForm(h, `/console/members/${officialId}/role`, cookie, { role: 'creator', mcn: 'keep' });
    expect(location(res)).toContain('err=m_self');
    expect((await memberRow(officialId)).role).toBe('official');

    res = await postForm(h, `/console/members/${otherId}/role`, cookie, { role: 'creator', mcn: 'keep' });
    expect(location(res)).toContain('ok=m_role');
    expect((await memberRow(otherId)).role).toBe('creator');
    const gone = await open(h, '/console/members', { headers: { cookie: other } });
    expect(gone.status).toBe(303);
    expect(location(gone)).toBe('/console/signin?why=ended');
    const [a] = await sqlRows<{ action: string; detail: string }>(h, `SELECT action, detail FROM audit_log WHERE target_member_id = ${otherId} ORDER BY id DESC LIMIT 1`);
    expect(a!.action).toBe('role_removed');
    expect(JSON.parse(a!.detail)).toMatchObject({ role: 'creator', previousRole: 'official', via: 'console' });
  });

  it('an MCN lead needs an MCN', async () => {
    const res = await postForm(h, `/console/members/${lan}/role`, cookie, { role: 'mcn_lead', mcn: 'keep' });
    expect(location(res)).toContain('err=m_needs_mcn');
    const page = await html(location(res));
    expect(page).toContain('Trưởng MCN cần thuộc một MCN');
  });
});

describe('MCN: list and merge', () => {
  it('merging an MCN into itself is a clear error and changes nothing', async () => {
    const res = await postForm(h, '/console/mcns/merge', cookie, { from: String(yeah1.id), into: String(yeah1.id) });
    expect(res.status).toBe(303);
    expect(location(res)).toContain('err=m_same');
    expect(await html(location(res))).toContain('một MCN không gộp vào chính nó');
    const preview = await open(h, `/console/mcns/merge?from=${yeah1.id}&into=${yeah1.id}`, { headers: { cookie } });
    expect(location(preview)).toContain('err=m_same');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM mcns WHERE id = ${yeah1.id}`)).toBe(1);
  });

  it('moves members, leads and posts to the kept MCN in one batch; a stale merge changes nothing', async () => {
    const dup = await mcn('YEAH1 Network JSC', 'YEAH1N');
    const now = h.clock.now();
    const lead = (await seedMember(h.db.db, { name: 'Lê Văn Nam', role: 'mcn_lead', mcnId: dup.id, at: now, identities: [{ platform: 'telegram', externalId: '301' }] })).memberId;
    await h.db.db.update(members).set({ mcnLeadStatus: 'approved' }).where(eq(members.id, lead));
    const creator = (await seedMember(h.db.db, { name: 'Đỗ Minh Khoa', mcnId: dup.id, at: now, identities: [{ platform: 'telegram', externalId: '302' }] })).memberId;
    await h.db.db.insert(posts).values({ url: 'https://tiktok.com/@khoa/video/1', rawUrl: 'https://tiktok.com/@khoa/video/1', host: 'tiktok.com', platform: 'tiktok', memberId: creator, identityId: 1, reporterPlatform: 'telegram', mcnId: dup.id, reportedAt: now, eventKey: 'e1' });

    const list = await html('/console/mcns');
    expect(list).toContain('YEAH1 Network JSC');
    expect(list).toMatch(new RegExp(`data-mcn="${dup.id}"[\\s\\S]*?Lê Văn Nam`));

    const preview = await html(`/console/mcns/merge?from=${dup.id}&into=${yeah1.id}`);
    expect(preview).toContain('2 thành viên (trong đó 1 trưởng MCN) và 1 bài đăng');

    // A merge whose MCN is gone by the time it commits: the guard rolls the whole batch back.
    const db = h.runtime.core.db;
    await expect(db.batch(mergeMcnQueries(db, { fromId: dup.id, intoId: 987654, actorMemberId: officialId, detail: {}, now }))).rejects.toSatisfy(isMcnMergeStale);
    expect((await memberRow(creator)).mcnId).toBe(dup.id);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM posts WHERE mcn_id = ${dup.id}`)).toBe(1);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM mcns WHERE id = ${dup.id}`)).toBe(1);

    const res = await postForm(h, '/console/mcns/merge', cookie, { from: String(dup.id), into: String(yeah1.id) });
    expect(location(res)).toContain('ok=m_merged');
    expect(await memberRow(creator)).toMatchObject({ mcnId: yeah1.id });
    expect(await memberRow(lead)).toMatchObject({ mcnId: yeah1.id, role: 'mcn_lead', mcnLeadStatus: 'approved' });
    expect(await sqlCount(h, `SELECT count(*) AS n FROM posts WHERE mcn_id = ${yeah1.id}`)).toBe(1);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM mcns WHERE id = ${dup.id}`)).toBe(0);
    const [a] = await sqlRows<{ actor_member_id: number; detail: string }>(h, `SELECT actor_member_id, detail FROM audit_log WHERE action = 'mcn_merged'`);
    expect(a!.actor_member_id).toBe(officialId);
    expect(JSON.parse(a!.detail)).toMatchObject({ fromId: dup.id, intoId: yeah1.id, members: 2, leads: 1, posts: 1, via: 'console' });

    // Again, now that it is gone: refused, nothing written.
    const again = await mergeMcns(h.runtime.core, { actorMemberId: officialId, fromId: dup.id, intoId: yeah1.id, now, via: 'console' });
    expect(again).toEqual({ ok: false, reason: 'not_found' });
    expect(await sqlCount(h, `SELECT count(*) AS n FROM audit_log WHERE action = 'mcn_merged'`)).toBe(1);
  });
});
