// Console sign-in without a password (SPEC §7): /web gives a single-use link valid 10 minutes;
// opening it creates a session (12 h idle, 7 days in all). Only SHA-256 hashes of the secrets are
// stored (Web Crypto, so this runs on Workers as well as Node).
import {
  consumeLoginToken,
  endSession,
  findSession,
  insertLoginTokenQuery,
  insertSession,
  touchSession,
  type SessionWithMember,
} from '../../db/queries/console';
import type { Db } from '../../db/client';
import type { Env } from '../config/env';

export const LOGIN_TOKEN_TTL_MS = 10 * 60_000;
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_MAX_MS = 7 * 24 * 3600_000;
/** lastSeenAt is written at most this often (a page view is not worth a write each time). */
const TOUCH_EVERY_MS = 60_000;

/** 32 random bytes, base64url (43 characters). */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** PUBLIC_URL without a trailing slash, or http://localhost:<PORT>. */
export function publicBaseUrl(env: Pick<Env, 'PUBLIC_URL' | 'PORT'>): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

/** Whether cookies must be Secure (PUBLIC_URL is https). */
export const secureCookies = (env: Pick<Env, 'PUBLIC_URL'>) => Boolean(env.PUBLIC_URL?.startsWith('https:'));

/** A new sign-in link: the write to add to the event's batch and the URL to send. */
export async function newLoginLink(db: Db, env: Pick<Env, 'PUBLIC_URL' | 'PORT'>, memberId: number, now: Date) {
  const token = randomToken();
  const write = insertLoginTokenQuery(db, {
    memberId,
    tokenHash: await sha256Hex(`login:${token}`),
    now,
    expiresAt: new Date(now.getTime() + LOGIN_TOKEN_TTL_MS),
  });
  return { write, url: `${publicBaseUrl(env)}/console/login/${token}`, expiresAt: new Date(now.getTime() + LOGIN_TOKEN_TTL_MS) };
}

/** Uses a sign-in token: a new session's cookie value, or null (unknown, used, expired, not an official). */
export async function signIn(db: Db, token: string, now: Date): Promise<{ cookie: string; memberId: number } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const memberId = await consumeLoginToken(db, await sha256Hex(`login:${token}`), now);
  if (memberId == null) return null;
  const cookie = randomToken();
  await insertSession(db, { memberId, tokenHash: await sha256Hex(`session:${cookie}`), now, expiresAt: new Date(now.getTime() + SESSION_MAX_MS) });
  // The member is checked like on every request: a link given before a demotion does not sign in.
  const s = await loadSession(db, cookie, now);
  if (!s) return null;
  return { cookie, memberId };
}

/**
 * The session behind a cookie if it is still valid now: not ended, not idle for 12 h, not older
 * than 7 days, and its member is still an official who is not deleted (checked on every request).
 */
export async function loadSession(db: Db, cookie: string | undefined, now: Date): Promise<SessionWithMember | null> {
  if (!cookie || !/^[A-Za-z0-9_-]{20,100}$/.test(cookie)) return null;
  const found = await findSession(db, await sha256Hex(`session:${cookie}`));
  if (!found) return null;
  const { session, member } = found;
  const t = now.getTime();
  if (session.endedAt) return null;
  if (session.expiresAt.getTime() <= t || session.lastSeenAt.getTime() + SESSION_IDLE_MS <= t) return null;
  if (member.role !== 'official' || member.status === 'deleted') {
    await endSession(db, session.id, now);
    return null;
  }
  if (t - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await touchSession(db, session.id, now);
  return found;
}
