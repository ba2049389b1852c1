// The console's Hỏi đáp page in headless Chromium (SPEC §8): questions asked on Telegram and Zalo
// are listed oldest first with the time waiting and the member's name; an official answers one
// (it reaches the asker's private chat once, audited with the official's number) and closes another
// with one click; the overview shows the open count and the oldest's age. No serious axe violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startHarness, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { sqlRows } from '../support/read';
import { requestLoginPath } from '../support/console';
import { DESKTOP, launchBrowser, PHONE, screenshot, seriousViolations } from '../support/browser';
import { mcns } from '../../db/schema';
import { telegramChat, zaloChat } from './members-helpers';

let h: Harness;
let browser: Browser;
const OFFICIAL = 900;

beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness({ env: { OFFICIALS: `telegram:${OFFICIAL}` } }), launchBrowser()]);
  const [mcn] = await h.db.db.insert(mcns).values({ name: 'Yeah1 Network', nameKey: 'yeah1 network', code: 'YEAH1' }).returning();
  await seedMember(h.db.db, { name: 'Nguyễn Thị An', mcnId: mcn!.id, at: h.clock.now(), identities: [{ platform: 'telegram', externalId: '101' }] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('Hỏi đáp in the console', () => {
  it('an official answers one question and closes another; the answer reaches the asker once', async () => {
    await telegramChat(h, 101).say('/hoi Tôi có được dùng nhạc của Sở trong video không?');
    h.clock.advance(5 * 60_000);
    await zaloChat(h, 'z301').say('hoi Góp ý: nên có điểm tin buổi tối.');
    h.clock.advance(20 * 60_000);

    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(h.url + (await requestLoginPath(h, OFFICIAL)));
    // The overview: two open, the oldest 25 minutes.
    await expect(page.locator('[data-overview=questions]').textContent()).resolves.toContain('2 câu hỏi đang chờ trả lời; lâu nhất 25 phút');

    await page.click('nav.main a[href="/console/questions"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Hỏi đáp');
    const cards = page.locator('section[data-question]');
    expect(await cards.count()).toBe(2);
    // Oldest first, with the time waiting, the member's name, number and MCN; the unregistered Zalo asker without one.
    const first = await cards.nth(0).textContent();
    expect(first).toContain('chờ 25 phút');
    expect(first).toContain('Nguyễn Thị An · thành viên số');
    expect(first).toContain('Yeah1 Network');
    expect(first).toContain('Tôi có được dùng nhạc của Sở');
    expect(await cards.nth(1).textContent()).toContain('Người hỏi chưa đăng ký');
    const [firstId, secondId] = [await cards.nth(0).getAttribute('data-question'), await cards.nth(1).getAttribute('data-question')];
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'questions-desktop');

    await page.fill(`#answer-${firstId}`, 'Được, hãy ghi nguồn nhạc của Sở.');
    await page.click(`form[action="/console/questions/${firstId}/answer"] button[type=submit]`);
    await page.waitForURL(/ok=q_answered/);
    await expect(page.locator('p.notice').textContent()).resolves.toContain(`câu hỏi số ${firstId}`);
    await h.settle();
    const answers = h.tg.sent(101).map((m) => String(m.text)).filter((t) => t.includes('Được, hãy ghi nguồn nhạc của Sở.'));
    expect(answers).toHaveLength(1);

    await page.click(`form[action="/console/questions/${secondId}/close"] button[type=submit]`);
    await page.waitForURL(/ok=q_closed/);
    expect(await page.locator('section[data-question]').count()).toBe(0);
    await page.goto(`${h.url}/console/questions?status=closed`);
    expect(await page.locator(`section[data-question="${secondId}"]`).count()).toBe(1);
    await page.goto(`${h.url}/console/questions?status=answered`);
    expect(await page.locator(`section[data-question="${firstId}"]`).count()).toBe(1);

    // Both changes are audited with the official's member number.
    const audits = await sqlRows<{ action: string; actor_member_id: number | null }>(
      h,
      `SELECT action, actor_member_id FROM audit_log WHERE action IN ('question_answered', 'question_closed') ORDER BY id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['question_answered', 'question_closed']);
    expect(audits.every((a) => a.actor_member_id != null)).toBe(true);

    await page.setViewportSize(PHONE);
    await page.goto(`${h.url}/console/questions?status=answered`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'questions-phone');
    await context.close();
  });

  it('a POST from another origin is refused and changes nothing', async () => {
    const res = await fetch(`${h.url}/console/questions/1/close`, { method: 'POST', redirect: 'manual', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'status=open' });
    expect(res.status).toBe(403);
  });
});
