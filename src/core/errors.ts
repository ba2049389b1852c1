// Typed errors of the core. HTTP maps AppError codes to statuses in one place (src/http/errors.ts).

export type AppErrorCode =
  | 'validation_error'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'bad_request'
  | 'internal_error';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * How a platform send failed, as the outbox dispatcher needs to know it.
 * - `retry`: transient (429, 5xx, time-out, Zalo -32): try again later, after `retryAfterMs` if given.
 * - `permanent`: this recipient will never get this message (blocked, not a follower...): record `reason`.
 * - `skipped`: not sent on purpose (e.g. `zalo_outside_window`); recorded as skipped, never retried.
 * `recipientGone`: the person closed the chat to us (blocked the bot): their own chat stops
 * getting pushes, as after an unfollow.
 */
export class DeliveryError extends Error {
  constructor(
    readonly kind: 'retry' | 'permanent' | 'skipped',
    readonly reason: string,
    readonly retryAfterMs?: number,
    readonly recipientGone = false,
  ) {
    super(`${kind}: ${reason}`);
    this.name = 'DeliveryError';
  }
}
