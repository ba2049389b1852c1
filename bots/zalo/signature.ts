// Zalo webhook signature (X-ZEvent-Signature): plain SHA-256, not HMAC, over appId + rawBody + timestamp + OA secret key (zalo-oa.md §7.3).

// WebCrypto only (global crypto.subtle) so the same code runs on Node 20 and Cloudflare Workers.
const encoder = new TextEncoder();

function toHex(buf: ArrayBuffer): string {
  let out = '';
  for (const b of new Uint8Array(buf)) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Lowercase hex SHA-256 of the UTF-8 string `appId + rawBody + timestamp + oaSecretKey`.
 * `rawBody` must be the exact text received (never re-serialised JSON); `timestamp` is the
 * body's `timestamp` string as sent.
 */
export async function computeZaloSignature(
  appId: string,
  rawBody: string,
  timestamp: string,
  oaSecretKey: string,
): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(appId + rawBody + timestamp + oaSecretKey));
  return toHex(digest);
}

/** Compares two strings without an early exit, so the time taken does not reveal how many leading characters matched. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export interface VerifyZaloSignatureInput {
  appId: string;
  rawBody: string;
  timestamp: string;
  /** The OA Secret Key from the app's Webhook page (not the App Secret). */
  secret: string;
  /** The X-ZEvent-Signature header value, with or without the `mac=` prefix. */
  header: string | null | undefined;
}

/** True when the header carries the signature of this body. The `mac=` prefix is optional because sources disagree on it. */
export async function verifyZaloSignature(input: VerifyZaloSignatureInput): Promise<boolean> {
  if (!input.header) return false;
  let given = input.header.trim();
  if (given.slice(0, 4).toLowerCase() === 'mac=') given = given.slice(4).trim();
  given = given.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = await computeZaloSignature(input.appId, input.rawBody, input.timestamp, input.secret);
  return constantTimeEqual(given, expected);
}
