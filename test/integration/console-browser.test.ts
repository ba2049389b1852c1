// The console in headless Chromium (SPEC §7): sign in from a /web link received by the fake
// Telegram; curate a digest (add, reorder, remove), preview and send it and see the fake platforms
// receive it; announce to one MCN; create a briefing and see RSVPs arrive; sign out. Every page at
// 1280 px and 390 px: axe-core finds no serious or critical violation, nothing overflows sideways,
// and a screenshot goes to docs/screenshots/. One browser for the file, a new context per test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHarness, tgCallback, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { sqlRows } from '../support/read';
import { requestLoginPath } from '../support/console';
import { DESKTOP, launchBrowser, PHONE, screenshot, seriousViolations } from '../support/browser';
import { mcns } from '../../db/schema';

let h: Harness;
let browser: Browser;
const DAY = 24 * 3600_000;
const OFFICIAL = 900;

beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness({ env: { OFFICIALS: `telegram:${OFFICIAL}` } }), launchBrowser()]);
  const db = h.db.db;
  const [yeah1] = await db.insert(mcns).values({ name: 'Yeah1 Network', nameKey: 'yeah1 network', code: 'YEAH1' }).returning();
  await db.insert(mcns).values({ name: 'Bé Xinh Media', nameKey: 'be xinh media', code: 'BXM' });
  const recent = new Date(h.clock.now().getTime() - DAY);
  const at = new Date(h.clock.now().getTime() - 3 * DAY);
  await seedMember(db, { name: 'Nguyễn Thị An', mcnId: yeah1!.id, at, identities: [{ platform: 'telegram', externalId: '101' }] });
  await seedMember(db, { name: 'Trần Văn Bình', at, identities: [{ platform: 'zalo', externalId: 'z201', lastInboundAt: recent }] });
  await seedMember(db, { name: 'Lê Minh Châu', role: 'mcn_lead', mcnId: yeah1!.id, at, identities: [{ platform: 'telegram', externalId: '102' }] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** A new browser context signed in through a /web link, as the official would. */
async function signedIn(viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(h.url + (await requestLoginPath(h, OFFICIAL)));
  expect(new URL(page.url()).pathname).toBe('/console');
  return { context, page };
}

async function expectAccessible(page: Page, what: string) {
  const violations = await seriousViolations(page);
  expect(violations.map((v) => `${what}: ${v.id} (${v.impact}) ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
}

const texts = (chat: string) => h.tg.sent(chat).map((p) => String(p.text));
const zaloTexts = (user: string) => h.zalo.sent().filter((m) => m.userId === user).map((m) => m.text);

describe('the console in a browser', () => {
  it('signs in from the /web link: the cookie is set and the URL carries no token', async () => {
    const { context, page } = await signedIn();
    expect(page.url()).not.toContain('/login/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Tổng quan');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'loa_console')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await context.close();
  });

  it('adds three articles, moves the first down, removes one, previews as Telegram and Zalo, sends, and the fake platforms receive it', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${h.url}/console/digest?date=2026-11-21`);
    const add = async (url: string, title: string) => {
      await page.fill('#url', url);
      await page.fill('#title', title);
      await page.click('form[action="/console/digest/articles"] button[type=submit]');
      await page.waitForURL(/ok=saved/);
    };
    await add('https://vnexpress.net/le-hoi-ao-dai.html', 'Lễ hội Áo dài mở màn');
    await add('https://tuoitre.vn/giai-chay-dem.html', 'Giải chạy đêm thu hút 5.000 người');
    await add('https://thanhnien.vn/trien-lam-anh.html', 'Triển lãm ảnh di sản');
    const titles = () => page.locator('ol.articles .title').allTextContents();
    expect(await titles()).toEqual(['Lễ hội Áo dài mở màn', 'Giải chạy đêm thu hút 5.000 người', 'Triển lãm ảnh di sản']);

    await page.click('ol.articles > li:nth-child(1) form[action$="/move"]:has(input[value=down]) button');
    await page.waitForURL(/ok=saved/);
    expect(await titles()).toEqual(['Giải chạy đêm thu hút 5.000 người', 'Lễ hội Áo dài mở màn', 'Triển lãm ảnh di sản']);

    // Drag to reorder (console.js, pointer events): the third article's handle dragged above the first.
    const handle = (await page.locator('ol.articles > li:nth-child(3) .drag-handle').boundingBox())!;
    const first = (await page.locator('ol.articles > li:nth-child(1)').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, first.y + 4, { steps: 10 });
    await Promise.all([page.waitForNavigation(), page.mouse.up()]);
    expect(await titles()).toEqual(['Triển lãm ảnh di sản', 'Giải chạy đêm thu hút 5.000 người', 'Lễ hội Áo dài mở màn']);
    const [reordered] = await sqlRows<{ n: number }>(h, "SELECT count(*) AS n FROM audit_log WHERE action = 'articles_reordered'");
    expect(reordered!.n).toBe(1);

    await page.click('ol.articles > li:nth-child(1) form[action$="/delete"] button');
    await page.waitForURL(/ok=saved/);
    expect(await titles()).toEqual(['Giải chạy đêm thu hút 5.000 người', 'Lễ hội Áo dài mở màn']);
    await screenshot(page, 'digest-desktop');

    await page.click('a[href^="/console/digest/preview"]');
    const tg = await page.locator('[data-platform=telegram]').first().textContent();
    const zalo = await page.locator('[data-platform=zalo]').first().textContent();
    expect(tg).toContain('1. Giải chạy đêm thu hút 5.000 người');
    expect(tg).not.toContain('https://'); // Telegram shows the title as a link
    expect(zalo).toContain('https://tuoitre.vn/giai-chay-dem.html'); // Zalo writes links out
    await screenshot(page, 'digest-preview-desktop');
    await expectAccessible(page, 'digest preview');

    await page.click('a[href^="/console/digest/send"]');
    await expect(page.locator('h1').textContent()).resolves.toContain('Gửi điểm tin ngày 21/11/2026');
    await page.click('form[action="/console/digest/send"] button[type=submit]');
    await page.waitForURL(/ok=queued/);
    await h.settle();
    expect(texts('101').some((t) => t.includes('Giải chạy đêm thu hút 5.000 người'))).toBe(true);
    expect(zaloTexts('z201').some((t) => t.includes('Lễ hội Áo dài mở màn'))).toBe(true);
    const [audit] = await sqlRows<{ n: number }>(h, "SELECT count(*) AS n FROM audit_log WHERE action IN ('article_added','article_moved','article_removed','digest_sent')");
    expect(audit!.n).toBe(6);
    await context.close();
  });

  it('announces to one MCN after a preview with counts; only that MCN’s members receive it', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${h.url}/console/announcements`);
    await page.fill('#text', 'Mời các bạn đăng bài về Lễ hội Áo dài, hashtag #AoDai2026.');
    // Live counts (console.js): everyone at first, then the MCN as soon as it is chosen in the list.
    const live = page.locator('[data-live-counts]');
    await expect.poll(() => live.textContent()).toContain('3 thành viên');
    await page.selectOption('#mcn', { label: 'Yeah1 Network (YEAH1)' });
    await expect(page.isChecked('input[name=audience][value=mcn]')).resolves.toBe(true);
    await expect.poll(() => live.textContent()).toContain('2 thành viên');
    await page.check('input[name=audience][value=mcn_lead]');
    await expect.poll(() => live.textContent()).toContain('1 thành viên');
    await page.check('input[name=audience][value=mcn]');
    await expect.poll(() => live.textContent()).toContain('2 thành viên');
    await page.click('form[action="/console/announcements/preview"] button[type=submit]');
    await page.waitForURL(/\/console\/announcements\/\d+$/);
    const body = await page.locator('main').textContent();
    expect(body).toContain('2 thành viên');
    expect(body).toContain('Yeah1 Network');
    expect(await page.locator('[data-platform=telegram]').first().textContent()).toContain('#AoDai2026');
    await screenshot(page, 'announcement-preview-desktop');
    await expectAccessible(page, 'announcement preview');
    await page.click('form[action$="/send"] button[type=submit]');
    await page.waitForURL(/ok=sent/);
    await h.settle();
    expect(texts('101').some((t) => t.includes('#AoDai2026'))).toBe(true);
    expect(texts('102').some((t) => t.includes('#AoDai2026'))).toBe(true);
    expect(zaloTexts('z201').some((t) => t.includes('#AoDai2026'))).toBe(false);
    await page.reload();
    await expect(page.locator('main').textContent()).resolves.toContain('Từng người nhận');
    await screenshot(page, 'announcement-sent-desktop');
    await context.close();
  });

  it('creates a briefing, sends the invitation, and the RSVPs arrive on its page', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${h.url}/console/briefings`);
    await page.fill('#title', 'Họp báo Lễ hội Áo dài 2026');
    // The date is typed as dd/mm/yyyy whatever the browser's locale, with the zone spelled out.
    await expect(page.getAttribute('#date', 'placeholder')).resolves.toBe('dd/mm/yyyy');
    await expect(page.locator('[data-when-hint]').textContent()).resolves.toMatch(/dd\/mm\/yyyy.*Asia\/Ho_Chi_Minh \(UTC\+07:00\)/);
    await page.fill('#date', '24/11/2026');
    await page.fill('#time', '14:00');
    await page.fill('#place', 'Hội trường Sở, 164 Đồng Khởi');
    await page.click('form[action="/console/briefings"] button[type=submit]');
    await page.waitForURL(/\/console\/announcements\/\d+$/);
    expect(await page.locator('[data-platform=zalo]').first().textContent()).toContain('14:00');
    await page.click('form[action$="/send"] button[type=submit]');
    await page.waitForURL(/ok=sent/);
    await h.settle();
    const [b] = await sqlRows<{ id: number }>(h, "SELECT id FROM briefings WHERE status = 'scheduled'");
    expect(texts('101').some((t) => t.includes('Họp báo Lễ hội Áo dài 2026'))).toBe(true);

    await h.telegram(tgCallback(101, `rsvp:${b!.id}:yes`));
    await h.telegram(tgCallback(102, `rsvp:${b!.id}:no`));
    await h.settle();
    await page.goto(`${h.url}/console/briefings/${b!.id}`);
    await expect(page.locator('[data-count=yes]').textContent()).resolves.toBe('1');
    await expect(page.locator('[data-count=no]').textContent()).resolves.toBe('1');
    await expect(page.getByRole('table', { name: 'Người tham dự' }).textContent()).resolves.toContain('Nguyễn Thị An');
    // Members without an answer: counted from the summary, listed a page at a time below the answers.
    await expect(page.locator('[data-count=none]').textContent()).resolves.toMatch(/^\d+$/);
    await screenshot(page, 'briefing-desktop');
    const csv = await page.request.get(`${h.url}/console/briefings/${b!.id}/attendees.csv`);
    expect(await csv.text()).toContain('Nguyễn Thị An');
    await context.close();
  });

  it('every page is usable at 1280 and 390 px: no serious axe violation, nothing wider than the screen, screenshots', async () => {
    const [b] = await sqlRows<{ id: number }>(h, 'SELECT id FROM briefings ORDER BY id DESC LIMIT 1');
    const pages: [string, string][] = [
      ['overview', '/console'],
      ['digest', '/console/digest?date=2026-11-21'],
      ['announcements', '/console/announcements'],
      ['briefings', '/console/briefings'],
      ['briefing-detail', `/console/briefings/${b?.id ?? 1}`],
      ['audit', '/console/audit'],
    ];
    for (const [viewport, size] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { context, page } = await signedIn(size);
      for (const [name, path] of pages) {
        await page.goto(h.url + path);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} ${viewport}`).toBeLessThanOrEqual(size.width);
        await expectAccessible(page, `${name} ${viewport}`);
        await screenshot(page, `${name}-${viewport}`);
      }
      await context.close();
    }
  }, 120_000); // 12 pages with axe and a screenshot each: ~11 s idle, far more on a loaded machine

  it('works without JavaScript: counts on the preview, reordering with the buttons, no drag handle', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(h.url + (await requestLoginPath(h, OFFICIAL)));
    await page.goto(`${h.url}/console/announcements`);
    await expect(page.locator('[data-live-counts]').textContent()).resolves.toContain('hiện ở bước xem trước');
    await page.goto(`${h.url}/console/digest?date=2026-11-28`);
    for (const [url, title] of [
      ['https://vnexpress.net/a.html', 'Bài A'],
      ['https://vnexpress.net/b.html', 'Bài B'],
    ]) {
      await page.fill('#url', url!);
      await page.fill('#title', title!);
      await page.click('form[action="/console/digest/articles"] button[type=submit]');
      await page.waitForURL(/ok=saved/);
    }
    await expect(page.locator('.drag-handle').first().isVisible()).resolves.toBe(false);
    await page.click('ol.articles > li:nth-child(2) form[action$="/move"]:has(input[value=up]) button');
    await page.waitForURL(/ok=saved/);
    expect(await page.locator('ol.articles .title').allTextContents()).toEqual(['Bài B', 'Bài A']);
    await context.close();
  });

  it('switches to English and back', async () => {
    const { context, page } = await signedIn();
    await page.click('form[action="/console/lang"] button');
    await expect(page.locator('h1').textContent()).resolves.toBe('Overview');
    await page.click('form[action="/console/lang"] button');
    await expect(page.locator('h1').textContent()).resolves.toBe('Tổng quan');
    await context.close();
  });

  it('signs out: the sign-in page explains /web and the console is closed', async () => {
    const { context, page } = await signedIn(PHONE);
    await page.click('form[action="/console/logout"] button');
    await page.waitForURL(/\/console\/signin\?why=out/);
    await expect(page.locator('main').textContent()).resolves.toContain('/web');
    await page.goto(`${h.url}/console/digest`);
    expect(new URL(page.url()).pathname).toBe('/console/signin');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'signin-phone');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'signin-desktop');
    await context.close();
  });
});
