// The port every platform sender implements; the dispatcher only knows this interface.
import type { OutboundMessage, Platform } from '../types';

/** One API call's worth of a message, already formatted for the platform. */
export type RenderedPart = Record<string, unknown>;

export interface SendResult {
  /** The platform's message id, when it returns one. */
  messageId?: string;
}

/**
 * A platform sender. `render` is pure and splits a message into parts within the platform's
 * size limit (Telegram 4,096, Zalo 2,000 characters) on line or sentence boundaries;
 * `sendPart` makes one API call and throws a `DeliveryError` (core/errors) on failure.
 */
export interface PlatformSender {
  readonly platform: Platform;
  render(message: OutboundMessage): RenderedPart[];
  sendPart(chatId: string, part: RenderedPart): Promise<SendResult>;
  /** Acknowledge a Telegram inline-button press (optional; no-op elsewhere). */
  answerCallback?(callbackId: string, text?: string): Promise<void>;
}

/** Where the Zalo OAuth pair lives (the platform_tokens table in production). */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires. */
  expiresAt: Date;
  updatedAt: Date;
}

export interface TokenStore {
  load(): Promise<TokenPair | null>;
  /** Must be durable before it resolves: Zalo refresh tokens are single-use. */
  save(pair: TokenPair): Promise<void>;
  /**
   * The refresh lease shared by every process on the store (absent: one process only, e.g. tests
   * with an in-memory store). Taken only when free or expired at `now`, in one conditional
   * statement; true when `owner` holds it until `until`.
   */
  tryLease?(owner: string, now: Date, until: Date): Promise<boolean>;
  /** Gives the lease back if `owner` still holds it. */
  releaseLease?(owner: string): Promise<void>;
}
