// The console's Thành viên and MCN pages in headless Chromium (SPEC §7, issue 16): an official
// finds a member by phone and makes them an MCN lead; approves a pending lead, whose /thongke in
// the chat then shows the MCN's numbers instead of "waiting"; merges two MCNs that are the same
// company. No serious or critical axe-core violation; every page fits 390 px; screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { sqlRows } from '../support/read';
import { requestLoginPath } from '../support/console';
import { DESKTOP, launchBrowser, PHONE, screenshot, seriousViolations } from '../support/browser';
import { mcns, members } from '../../db/schema';
import { lastReply, telegramChat, zaloChat } from './members-helpers';

let h: Harness;
let browser: Browser;
const OFFICIAL = 900;
const PENDING_LEAD = 5002;
let saoViet: { id: number };
let duplicate: { id: number };
let pendingId: number;
let phoneMemberId: number;

beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness({ env: { OFFICIALS: `telegram:${OFFICIAL}` } }), launchBrowser()]);
  const now = h.clock.now();
  saoViet = (await h.db.db.insert(mcns).values({ name: 'Sao Việt Media', nameKey: 'sao viet media', code: 'SAOVIET' }).returning())[0]!;
  duplicate = (await h.db.db.insert(mcns).values({ name: 'SaoViet Media JSC', nameKey: 'saoviet media jsc', code: 'SVMJSC' }).returning())[0]!;
  await seedMember(h.db.db, { name: 'Trần Thị Lan', role: 'mcn_lead', mcnId: saoViet.id, at: now, identities: [{ platform: 'telegram', externalId: '5001' }] });
  await seedMember(h.db.db, { name: 'Đỗ Minh Khoa', mcnId: saoViet.id, at: now, identities: [{ platform: 'zalo', externalId: 'z8501' }] });
  pendingId = (await seedMember(h.db.db, { name: 'Lê Văn Nam', role: 'mcn_lead', mcnId: saoViet.id, at: now, identities: [{ platform: 'telegram', externalId: String(PENDING_LEAD) }] })).memberId;
  await h.db.db.update(members).set({ mcnLeadStatus: 'pending' }).where(eq(members.id, pendingId));
  phoneMemberId = (await seedMember(h.db.db, { name: 'Phạm Thu Hà', at: now, identities: [{ platform: 'telegram', externalId: '5003' }, { platform: 'zalo', externalId: 'z5003' }] })).memberId;
  await h.db.db.update(members).set({ phone: '+84987654321' }).where(eq(members.id, phoneMemberId));
  await seedMember(h.db.db, { name: 'Võ Thanh Tâm', mcnId: duplicate.id, at: now, identities: [{ platform: 'telegram', externalId: '5004' }] });
  // The MCN's creator reports a post in a campaign, so the MCN has numbers to show its leads.
  expect((await h.api('POST', '/api/campaigns', { name: 'Tết vui khỏe', hashtags: ['#TetVuiKhoe'], startsOn: '2026-11-01', endsOn: '2026-12-31' })).status).toBe(201);
  expect(lastReply(await zaloChat(h, 'z8501').say('#TetVuiKhoe https://www.tiktok.com/@khoa/video/7301234567890123456'))).toMatch(/1/);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function fitsPhone(page: Page, name: string) {
  await page.setViewportSize(PHONE);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expect(seriousViolations(page)).resolves.toEqual([]);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

describe('Thành viên and MCN in the console', () => {
  it('finds a member by phone and makes them an MCN lead; approves a pending lead, whose /thongke changes; merges two MCNs', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(h.url + (await requestLoginPath(h, OFFICIAL)));

    // 1. Find by phone (typed the local way), open the record, make them the lead of an MCN.
    await page.click('nav.main a[href="/console/members"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Thành viên');
    await page.fill('#q', '0987 654 321');
    await page.click('form[role=search] button[type=submit]');
    const rows = page.locator('table[data-members] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Phạm Thu Hà');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'members-desktop');
    await fitsPhone(page, 'members');

    await rows.first().locator('a').click();
    await expect(page.locator('h1').textContent()).resolves.toContain(`Thành viên số ${phoneMemberId}`);
    expect(await page.locator('[data-platforms] tr[data-platform]').count()).toBe(2);
    await page.selectOption('#new-role', 'mcn_lead');
    await page.selectOption('#role-mcn', String(saoViet.id));
    await page.click('form[action$="/role"] button[type=submit]');
    await page.waitForURL(/ok=m_role/);
    await expect(page.locator('[data-profile] dd[data-role]').textContent()).resolves.toBe('Trưởng MCN');
    await expect(page.locator('[data-profile] dd[data-mcn]').textContent()).resolves.toContain('Sao Việt Media');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'member-desktop');
    await fitsPhone(page, 'member');
    await h.settle();
    expect(h.tg.sent(5003).map((m) => String(m.text)).some((t) => t.includes('trưởng MCN của MCN Sao Việt Media'))).toBe(true);

    // 2. The pending lead sees nothing of the MCN in /thongke; the official approves; now they do.
    const lead = telegramChat(h, PENDING_LEAD);
    const before = (await lead.say('/thongke')).join('\n');
    expect(before).toContain('đang chờ duyệt');
    expect(before).not.toContain('Đỗ Minh Khoa');
    await page.goto(`${h.url}/console/members`);
    const pending = page.locator(`[data-pending="${pendingId}"]`);
    expect(await pending.textContent()).toContain('Lê Văn Nam');
    await pending.locator('button', { hasText: 'Duyệt' }).click();
    await page.waitForURL(/ok=m_approved/);
    await expect(page.locator('p.notice').textContent()).resolves.toContain(`thành viên số ${pendingId}`);
    expect(await page.locator(`[data-pending="${pendingId}"]`).count()).toBe(0);
    const after = (await lead.say('/thongke')).join('\n');
    expect(after).toContain('📊 Bài đăng của MCN Sao Việt Media');
    expect(after).toContain('Đỗ Minh Khoa');
    expect(after).not.toContain('đang chờ duyệt');

    // 3. Merge the duplicate MCN into the real one: preview with what moves, then confirm.
    await page.click('nav.main a[href="/console/mcns"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('MCN');
    expect(await page.locator(`tr[data-mcn="${saoViet.id}"]`).textContent()).toContain('Lê Văn Nam');
    // Posts per campaign: the column of «Tết vui khỏe» counts the creator's post.
    await expect(page.locator('table[data-mcns] thead').textContent()).resolves.toContain('Bài · Tết vui khỏe');
    expect(await page.locator(`tr[data-mcn="${saoViet.id}"] td.num`).nth(1).textContent()).toBe('1');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'mcns-desktop');
    await fitsPhone(page, 'mcns');
    await page.selectOption('#merge-from', String(duplicate.id));
    await page.selectOption('#merge-into', String(saoViet.id));
    await page.click('form[action="/console/mcns/merge"] button[type=submit]');
    await expect(page.locator('[data-merge-preview]').textContent()).resolves.toContain('1 thành viên (trong đó 0 trưởng MCN) và 0 bài đăng');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.click('[data-merge-preview] button[type=submit]');
    await page.waitForURL(/ok=m_merged/);
    await expect(page.locator('p.notice').textContent()).resolves.toContain('1 thành viên');
    expect(await page.locator(`tr[data-mcn="${duplicate.id}"]`).count()).toBe(0);
    expect(await page.locator(`tr[data-mcn="${saoViet.id}"] td.num`).first().textContent()).toBe('2');

    // Every change is audited with the official's member number.
    const audits = await sqlRows<{ action: string; actor_member_id: number | null }>(
      h,
      `SELECT action, actor_member_id FROM audit_log WHERE action IN ('role_granted', 'mcn_lead_approved', 'mcn_merged') ORDER BY id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['role_granted', 'mcn_lead_approved', 'mcn_merged']);
    expect(audits.every((a) => a.actor_member_id != null)).toBe(true);
    await context.close();
  }, 120_000);
});
