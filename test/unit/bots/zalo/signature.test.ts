// The webhook signature against the shared test vectors, with and without the `mac=` prefix, and forged inputs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeZaloSignature, verifyZaloSignature } from '../../../../bots/zalo/signature';

interface Vector {
  app_id: string;
  oa_secret_key: string;
  timestamp: string;
  raw_body: string;
  expected_mac_hex: string;
  header_value_with_prefix: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../fixtures/zalo-signature-vectors.json', import.meta.url), 'utf8'),
) as Vector[];

describe('Zalo webhook signature', () => {
  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors)('computes the expected mac ($timestamp)', async (v) => {
    await expect(computeZaloSignature(v.app_id, v.raw_body, v.timestamp, v.oa_secret_key)).resolves.toBe(v.expected_mac_hex);
  });

  it.each(vectors)('accepts the header with and without mac= ($timestamp)', async (v) => {
    const input = { appId: v.app_id, rawBody: v.raw_body, timestamp: v.timestamp, secret: v.oa_secret_key };
    await expect(verifyZaloSignature({ ...input, header: v.header_value_with_prefix })).resolves.toBe(true);
    await expect(verifyZaloSignature({ ...input, header: v.expected_mac_hex })).resolves.toBe(true);
    await expect(verifyZaloSignature({ ...input, header: v.expected_mac_hex.toUpperCase() })).resolves.toBe(true);
  });

  it('rejects a forged body, a wrong secret, a wrong timestamp and junk headers', async () => {
    const v = vectors[0];
    if (!v) throw new Error('no vector');
    const input = { appId: v.app_id, rawBody: v.raw_body, timestamp: v.timestamp, secret: v.oa_secret_key };
    const header = v.header_value_with_prefix;
    await expect(verifyZaloSignature({ ...input, rawBody: v.raw_body.replace('/dangky', '/dangkx'), header })).resolves.toBe(false);
    await expect(verifyZaloSignature({ ...input, secret: 'another-secret', header })).resolves.toBe(false);
    await expect(verifyZaloSignature({ ...input, timestamp: '1767769325119', header })).resolves.toBe(false);
    // Re-serialised JSON (spaces) is not the raw body Zalo signed.
    const reserialised = JSON.stringify(JSON.parse(v.raw_body), null, 1);
    await expect(verifyZaloSignature({ ...input, rawBody: reserialised, header })).resolves.toBe(false);
    const flipped = v.expected_mac_hex.slice(0, -1) + (v.expected_mac_hex.endsWith('0') ? '1' : '0');
    await expect(verifyZaloSignature({ ...input, header: `mac=${flipped}` })).resolves.toBe(false);
    await expect(verifyZaloSignature({ ...input, header: '' })).resolves.toBe(false);
    await expect(verifyZaloSignature({ ...input, header: undefined })).resolves.toBe(false);
    await expect(verifyZaloSignature({ ...input, header: 'mac=' })).resolves.toBe(false);
    await expect(verifyZaloSignature({ ...input, header: `sha=${v.expected_mac_hex}` })).resolves.toBe(false);
  });

  it('is a plain SHA-256, not an HMAC', async () => {
    // sha256("") is well known; with empty parts the function must give exactly it.
    await expect(computeZaloSignature('', '', '', '')).resolves.toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});
