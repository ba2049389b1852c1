// The console's Chiến dịch pages in headless Chromium (issue 16): an official creates a campaign
// with dd/mm/yyyy dates, members report links in chat, the official filters the campaign's posts
// by MCN, rejects two with a note and sees the counts and the CSV change; the campaign's page has
// the chart with its table and the rankings. No serious or critical axe-core violation; every page
// fits 390 px. Screenshots go to docs/screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHarness, tgText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { sqlRows } from '../support/read';
import { requestLoginPath } from '../support/console';
import { DESKTOP, launchBrowser, PHONE, screenshot, seriousViolations } from '../support/browser';
import { mcns } from '../../db/schema';

let h: Harness;
let browser: Browser;
const OFFICIAL = 900;
let sao: number;
let tuyet: number;

beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness({ env: { OFFICIALS: `telegram:${OFFICIAL}` } }), launchBrowser()]);
  const [mcn] = await h.db.db.insert(mcns).values({ name: 'Công ty TNHH Sao Việt', nameKey: 'cong ty tnhh sao viet', code: 'SAOVIET' }).returning();
  sao = mcn!.id;
  tuyet = (await seedMember(h.db.db, { name: 'Nguyễn Thị Ánh Tuyết', mcnId: sao, at: h.clock.now(), identities: [{ platform: 'telegram', externalId: '401' }] })).memberId;
  await seedMember(h.db.db, { name: 'Phạm Minh Đức', at: h.clock.now(), identities: [{ platform: 'telegram', externalId: '402' }] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** The CSV as the signed-in browser downloads it: its data lines and how many are invalid. */
async function csvOf(page: Page, campaignId: string) {
  const res = await page.request.get(`${h.url}/console/campaigns/${campaignId}/posts.csv`);
  expect(res.status()).toBe(200);
  const lines = (await res.text()).split('\r\n').filter(Boolean).slice(1);
  return { lines, invalid: lines.filter((l) => l.includes('Không hợp lệ / Invalid')).length, notes: lines.filter((l) => l.includes('Trùng video đã báo')).length };
}

describe('Chiến dịch in the console', () => {
  it('filter a campaign’s posts, reject two with a note, and see the counts and the CSV change', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(h.url + (await requestLoginPath(h, OFFICIAL)));
    await page.click('nav.main a[href="/console/campaigns"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Chiến dịch');

    // Create: a wrong date first (a clear error, the typed values kept), then the right one.
    await page.fill('#c-name', 'Mỹ Hồ Chí Minh');
    await page.fill('#c-tags', '#MyHoChiMinh #TuHaoHCM');
    await page.fill('#c-from', '01/11/2026');
    await page.fill('#c-to', '31/11/2026');
    await page.click('form[action="/console/campaigns"] button[type=submit]');
    await expect(page.locator('p.notice.err').textContent()).resolves.toContain('Ngày kết thúc không hợp lệ');
    await expect(page.locator('#c-name').inputValue()).resolves.toBe('Mỹ Hồ Chí Minh');
    await page.fill('#c-to', '30/11/2026');
    await page.click('form[action="/console/campaigns"] button[type=submit]');
    await page.waitForURL(/\/console\/campaigns\/\d+\?ok=c_created/);
    const campaignId = /\/console\/campaigns\/(\d+)/.exec(page.url())![1]!;

    // Members report links in chat: three from the MCN's creator, one from an independent one.
    await h.telegram(tgText(401, '#MyHoChiMinh https://www.tiktok.com/@tuyet/video/7345678901234567890 https://youtu.be/dQw4w9WgXcQ https://www.facebook.com/reel/1122334455667788'));
    await h.telegram(tgText(402, '#TuHaoHCM https://www.tiktok.com/@duc/video/7345678901234567891'));
    await h.settle();
    const before = await csvOf(page, campaignId);
    expect(before.lines).toHaveLength(4);
    expect(before.invalid).toBe(0);

    await page.goto(`${h.url}/console/campaigns`);
    await expect(page.locator(`tr[data-campaign="${campaignId}"]`).textContent()).resolves.toContain('01/11/2026–30/11/2026');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'campaigns-desktop');

    // The posts: filter by the MCN (three of the four).
    await page.goto(`${h.url}/console/campaigns/${campaignId}/posts`);
    expect(await page.locator('tr[data-post]').count()).toBe(4);
    await page.selectOption('#f-mcn', String(sao));
    await page.click('form.filters button[type=submit]');
    await page.waitForURL(new RegExp(`mcn=${sao}`));
    const rows = page.locator('tr[data-post]');
    expect(await rows.count()).toBe(3);
    await expect(page.locator('[data-counts=filter]').textContent()).resolves.toContain('Theo bộ lọc: 3 bài');
    // Each post links to the member who reported it.
    expect(await rows.nth(0).locator(`a[href="/console/members/${tuyet}"]`).count()).toBe(1);

    // Reject two with a note.
    const ids = [await rows.nth(0).getAttribute('data-post'), await rows.nth(1).getAttribute('data-post')];
    for (const id of ids) await page.check(`#sel-${id}`);
    await page.fill('#r-note', 'Trùng video đã báo');
    await page.click('fieldset button[value=invalid]');
    await page.waitForURL(/ok=c_reviewed/);
    await expect(page.locator('p.notice').textContent()).resolves.toContain('Đã đánh dấu 2 bài là không hợp lệ.');
    expect(page.url()).toContain(`mcn=${sao}`);
    await expect(page.locator('[data-counts=filter] [data-count=invalid]').textContent()).resolves.toBe('2');
    await expect(page.locator('[data-counts=filter] [data-count=pending]').textContent()).resolves.toBe('1');
    for (const id of ids) await expect(page.locator(`tr[data-post="${id}"]`).getAttribute('data-status')).resolves.toBe('invalid');
    await expect(page.locator(`tr[data-post="${ids[0]}"]`).textContent()).resolves.toContain('Ghi chú: Trùng video đã báo');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'campaign-posts-desktop');

    // Approve the independent creator's post with its row button.
    await page.goto(`${h.url}/console/campaigns/${campaignId}/posts?mcn=0`);
    const solo = await page.locator('tr[data-post]').first().getAttribute('data-post');
    await page.click(`tr[data-post="${solo}"] button[value=valid]`);
    await page.waitForURL(/ok=c_reviewed/);
    await expect(page.locator(`tr[data-post="${solo}"]`).getAttribute('data-status')).resolves.toBe('valid');

    // The CSV changed with them.
    const after = await csvOf(page, campaignId);
    expect(after.lines).toHaveLength(4);
    expect(after.invalid).toBe(2);
    expect(after.notes).toBe(2);

    // The campaign's page: counts, the chart with its table, the rankings.
    await page.goto(`${h.url}/console/campaigns/${campaignId}`);
    await expect(page.locator('[data-counts=campaign] [data-count=invalid]').textContent()).resolves.toBe('2');
    await expect(page.locator('[data-counts=campaign] [data-count=valid]').textContent()).resolves.toBe('1');
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(0);
    // Today's row: TikTok 2, Facebook 1, YouTube 1, total 4.
    const today = page.locator('table[data-table=per-day] tbody tr:last-child');
    await expect(today.locator('th').textContent()).resolves.toBe('21/11/2026');
    await expect(today.locator('td').allTextContents()).resolves.toEqual(['2', '1', '1', '4']);
    await expect(page.locator('table[data-table=per-day] thead th').allTextContents()).resolves.toEqual(['Ngày', 'TikTok', 'Facebook', 'YouTube', 'Tổng']);
    await expect(page.locator('table[data-table=rank-creators]').textContent()).resolves.toContain('Phạm Minh Đức');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'campaign-desktop');

    // Every change is audited with the official's member number.
    const audits = await sqlRows<{ action: string; actor_member_id: number | null }>(h, `SELECT action, actor_member_id FROM audit_log WHERE action IN ('campaign_created', 'posts_rejected', 'posts_approved') ORDER BY id`);
    expect(audits.map((a) => a.action)).toEqual(['campaign_created', 'posts_rejected', 'posts_approved']);
    expect(audits.every((a) => a.actor_member_id != null)).toBe(true);

    // 390 px: every Chiến dịch page fits, with no serious violation.
    await page.setViewportSize(PHONE);
    for (const [path, shot] of [
      ['/console/campaigns', 'campaigns-phone'],
      [`/console/campaigns/${campaignId}`, 'campaign-phone'],
      [`/console/campaigns/${campaignId}/posts?mcn=${sao}`, 'campaign-posts-phone'],
    ] as const) {
      await page.goto(h.url + path);
      // Nothing sticks out, but for what scrolls inside its own box (the navigation, wide tables).
      const wide = await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) =>  !e.closest('nav.main') && (!e.parentElement?.closest('.table-wrap')) && e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
      expect(wide, path).toEqual([]);
      expect(await fitsWidth(page), path).toBe(true);
      await expect(seriousViolations(page)).resolves.toEqual([]);
      await screenshot(page, shot);
    }
    await context.close();
  }, 120_000);
});
