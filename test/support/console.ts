// Console helpers: ask Loa for a sign-in link through the fake Telegram (/web), open it, and keep
// the session cookie, as an official's browser would.
import { tgText, type Harness } from './harness';

/** The last /console/login/<token> link Loa sent to a Telegram chat. */
export function lastLoginLink(h: Harness, chat: number | string): string | null {
  const texts = h.tg.sent(chat).map((p) => String(p.text));
  for (let i = texts.length - 1; i >= 0; i--) {
    const m = /(https?:\/\/\S+\/console\/login\/[A-Za-z0-9_-]+)/.exec(texts[i]!);
    if (m) return m[1]!;
  }
  return null;
}

/** Sends /web from a Telegram user's private chat and returns the link path (`/console/login/...`). */
export async function requestLoginPath(h: Harness, userId: number): Promise<string> {
  await h.telegram(tgText(userId, '/web'));
  await h.settle();
  const link = lastLoginLink(h, userId);
  if (!link) throw new Error('no sign-in link was sent');
  return new URL(link).pathname;
}

/** Opens a path without following redirects. */
export const open = (h: Harness, path: string, init: RequestInit = {}) => fetch(`${h.url}${path}`, { redirect: 'manual', ...init });

/** The session cookie (name=value) from a sign-in response, or null. */
export function sessionCookie(res: Response): string | null {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('loa_console='));
  return set ? set.split(';')[0]! : null;
}

/** Signs in through /web and returns the cookie header value. */
export async function signInOfficial(h: Harness, userId: number): Promise<string> {
  const res = await open(h, await requestLoginPath(h, userId));
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error(`sign-in failed: ${res.status} ${res.headers.get('location')}`);
  return cookie;
}

/** A console POST as a same-origin form would send it. */
export function postForm(h: Harness, path: string, cookie: string, fields: Record<string, string>, origin: string | null = h.url) {
  return open(h, path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}
