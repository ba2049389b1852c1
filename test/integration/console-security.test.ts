// The console's security over HTTP (SPEC §7): sign-in links are single-use and expire; no session
// → the sign-in page; a foreign Origin → 403 and nothing changes; a demoted or deleted official's
// session stops at the next request; cookie flags; the security headers on every page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, tgText, type Harness } from '../support/harness';
import { sqlCount, sqlRows } from '../support/read';
import { open, postForm, requestLoginPath, sessionCookie, signInOfficial } from '../support/console';
import { seedMember } from '../support/seed';

let h: Harness;
const HOUR = 3600_000;
const count = (q: string) => sqlCount(h, q);

afterEach(async () => {
  await h?.close();
});

describe('console sign-in and sessions', () => {
  beforeEach(async () => {
    h = await startHarness({ env: { OFFICIALS: 'telegram:900,telegram:901' } });
  });

  it('/web gives a single-use link under PUBLIC_URL (default http://localhost:<PORT>) that sets an HttpOnly, SameSite=Lax cookie and redirects to /console', async () => {
    await h.telegram(tgText(900, '/web'));
    await h.settle();
    const text = String(h.tg.sent(900).at(-1)!.text);
    expect(text).toMatch(/http:\/\/localhost:8787\/console\/login\/[A-Za-z0-9_-]{43}/);
    // Only a hash is stored, never the token.
    const token = /login\/([A-Za-z0-9_-]+)/.exec(text)![1]!;
    expect(await count(`SELECT count(*) AS n FROM console_login_tokens WHERE token_hash LIKE '%${token}%'`)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM console_login_tokens')).toBe(1);

    const res = await open(h, `/console/login/${token}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console');
    const set = res.headers.getSetCookie().find((c) => c.startsWith('loa_console='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).toMatch(/Path=\/console/i);
    expect(set).not.toMatch(/Secure/i);
    const cookie = set.split(';')[0]!;
    expect(await count(`SELECT count(*) AS n FROM console_sessions WHERE token_hash LIKE '%${cookie.split('=')[1]}%'`)).toBe(0);

    const page = await open(h, '/console', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Tổng quan');

    // The same link again: no new session.
    const again = await open(h, `/console/login/${token}`);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/console/signin?why=invalid');
    expect(sessionCookie(again)).toBeNull();
    expect(await count('SELECT count(*) AS n FROM console_sessions')).toBe(1);
  });

  it('a link older than 10 minutes does not sign in; a made-up token neither', async () => {
    const path = await requestLoginPath(h, 900);
    h.clock.advance(10 * 60_000 + 1);
    const res = await open(h, path);
    expect(res.headers.get('location')).toBe('/console/signin?why=invalid');
    expect(sessionCookie(res)).toBeNull();
    const fake = await open(h, '/console/login/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(sessionCookie(fake)).toBeNull();
    expect(await count('SELECT count(*) AS n FROM console_sessions')).toBe(0);
  });

  it('a link previewer (TelegramBot) does not use up the link', async () => {
    const path = await requestLoginPath(h, 900);
    const bot = await open(h, path, { headers: { 'user-agent': 'TelegramBot (like TwitterBot)' } });
    expect(sessionCookie(bot)).toBeNull();
    expect(sessionCookie(await open(h, path))).not.toBeNull();
  });

  it('a non-official gets no link; in a group the official is told to use the private chat', async () => {
    await seedMember(h.db.db, { name: 'An', identities: [{ platform: 'telegram', externalId: '101' }] });
    await h.telegram(tgText(101, '/web'));
    const group = tgText(900, '/web');
    group.message.chat = { id: -100500, type: 'supergroup', title: 'Phòng' } as never;
    await h.telegram(group);
    await h.settle();
    expect(String(h.tg.sent(101).at(-1)!.text)).toContain('chỉ dành cho cán bộ');
    expect(String(h.tg.sent(-100500).at(-1)!.text)).toContain('chat riêng');
    expect(h.tg.sent(-100500).some((p) => String(p.text).includes('/console/login/'))).toBe(false);
    expect(await count('SELECT count(*) AS n FROM console_login_tokens')).toBe(0);
  });

  it('without a session every page redirects to the sign-in page, which explains /web', async () => {
    for (const path of ['/console', '/console/digest', '/console/announcements', '/console/briefings', '/console/audit']) {
      const res = await open(h, path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe('/console/signin');
    }
    const junk = await open(h, '/console', { headers: { cookie: 'loa_console=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(junk.headers.get('location')).toBe('/console/signin?why=ended');
    const signin = await open(h, '/console/signin');
    expect(signin.status).toBe(200);
    expect(await signin.text()).toContain('/web');
  });

  it('a foreign or missing Origin gets 403 and changes nothing; the same origin works and is audited with the member number', async () => {
    const cookie = await signInOfficial(h, 900);
    const [official] = await sqlRows<{ id: number }>(h, "SELECT m.id FROM members m JOIN chat_identities i ON i.member_id = m.id WHERE i.external_id = '900'");
    const fields = { url: 'https://vnexpress.net/bai-1.html', title: 'Bài thứ nhất', date: '2026-11-21' };
    const audits = await count('SELECT count(*) AS n FROM audit_log');
    for (const origin of ['https://evil.example', 'null', null]) {
      const res = await postForm(h, '/console/digest/articles', cookie, fields, origin);
      expect(res.status, String(origin)).toBe(403);
    }
    // Origin null (what a browser sends under Referrer-Policy: no-referrer) from another site, or
    // a foreign Origin that claims same-origin fetch metadata: refused too.
    for (const [origin, site] of [['null', 'cross-site'], ['null', 'same-site'], ['https://evil.example', 'same-origin']] as const) {
      const res = await open(h, '/console/digest/articles', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': site },
        body: new URLSearchParams(fields).toString(),
      });
      expect(res.status, `${origin} ${site}`).toBe(403);
    }
    const out = await postForm(h, '/console/logout', cookie, {}, 'https://evil.example');
    expect(out.status).toBe(403);
    expect(await count('SELECT count(*) AS n FROM articles')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM audit_log')).toBe(audits);
    expect(await count('SELECT count(*) AS n FROM console_sessions WHERE ended_at IS NULL')).toBe(1);

    const ok = await postForm(h, '/console/digest/articles', cookie, fields);
    expect(ok.status).toBe(303);
    expect(await count('SELECT count(*) AS n FROM articles')).toBe(1);
    // What Chromium sends for the console's own forms: Origin null, Sec-Fetch-Site same-origin.
    const own = await open(h, '/console/digest/articles', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ ...fields, url: 'https://vnexpress.net/bai-2.html' }).toString(),
    });
    expect(own.status).toBe(303);
    expect(await count('SELECT count(*) AS n FROM articles')).toBe(2);
    const [entry] = await sqlRows<{ actor_member_id: number; action: string }>(h, 'SELECT actor_member_id, action FROM audit_log ORDER BY id DESC LIMIT 1');
    expect(entry).toEqual({ actor_member_id: official!.id, action: 'article_added' });
  });

  it('sign-out ends the session at once', async () => {
    const cookie = await signInOfficial(h, 900);
    const res = await postForm(h, '/console/logout', cookie, {});
    expect(res.headers.get('location')).toBe('/console/signin?why=out');
    expect((await open(h, '/console', { headers: { cookie } })).headers.get('location')).toBe('/console/signin?why=ended');
  });

  it('a demoted official is signed out on the next request', async () => {
    const cookie = await signInOfficial(h, 900);
    expect((await open(h, '/console', { headers: { cookie } })).status).toBe(200);
    await h.db.client.execute("UPDATE members SET role = 'creator' WHERE id = (SELECT member_id FROM chat_identities WHERE external_id = '900')");
    const res = await open(h, '/console', { headers: { cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/signin?why=ended');
  });

  it('/xoa ends the console session and deletes the sessions and links', async () => {
    const cookie = await signInOfficial(h, 900);
    await requestLoginPath(h, 900); // an unused link too
    await h.telegram(tgText(900, '/xoa'));
    await h.settle();
    await h.telegram(tgText(900, 'xác nhận xoá'));
    await h.settle();
    expect(await count("SELECT count(*) AS n FROM members WHERE status = 'deleted'")).toBe(1);
    expect((await open(h, '/console', { headers: { cookie } })).headers.get('location')).toBe('/console/signin?why=ended');
    expect(await count('SELECT count(*) AS n FROM console_sessions')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM console_login_tokens')).toBe(0);
  });

  it('a session ends after 12 hours idle, and after 7 days however active', async () => {
    const cookie = await signInOfficial(h, 900);
    h.clock.advance(11 * HOUR);
    expect((await open(h, '/console', { headers: { cookie } })).status).toBe(200);
    h.clock.advance(12 * HOUR);
    expect((await open(h, '/console', { headers: { cookie } })).status).toBe(303);

    const busy = await signInOfficial(h, 901);
    for (let i = 0; i < 16; i++) {
      h.clock.advance(11 * HOUR);
      const res = await open(h, '/console', { headers: { cookie: busy } });
      expect(res.status, `after ${(i + 1) * 11} h`).toBe((i + 1) * 11 < 7 * 24 ? 200 : 303);
    }
  });

  it('every page sends the CSP, X-Frame-Options, Referrer-Policy and Cache-Control headers, and the CSP allows no inline script', async () => {
    const cookie = await signInOfficial(h, 900);
    const pages = ['/console/signin', '/console', '/console/digest', '/console/digest/preview', '/console/digest/send', '/console/announcements', '/console/briefings', '/console/audit'];
    for (const path of pages) {
      const res = await open(h, path, { headers: { cookie } });
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      const html = await res.text();
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)/i);
      expect(html, path).not.toMatch(/\sstyle="/i);
      expect(html, path).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[^"'\s]+\.(css|js)/i);
    }
    // Redirects carry them too.
    const redirect = await open(h, '/console');
    expect(redirect.headers.get('cache-control')).toBe('no-store');
  });
});

describe('console behind https', () => {
  beforeEach(async () => {
    h = await startHarness({ env: { OFFICIALS: 'telegram:900', PUBLIC_URL: 'https://loa.example.vn' } });
  });

  it('the link uses PUBLIC_URL, the cookie is Secure, and a POST from PUBLIC_URL’s origin is accepted', async () => {
    const path = await requestLoginPath(h, 900);
    expect(String(h.tg.sent(900).at(-1)!.text)).toContain(`https://loa.example.vn${path}`);
    const res = await open(h, path);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('loa_console='))!;
    expect(set).toMatch(/Secure/);
    const cookie = set.split(';')[0]!;
    const ok = await postForm(h, '/console/lang', cookie, { lang: 'en', back: '/console' }, 'https://loa.example.vn');
    expect(ok.status).toBe(303);
    const page = await open(h, '/console', { headers: { cookie } });
    expect(await page.text()).toContain('Overview');
  });
});
