// Per-platform pacing: a global rate (Telegram ~30/s, Zalo configurable) and a minimum gap per
// chat (Telegram 1/s per chat). Slots are reserved up front, so concurrent senders never burst.
// Time comes from the injected clock: in tests a test clock moves forward instead of waiting.
import { sleepOn, systemClock, type Clock } from '../types';

export interface RateLimiterOptions {
  /** Messages per second for the whole platform. */
  perSecond: number;
  /** Minimum milliseconds between two messages to the same chat (0 = none). */
  perChatGapMs: number;
}

export class RateLimiter {
  private nextGlobalAt = 0;
  private readonly nextChatAt = new Map<string, number>();
  private pausedUntil = 0;
  private readonly intervalMs: number;

  constructor(
    private readonly opts: RateLimiterOptions,
    private readonly clock: Clock = systemClock,
  ) {
    this.intervalMs = 1000 / opts.perSecond;
  }

  get perChatGapMs(): number {
    return this.opts.perChatGapMs;
  }

  /** When this chat may get its next message (clock ms; 0 = now). */
  chatFreeAt(chatId: string): number {
    return Math.max(this.opts.perChatGapMs > 0 ? (this.nextChatAt.get(chatId) ?? 0) : 0, this.pausedUntil);
  }

  /**
   * Reserve the next slot for a chat and wait for it. `beforeWait` hears how long (clock ms) the
   * wait will be, before it starts (the dispatcher writes its pending outcomes first).
   */
  async acquire(chatId: string, beforeWait?: (ms: number) => Promise<void> | void): Promise<void> {
    const now = this.clock.now().getTime();
    const chatAt = this.opts.perChatGapMs > 0 ? (this.nextChatAt.get(chatId) ?? 0) : 0;
    const at = Math.max(now, this.nextGlobalAt, chatAt, this.pausedUntil);
    this.nextGlobalAt = at + this.intervalMs;
    if (this.opts.perChatGapMs > 0) this.nextChatAt.set(chatId, at + this.opts.perChatGapMs);
    if (this.nextChatAt.size > 50_000) this.forgetOldChats(now);
    const wait = at - now;
    if (wait > 0) {
      await beforeWait?.(wait);
      await sleepOn(this.clock, wait);
    }
  }

  /**
   * Chats still inside their per-chat gap at `now` (clock ms), with the time each becomes free:
   * the dispatcher does not claim rows for them yet (a claim never waits on one chat).
   */
  busyChats(now: number): Map<string, number> {
    const busy = new Map<string, number>();
    if (this.opts.perChatGapMs <= 0) return busy;
    for (const [chat, at] of this.nextChatAt) {
      if (at > now) busy.set(chat, at);
      else this.nextChatAt.delete(chat); // free again: nothing to remember
    }
    return busy;
  }

  /** The platform said "too many requests": nobody sends before `untilMs` (clock ms). */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  private forgetOldChats(now: number) {
    for (const [chat, at] of this.nextChatAt) if (at < now) this.nextChatAt.delete(chat);
  }
}
