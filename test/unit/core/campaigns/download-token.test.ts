// Signed, expiring download tokens (HMAC-SHA-256 with WebCrypto).
import { describe, expect, it } from 'vitest';
import { downloadSecret, downloadUrl, signDownloadToken, verifyDownloadToken } from '../../../../src/core/use-cases/download-token';

const SECRET = 'download-secret-0123456789';
const now = new Date('2026-11-21T01:00:00Z');
const later = new Date('2026-11-22T01:00:00Z');

describe('download tokens', () => {
  it('verifies its own token and returns the campaign id', async () => {
    const token = await signDownloadToken(SECRET, 12, later);
    expect(token).toMatch(/^12\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyDownloadToken(SECRET, token, now)).toEqual({ ok: true, campaignId: 12, expiresAt: later });
  });

  it('rejects a tampered id, expiry or signature, another secret and junk', async () => {
    const token = await signDownloadToken(SECRET, 12, later);
    const [id, exp, sig] = token.split('.') as [string, string, string];
    const flip = sig[0] === 'A' ? 'B' : 'A';
    for (const bad of [`13.${exp}.${sig}`, `${id}.${Number(exp) + 1}.${sig}`, `${id}.${exp}.${flip}${sig.slice(1)}`, `${id}.${exp}`, '', 'a.b.c', `${token}x`]) {
      expect(await verifyDownloadToken(SECRET, bad, now), bad).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await verifyDownloadToken('another-secret-0123456789', token, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('expires at its expiry time', async () => {
    const token = await signDownloadToken(SECRET, 12, later);
    expect((await verifyDownloadToken(SECRET, token, new Date(later.getTime() - 1000))).ok).toBe(true);
    expect(await verifyDownloadToken(SECRET, token, later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('uses DOWNLOAD_SECRET, else ADMIN_TOKEN; no URL without PUBLIC_URL or a secret', async () => {
    expect(downloadSecret({ ADMIN_TOKEN: 'admin-token-0123456789', DOWNLOAD_SECRET: SECRET })).toBe(SECRET);
    expect(downloadSecret({ ADMIN_TOKEN: 'admin-token-0123456789', DOWNLOAD_SECRET: undefined })).toBe('admin-token-0123456789');
    expect(downloadSecret({ ADMIN_TOKEN: undefined, DOWNLOAD_SECRET: undefined })).toBeNull();
    const env = { ADMIN_TOKEN: 'admin-token-0123456789', DOWNLOAD_SECRET: undefined, PUBLIC_URL: 'https://loa.example.vn/' };
    const url = await downloadUrl(env, 3, 'chien-dich-3.csv', later);
    expect(url).toMatch(/^https:\/\/loa\.example\.vn\/downloads\/3\.\d+\.[A-Za-z0-9_-]{43}\/chien-dich-3\.csv$/);
    expect(await downloadUrl({ ...env, PUBLIC_URL: undefined }, 3, 'x.csv', later)).toBeNull();
    expect(await downloadUrl({ ...env, ADMIN_TOKEN: undefined }, 3, 'x.csv', later)).toBeNull();
  });
});
