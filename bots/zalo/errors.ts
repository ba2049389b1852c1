// Typed errors of the Zalo boundary: the API said no (ZaloApiError), the network failed (ZaloHttpError), or we hold no usable token (ZaloAuthError).

// Messages never contain tokens, secrets or personal data; transport errors are rebuilt, never kept as `cause`, because the request carries the access_token header.

/** Zalo answered (usually HTTP 200) with `error != 0` in the body. */
export class ZaloApiError extends Error {
  constructor(
    /** Zalo's error code, e.g. -216 (access token invalid), -230 (outside the 7-day window). */
    readonly code: number,
    /** Zalo's `message` text (describes the request, never contains our token). */
    readonly apiMessage: string,
    /** Path of the endpoint, without query string (e.g. `/v3.0/oa/message/cs`). */
    readonly endpoint: string,
  ) {
    super(`Zalo API ${endpoint} answered error ${code}${apiMessage ? `: ${apiMessage}` : ''}`);
    this.name = 'ZaloApiError';
  }
}

/** The call did not produce a Zalo answer: network error, time-out, non-2xx HTTP status or a body that is not Zalo JSON. */
export class ZaloHttpError extends Error {
  readonly status?: number;
  readonly timedOut: boolean;
  readonly endpoint: string;
  /** Network error code such as ECONNREFUSED, when there was one. */
  readonly networkCode?: string;
  /** From a Retry-After header on 429/503, in ms. */
  readonly retryAfterMs?: number;

  constructor(init: {
    endpoint: string;
    status?: number;
    timedOut?: boolean;
    networkCode?: string;
    retryAfterMs?: number;
    detail?: string;
  }) {
    const what = init.timedOut
      ? 'timed out'
      : init.status !== undefined
        ? `answered HTTP ${init.status}`
        : `failed${init.networkCode ? ` (${init.networkCode})` : ''}`;
    super(`Zalo call ${init.endpoint} ${what}${init.detail ? `: ${init.detail}` : ''}`);
    this.name = 'ZaloHttpError';
    this.endpoint = init.endpoint;
    this.timedOut = init.timedOut ?? false;
    if (init.status !== undefined) this.status = init.status;
    if (init.networkCode !== undefined) this.networkCode = init.networkCode;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * No usable Zalo OAuth token: the refresh token was rejected (it is single-use and a lost one
 * cannot be recovered), or none was ever stored. Only an OA admin granting the app again fixes it.
 */
export class ZaloAuthError extends Error {
  constructor(
    readonly reason: 'refresh_rejected' | 'no_token',
    message: string,
    /** Zalo's error code from the token endpoint, when it gave one (e.g. -14014, -118). */
    readonly code?: number,
  ) {
    super(message);
    this.name = 'ZaloAuthError';
  }
}

/** Codes that mean "this access token is no good": refresh once and retry once. Zalo reports them with either sign. */
const TOKEN_ERROR_CODES = new Set([-216, 216, -220, 220, -401, 401]);

export function isZaloTokenErrorCode(code: number): boolean {
  return TOKEN_ERROR_CODES.has(code);
}

/** True for an error that a token refresh may cure. */
export function isZaloTokenRejection(err: unknown): boolean {
  if (err instanceof ZaloApiError) return isZaloTokenErrorCode(err.code);
  if (err instanceof ZaloHttpError) return err.status === 401;
  return false;
}
