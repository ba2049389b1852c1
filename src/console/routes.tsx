// /console: the officials' console (SPEC §7). Sign-in through a /web link, a session cookie, then
// server-rendered pages. Every POST is checked for its Origin first (403, nothing changed), then
// for a session; every page carries the headers of setSecurityHeaders.
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { endSession, insertAudit, setSessionLang } from '../../db/queries/console';
import type { AppDeps } from '../http/app-deps';
import { loadSession, secureCookies, SESSION_MAX_MS, signIn } from './auth';
import { CONSOLE_CSS, CONSOLE_JS } from './assets';
import { audit, back, render, type ConsoleEnv } from './context';
import { originAllowed, setSecurityHeaders } from './security';
import { consoleWords } from './words';
import { overviewPage } from './pages/overview';
import { digestPages } from './pages/digest';
import { announcementPages } from './pages/announcements';
import { briefingPages } from './pages/briefings';
import { auditPage } from './pages/audit';
import { questionPages } from './pages/questions';
import { campaignPages } from './pages/campaigns';
import { memberPages } from './pages/members';
import { mcnPages } from './pages/mcns';

export const SESSION_COOKIE = 'loa_console';

/** Sign-in link previews by chat apps' robots must not use up the single-use link. */
const LINK_PREVIEW_BOTS = /TelegramBot|TwitterBot|facebookexternalhit|Slackbot|WhatsApp|Discordbot|SkypeUriPreview|Zalo(?:Bot|Crawler)/i;

export function consoleRoutes(deps: AppDeps) {
  const { core } = deps;
  const env = core.env;
  const r = new Hono<ConsoleEnv>();
  const cookieOpts = () => ({ path: '/console', httpOnly: true, sameSite: 'Lax' as const, secure: secureCookies(env) });
  /** The language before sign-in: the browser's, Vietnamese unless it asks for English first. */
  const browserLang = (accept: string | undefined) => (accept && /^en\b/i.test(accept.trim()) ? 'en' : 'vi');

  r.get('/assets/console.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(CONSOLE_CSS, 200, { 'content-type': 'text/css; charset=utf-8' });
  });

  r.get('/assets/console.js', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(CONSOLE_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });

  // Every state change: the Origin first, so a foreign page gets 403 whatever else it sends.
  r.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !originAllowed(c, env)) {
      setSecurityHeaders(c);
      return c.text(consoleWords(browserLang(c.req.header('accept-language'))).forbiddenOrigin, 403);
    }
    await next();
  });

  r.get('/signin', (c) => {
    const w = consoleWords(browserLang(c.req.header('accept-language')));
    c.set('w', w);
    const why = c.req.query('why');
    const text = why === 'invalid' ? w.linkInvalid : why === 'out' ? w.signedOut : why === 'ended' ? w.sessionEnded : null;
    return render(
      c,
      w.signInTitle,
      undefined,
      <div class="signin">
        <section class="card">
          <p>{w.signInHow[0]}</p>
          <ol>
            {w.signInHow.slice(1).map((s) => (
              <li>{s}</li>
            ))}
          </ol>
          <p class="muted">{w.signInNote}</p>
        </section>
      </div>,
      { status: why === 'invalid' ? 401 : 200, notice: text ? { kind: why === 'out' ? 'ok' : 'err', text } : null },
    );
  });

  r.get('/login/:token', async (c) => {
    setSecurityHeaders(c);
    if (LINK_PREVIEW_BOTS.test(c.req.header('user-agent') ?? '')) return c.text('Loa', 200);
    const res = await signIn(core.db, c.req.param('token'), core.clock.now());
    if (!res) return c.redirect('/console/signin?why=invalid', 303);
    setCookie(c, SESSION_COOKIE, res.cookie, { ...cookieOpts(), maxAge: SESSION_MAX_MS / 1000 });
    await insertAudit(core.db, { actorMemberId: res.memberId, action: 'console_signed_in', detail: { via: 'console' }, at: core.clock.now() });
    return c.redirect('/console', 303);
  });

  // Everything below needs a valid session (checked against the member's role on every request).
  r.use('*', async (c, next) => {
    const session = await loadSession(core.db, getCookie(c, SESSION_COOKIE), core.clock.now());
    if (!session) {
      setSecurityHeaders(c);
      const had = Boolean(getCookie(c, SESSION_COOKIE));
      if (had) deleteCookie(c, SESSION_COOKIE, cookieOpts());
      return c.redirect(had ? '/console/signin?why=ended' : '/console/signin', 303);
    }
    c.set('session', session);
    c.set('w', consoleWords(session.session.lang ?? session.member.lang));
    await next();
  });

  r.post('/logout', async (c) => {
    const s = c.get('session');
    await endSession(core.db, s.session.id, core.clock.now());
    await audit(deps, c, 'console_signed_out', {});
    deleteCookie(c, SESSION_COOKIE, cookieOpts());
    setSecurityHeaders(c);
    return c.redirect('/console/signin?why=out', 303);
  });

  r.post('/lang', async (c) => {
    const body = await c.req.parseBody();
    const lang = body.lang === 'en' ? 'en' : 'vi';
    await setSessionLang(core.db, c.get('session').session.id, lang);
    await audit(deps, c, 'console_language', { lang });
    const to = typeof body.back === 'string' && /^\/console(?:[/?][^\\]*)?$/.test(body.back) && !body.back.startsWith('//') ? body.back : '/console';
    return back(c, to);
  });

  overviewPage(r, deps);
  digestPages(r, deps);
  announcementPages(r, deps);
  briefingPages(r, deps);
  campaignPages(r, deps);
  questionPages(r, deps);
  memberPages(r, deps);
  mcnPages(r, deps);
  auditPage(r, deps);
  return r;
}
