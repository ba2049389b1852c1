// The `npm run sandbox` page in headless Chromium (issue 18): a Telegram member sends /start and
// reads Loa's answer, starts registering and taps an inline button; the page runs under its
// strict CSP with no script error and no serious axe violation. Saves docs/screenshots/sandbox.png
// for the README.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../scripts/sandbox';
import { DESKTOP, launchBrowser, screenshot, seriousViolations } from '../support/browser';

const dir = mkdtempSync(join(tmpdir(), 'loa-sandbox-browser-'));
let sb: Sandbox;
let browser: Browser;

beforeAll(async () => {
  [sb, browser] = await Promise.all([startSandbox({ port: 0, loaPort: 0, db: join(dir, 'sandbox.db'), logLevel: 'silent' }), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sb?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the sandbox page', () => {
  it('a Telegram member sends /start, sees the answer and taps a button', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(sb.url);
    await page.waitForSelector('body[data-ready="true"]');
    await expect(page.locator('#chat-title').textContent()).resolves.toContain('Nguyễn Thị Lan · Telegram');
    await expect(page.locator('#console-link').getAttribute('href')).resolves.toBe(`${sb.loaUrl}/console`);

    await page.fill('#text', '/start');
    await page.press('#text', 'Enter');
    await page.locator('.msg.out', { hasText: 'Xin chào! Đây là Loa' }).waitFor();
    await expect(page.locator('.msg.in').first().textContent()).resolves.toContain('/start');

    await page.fill('#text', 'dang ky');
    await page.click('#composer button[type=submit]');
    await page.locator('.msg.out', { hasText: /họ và tên|tên/i }).last().waitFor();
    await page.fill('#text', 'Nguyễn Thị Lan');
    await page.press('#text', 'Enter');
    const role = page.locator('.msg.out .keys button', { hasText: 'Nhà sáng tạo' });
    await role.waitFor();
    await role.click();
    // The tap shows up as the member's message once the page has posted it: wait for it.
    await page.locator('.msg.in', { hasText: '1. Nhà sáng tạo' }).last().waitFor();
    await page.locator('.msg.out', { hasText: 'MCN' }).last().waitFor();

    // The official's chat shows how the first official was made (the setup code).
    await expect(page.locator('#chats button', { hasText: 'Trần Thu Hoa' }).locator('.badge').count()).resolves.toBe(1);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    expect(problems).toEqual([]);
    await screenshot(page, 'sandbox');
    await context.close();
  }, 120_000); // ~6 s idle (four answers a second apart in one Telegram chat), far more on a loaded machine
});
