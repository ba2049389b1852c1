// Zalo OAuth v4 token refresh and rotation for one OA: single-flight in this process and, through a lease in the token store, across processes; persist-before-use; recover from a rotation by another process.
import type { HttpTransport } from '../http/transport';
import type { TokenPair, TokenStore } from '../../src/core/outbox/sender-port';
import { ZaloAuthError, ZaloHttpError } from './errors';
import { readZaloErrorCode, readZaloMessage, zaloHttp } from './http';

/** The scheduled job refreshes this long before expiry (access tokens live 25 h). */
export const ZALO_PROACTIVE_REFRESH_MARGIN_MS = 60 * 60 * 1000;

const TOKEN_PATH = '/v4/oa/access_token';

export const ZALO_REFRESH_REJECTED_MESSAGE = 'Zalo refresh token rejected: an OA admin must grant the app again';

export interface ZaloRefreshedTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds; Zalo sends it as a string ("90000"). */
  expiresInSec: number;
}

export interface ZaloRefreshRequest {
  oauthRoot: string;
  appId: string;
  appSecret: string;
  refreshToken: string;
  timeoutMs: number;
}

function readString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' && v ? v : undefined;
}

/**
 * One call to the token endpoint. Throws ZaloAuthError('refresh_rejected') when Zalo answers
 * without a new pair (bad, used or expired refresh token; 4xx), ZaloHttpError when the call
 * itself failed (network, time-out, 429, 5xx: the token may still be good).
 */
export async function requestZaloTokenRefresh(http: HttpTransport, req: ZaloRefreshRequest): Promise<ZaloRefreshedTokens> {
  const form = new URLSearchParams({
    app_id: req.appId,
    refresh_token: req.refreshToken,
    grant_type: 'refresh_token',
  });
  let res;
  try {
    res = await zaloHttp(http, {
      method: 'POST',
      url: `${req.oauthRoot}${TOKEN_PATH}`,
      endpoint: TOKEN_PATH,
      // The App Secret goes in this header, not in the body and not as Basic auth (zalo-oa.md §2).
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: req.appSecret },
      data: form.toString(),
      timeoutMs: req.timeoutMs,
    });
  } catch (err) {
    // A 4xx other than 429 is Zalo refusing the grant; everything else is transient.
    if (err instanceof ZaloHttpError && err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 429) {
      throw new ZaloAuthError('refresh_rejected', `${ZALO_REFRESH_REJECTED_MESSAGE} (HTTP ${err.status})`);
    }
    throw err;
  }
  const body = res.data;
  if (!body || typeof body !== 'object') {
    throw new ZaloHttpError({ endpoint: TOKEN_PATH, status: res.status, detail: 'answer is not JSON' });
  }
  const rec = body as Record<string, unknown>;
  const accessToken = readString(rec, 'access_token');
  const refreshToken = readString(rec, 'refresh_token');
  const expiresInSec = Number(rec.expires_in);
  if (!accessToken || !refreshToken) {
    const code = readZaloErrorCode(body);
    const why = readZaloMessage(body);
    throw new ZaloAuthError(
      'refresh_rejected',
      `${ZALO_REFRESH_REJECTED_MESSAGE} (error ${code ?? 'unknown'}${why ? `: ${why}` : ''})`,
      code,
    );
  }
  // 90000 s (25 h) is the documented lifetime; fall back to it rather than storing a NaN expiry.
  return { accessToken, refreshToken, expiresInSec: Number.isFinite(expiresInSec) && expiresInSec > 0 ? expiresInSec : 90_000 };
}

export interface ZaloRefreshOutcome {
  /** True when this call rotated the pair (false: the stored one was still good, or another process had rotated it). */
  refreshed: boolean;
  expiresAt: Date;
}

export interface ZaloTokenManagerOptions {
  oauthRoot: string;
  appId: string;
  appSecret: string;
  tokens: TokenStore;
  http: HttpTransport;
  timeoutMs: number;
  /** Used only when the store is empty (first start, from ZALO_REFRESH_TOKEN). */
  initialRefreshToken?: string;
  now: () => Date;
  /** Lines without tokens: who waits for whose refresh. */
  log?: (msg: string, fields?: Record<string, string | number>) => void;
  /** How long a refresh lease is held before another process may take it (default time-out + 10 s). */
  leaseMs?: number;
  /** How often a process waiting for another's refresh re-reads the store (default 50 ms). */
  pollMs?: number;
}

/** Logged by a process that waits for another process's refresh (the lease is taken). */
export const ZALO_REFRESH_WAIT_LOG = 'zalo token refresh: another process holds the lease, waiting for its pair';

export interface ZaloTokenManager {
  /** A token believed valid: the stored one, or a fresh one when none is stored or it has expired. */
  getAccessToken(): Promise<string>;
  /** Zalo rejected `rejected` (-216/-220...): rotate unless someone already did, and return the new token. */
  refreshAfterRejection(rejected: string): Promise<string>;
  /** For the scheduled job: rotate when the stored token expires within `marginMs` (default 1 h). */
  refreshIfExpiringSoon(now: Date, marginMs?: number): Promise<ZaloRefreshOutcome>;
  /** For the operator script: rotate now. */
  forceRefresh(): Promise<ZaloRefreshOutcome>;
}

interface FlightResult {
  pair: TokenPair;
  refreshed: boolean;
}

// Zalo refresh tokens are single-use: a refresh whose new pair is not saved loses the OA until an admin grants the app again.
export function createZaloTokenManager(opts: ZaloTokenManagerOptions): ZaloTokenManager {
  const { tokens } = opts;
  // Single flight per manager: concurrent callers share one refresh, because a second refresh
  // with the same single-use refresh token would be rejected and could strand the OA.
  let inflight: Promise<FlightResult> | null = null;
  // A broadcast sends hundreds of messages a second: keep the stored token in memory for a few
  // seconds instead of reading the database before every send. A rotation by another process is
  // still seen within that time, and a rejected token goes through refreshAfterRejection anyway.
  let cached: { token: string; until: number } | null = null;
  const CACHE_MS = 5_000;
  // Across processes: the refresh runs only under the store's lease (one conditional statement in
  // the database), so two servers or two Workers isolates never spend the same refresh token.
  const owner = `zalo:${crypto.randomUUID()}`;
  const leaseMs = opts.leaseMs ?? opts.timeoutMs + 10_000;
  const pollMs = opts.pollMs ?? 50;

  async function rotate(refreshToken: string): Promise<FlightResult> {
    let fresh: ZaloRefreshedTokens;
    try {
      fresh = await requestZaloTokenRefresh(opts.http, {
        oauthRoot: opts.oauthRoot,
        appId: opts.appId,
        appSecret: opts.appSecret,
        refreshToken,
        timeoutMs: opts.timeoutMs,
      });
    } catch (err) {
      // Another process (a second server, the operator script) may have rotated the pair
      // between our load and our call: its pair in the store is then the good one.
      const again = await tokens.load();
      if (again && again.refreshToken !== refreshToken) return { pair: again, refreshed: false };
      throw err;
    }
    const at = opts.now();
    const pair: TokenPair = {
      accessToken: fresh.accessToken,
      refreshToken: fresh.refreshToken,
      expiresAt: new Date(at.getTime() + fresh.expiresInSec * 1000),
      updatedAt: at,
    };
    // Durable before anyone uses it: the old refresh token is already dead at Zalo.
    await tokens.save(pair);
    cached = null; // the new access token replaces the old one at once
    return { pair, refreshed: true };
  }

  /**
   * The refresh itself, under the store's lease when it has one. The winner of the lease rotates
   * and saves the pair; a loser re-reads the store until the pair changes (the winner saved it),
   * and takes the lease itself once the winner's has expired (it died mid-refresh).
   */
  async function refreshUnderLease(skip: (stored: TokenPair) => boolean): Promise<FlightResult> {
    const stored = await tokens.load();
    if (stored && skip(stored)) return { pair: stored, refreshed: false };
    if (!tokens.tryLease) return rotate(refreshTokenOf(stored));
    const seen = stored?.refreshToken;
    // Bounded in real time as well, so a frozen clock or a stuck lease ends in a transient error
    // (the outbox retries the send later) rather than a send that never returns.
    const giveUpAt = Date.now() + leaseMs + pollMs * 4;
    let waited = false;
    for (;;) {
      const now = opts.now();
      if (await tokens.tryLease(owner, now, new Date(now.getTime() + leaseMs))) {
        try {
          // Another process may have rotated between our read and our lease: its pair is good.
          const current = await tokens.load();
          if (current && (current.refreshToken !== seen || skip(current))) return { pair: current, refreshed: false };
          return await rotate(refreshTokenOf(current));
        } finally {
          await tokens.releaseLease?.(owner);
        }
      }
      if (!waited) {
        waited = true;
        opts.log?.(ZALO_REFRESH_WAIT_LOG);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      const current = await tokens.load();
      if (current && current.refreshToken !== seen) return { pair: current, refreshed: false };
      if (Date.now() > giveUpAt) {
        throw new ZaloHttpError({ endpoint: TOKEN_PATH, detail: 'another process is refreshing the token' });
      }
    }
  }

  function refreshTokenOf(stored: TokenPair | null): string {
    const refreshToken = stored?.refreshToken ?? opts.initialRefreshToken;
    if (!refreshToken) {
      throw new ZaloAuthError(
        'no_token',
        'no Zalo token is stored and ZALO_REFRESH_TOKEN is not set: set it to the refresh token of an OA admin’s grant of the app (Zalo for Developers, Official Account, access token)',
      );
    }
    return refreshToken;
  }

  /** Runs (or joins) this process's one refresh; `skip` lets a caller accept a stored pair that is already good. */
  function singleFlight(skip: (stored: TokenPair) => boolean): Promise<FlightResult> {
    if (inflight) return inflight;
    const flight = refreshUnderLease(skip);
    inflight = flight;
    const clear = (): void => {
      if (inflight === flight) inflight = null;
    };
    flight.then(clear, clear);
    return flight;
  }

  const notExpired = (pair: TokenPair): boolean => pair.expiresAt.getTime() > opts.now().getTime();

  return {
    async getAccessToken() {
      const nowMs = opts.now().getTime();
      if (cached && cached.until > nowMs) return cached.token;
      const stored = await tokens.load();
      const pair = stored && notExpired(stored) ? stored : (await singleFlight(notExpired)).pair;
      cached = { token: pair.accessToken, until: Math.min(nowMs + CACHE_MS, pair.expiresAt.getTime()) };
      return pair.accessToken;
    },

    async refreshAfterRejection(rejected) {
      cached = null;
      // If the stored token already differs, someone refreshed after our call started: use theirs.
      const changed = (stored: TokenPair): boolean => stored.accessToken !== rejected;
      let { pair } = await singleFlight(changed);
      // We may have joined a flight started for another reason (the scheduled job) that kept the
      // rejected token; the flight has ended by now, so this starts a real one.
      if (pair.accessToken === rejected) ({ pair } = await singleFlight(changed));
      return pair.accessToken;
    },

    async refreshIfExpiringSoon(now, marginMs = ZALO_PROACTIVE_REFRESH_MARGIN_MS) {
      const fresh = (pair: TokenPair): boolean => pair.expiresAt.getTime() - now.getTime() > marginMs;
      const stored = await tokens.load();
      if (stored && fresh(stored)) return { refreshed: false, expiresAt: stored.expiresAt };
      const { pair, refreshed } = await singleFlight(fresh);
      return { refreshed, expiresAt: pair.expiresAt };
    },

    async forceRefresh() {
      const { pair, refreshed } = await singleFlight(() => false);
      return { refreshed, expiresAt: pair.expiresAt };
    },
  };
}
