// What every console handler shares: the Hono env type, rendering with the frame and headers,
// redirects with a notice code, and the audit entry of a state change.
import { cleanText } from '../core/text/clean';
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { SessionWithMember } from '../../db/queries/console';
import { insertAudit } from '../../db/queries/console';
import type { AppDeps } from '../http/app-deps';
import { Page, type Notice, type Section } from './layout';
import { setSecurityHeaders } from './security';
import type { ConsoleWords } from './words';

export type ConsoleEnv = { Variables: { session: SessionWithMember; w: ConsoleWords } };
export type CCtx = Context<ConsoleEnv>;

export function render(c: CCtx, title: string, section: Section | undefined, body: Child, opts: { status?: number; notice?: Notice | null } = {}) {
  setSecurityHeaders(c);
  const s = c.get('session');
  const w = c.get('w');
  const viewer = s ? { memberId: s.member.id, name: s.member.fullName ?? `#${s.member.id}` } : undefined;
  return c.html(
    '<!doctype html>' +
      (
        <Page w={w} title={title} section={section} viewer={viewer} here={hereOf(c)} notice={opts.notice ?? null}>
          {body}
        </Page>
      ).toString(),
    (opts.status ?? 200) as 200,
  );
}

/** The page's path and query without notice codes (where the language switch comes back to). */
function hereOf(c: CCtx): string {
  const u = new URL(c.req.url);
  for (const k of ['ok', 'err', 'n']) u.searchParams.delete(k);
  return u.pathname + u.search;
}

/** 303 to a console page, with a notice code (`ok=` / `err=`) the page turns into words. */
export function back(c: CCtx, path: string, notice?: { ok?: string; err?: string; n?: number | string }) {
  const u = new URL(path, 'http://x');
  if (notice?.ok) u.searchParams.set('ok', notice.ok);
  if (notice?.err) u.searchParams.set('err', notice.err);
  if (notice?.n !== undefined) u.searchParams.set('n', String(notice.n));
  setSecurityHeaders(c);
  return c.redirect(u.pathname + u.search, 303);
}

/** Writes the audit entry of a console state change, with the official's member number. */
export async function audit(deps: AppDeps, c: CCtx, action: string, detail: Record<string, unknown>, targetMemberId?: number | null) {
  await insertAudit(deps.core.db, {
    actorMemberId: c.get('session').member.id,
    action,
    detail: { ...detail, via: 'console' },
    at: deps.core.clock.now(),
    targetMemberId: targetMemberId ?? null,
  });
}

/** A form field as a trimmed, cleaned string ('' when missing or a file): the console's input boundary (cleanText). */
export function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? cleanText(v).trim() : '';
}

const NOTICES: Record<string, (w: ConsoleWords, n: string) => string> = {
  saved: (w) => w.done,
  duplicate: (w) => w.dgDuplicate,
  bad_url: (w) => w.dgBadUrl,
  bad_title: (w) => w.dgBadTitle,
  reorder: (w) => w.dgReorderFailed,
  empty: (w) => w.dgEmpty,
  queued: (w, n) => {
    const [q = '0', s = '0', a = '0'] = n.split('-');
    return w.dgQueued(Number(q), Number(s), Number(a));
  },
  need_text: (w) => w.anNeedText,
  need_mcn: (w) => w.anNeedMcn,
  expired: (w) => w.anExpired,
  sent: (w, n) => w.anSent(Number(n)),
  cancelled: (w, n) => w.brCancelled(Number(n)),
};

/** The notice a redirect asked for (`?ok=` / `?err=` codes; never text from the URL). */
export function noticeOf(c: CCtx): Notice | null {
  const w = c.get('w');
  const n = c.req.query('n') ?? '0';
  const ok = c.req.query('ok');
  const err = c.req.query('err');
  if (ok && NOTICES[ok]) return { kind: 'ok', text: NOTICES[ok](w, n) };
  if (err) {
    const brErr = w.brErrors[err] ?? w.brCancelErrors[err];
    if (brErr) return { kind: 'err', text: brErr };
    if (NOTICES[err]) return { kind: 'err', text: NOTICES[err](w, n) };
  }
  return null;
}
