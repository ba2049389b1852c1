// Signed, expiring download links for campaign exports (GET /downloads/<token>/<file>), made with
// WebCrypto (runs on Node and Workers). token = <campaign id>.<expiry, epoch s>.<HMAC-SHA-256,
// base64url> over "loa-download:v1:<id>:<expiry>". The HMAC key is derived from DOWNLOAD_SECRET,
// or from ADMIN_TOKEN when that is unset, so the raw admin token never signs anything itself.
import type { Env } from '../../config/env';

export const DOWNLOAD_TTL_MS = 24 * 3600_000;

const enc = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/** The secret downloads are signed with, or null when the server has none (exports disabled). */
export function downloadSecret(env: Pick<Env, 'ADMIN_TOKEN' | 'DOWNLOAD_SECRET'>): string | null {
  return env.DOWNLOAD_SECRET ?? env.ADMIN_TOKEN ?? null;
}

function signingKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = (async () => {
      const base = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const derived = await crypto.subtle.sign('HMAC', base, enc.encode('loa/download-key/v1'));
      return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    })();
    keys.set(secret, key);
  }
  return key;
}

const payload = (campaignId: number, exp: number) => enc.encode(`loa-download:v1:${campaignId}:${exp}`);

function toBase64Url(bytes: ArrayBuffer): string {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export async function signDownloadToken(secret: string, campaignId: number, expiresAt: Date): Promise<string> {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const sig = await crypto.subtle.sign('HMAC', await signingKey(secret), payload(campaignId, exp));
  return `${campaignId}.${exp}.${toBase64Url(sig)}`;
}

export type VerifiedToken = { ok: true; campaignId: number; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks the signature (constant time, by WebCrypto) first, then the expiry. */
export async function verifyDownloadToken(secret: string, token: string, now: Date): Promise<VerifiedToken> {
  const m = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return { ok: false, reason: 'invalid' };
  const campaignId = Number(m[1]);
  const exp = Number(m[2]);
  const sig = fromBase64Url(m[3]!);
  if (!sig || sig.length !== 32) return { ok: false, reason: 'invalid' };
  const good = await crypto.subtle.verify('HMAC', await signingKey(secret), sig, payload(campaignId, exp));
  if (!good) return { ok: false, reason: 'invalid' };
  if (exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, campaignId, expiresAt: new Date(exp * 1000) };
}

/** PUBLIC_URL + /downloads/<token>/<filename>, or null when PUBLIC_URL or a secret is missing. */
export async function downloadUrl(
  env: Pick<Env, 'ADMIN_TOKEN' | 'DOWNLOAD_SECRET' | 'PUBLIC_URL'>,
  campaignId: number,
  filename: string,
  expiresAt: Date,
): Promise<string | null> {
  const secret = downloadSecret(env);
  if (!env.PUBLIC_URL || !secret) return null;
  const token = await signDownloadToken(secret, campaignId, expiresAt);
  return `${env.PUBLIC_URL.replace(/\/+$/, '')}/downloads/${token}/${encodeURIComponent(filename)}`;
}
