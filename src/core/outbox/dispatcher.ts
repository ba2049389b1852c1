// The outbox dispatcher: claims due rows with a lease, sends them through the platform sender
// at the platform's pace, and records each outcome. No transaction is held across a send.
import type { Db } from '../../../db/client';
import {
  ALL_PRIORITIES,
  claimDueRows,
  type OutboxPriority,
  dueRowsIn,
  nextChatFreeAt,
  identityStates,
  recordOutcomes,
  type ClaimedRow,
  type OutboxOutcome,
} from '../../../db/queries/outbox';
import { DeliveryError } from '../errors';
import { queueBacklog } from '../../../db/queries/outbox-backlog';
import type { Logger } from '../logger';
import { errorFields } from '../logger';
import type { Metrics } from '../metrics';
import { sleepOn, type Clock, type OutboundMessage, type Platform } from '../types';
import { RateLimiter, type RateLimiterOptions } from './rate-limiter';
import { backoffMs, MAX_SEND_ATTEMPTS } from './retry-policy';
import type { PlatformSender, RenderedPart } from './sender-port';
import { isInsideZaloWindow, ZALO_OUTSIDE_WINDOW } from './zalo-window';

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  senders: Partial<Record<Platform, PlatformSender>>;
  rates: Record<Platform, RateLimiterOptions>;
  /** How long a claimed row stays ours before another dispatcher may take it (default 60 s). */
  leaseMs?: number;
  /** Rows claimed per statement at most (default 500). */
  batchSize?: number;
  /**
   * A claim holds about this much sending at the platform's rate (default 1000 ms): a reply
   * queued while a claim is being sent waits for the next claim, so at most about this long.
   */
  claimSpanMs?: number;
  /** Chats served at the same time per platform (default 64). */
  concurrency?: number;
  random?: () => number;
  /** This process (or isolate); each claim's lease owner is `<instanceId>:<claim number>`. */
  instanceId?: string;
  /** An outcome is written at most this long (clock ms) after its send (default 200). */
  flushMs?: number;
  metrics?: Metrics;
}

/** A batch at least this big is part of a fan-out: it gets an info progress line (else debug). */
export const PROGRESS_BATCH_MIN = 100;
/** A fan-out's progress line counts what is left at most this often (on the clock), and at its end. */
export const PROGRESS_COUNT_MS = 5000;

export interface DispatchStats {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Outcomes not recorded because the claim had lost its rows (lease expired, another took them). */
  lost: number;
  /**
   * Nothing was claimed although rows are due, all to chats inside their per-chat gap: the first
   * of those chats is free in this many clock ms (0 = nothing waiting).
   */
  waitMs: number;
}

const emptyStats = (): DispatchStats => ({ claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, lost: 0, waitMs: 0 });

export interface Dispatcher {
  /** Claim and send one batch per platform (only rows of `priorities`, default all). */
  runOnce(priorities?: readonly OutboxPriority[]): Promise<DispatchStats>;
  /**
   * Run batches until nothing is due (tests, Worker ticks), waiting (on the clock) for chats inside
   * their per-chat gap. Stops after `maxMs` of wall time. `priorities` narrows what is sent, e.g.
   * REPLY_PRIORITIES: answers to people only, broadcasts left for later.
   */
  drain(maxMs?: number, priorities?: readonly OutboxPriority[]): Promise<DispatchStats>;
  /** Keep sending in the background until stop(); `kick` wakes it when rows were just queued. */
  start(): void;
  kick(): void;
  stop(): Promise<void>;
  readonly limiters: Record<Platform, RateLimiter>;
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const leaseMs = opts.leaseMs ?? 60_000;
  const batchSize = opts.batchSize ?? 500;
  const claimSpanMs = opts.claimSpanMs ?? 1000;
  const concurrency = opts.concurrency ?? 64;
  const random = opts.random ?? Math.random;
  const flushMs = opts.flushMs ?? 200;
  const instanceId = opts.instanceId ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let claims = 0;
  const limiters: Record<Platform, RateLimiter> = {
    telegram: new RateLimiter(opts.rates.telegram, opts.clock),
    zalo: new RateLimiter(opts.rates.zalo, opts.clock),
  };
  const platforms = (Object.keys(opts.senders) as Platform[]).filter((p) => opts.senders[p]);

  async function runPlatformOnce(platform: Platform, priorities: readonly OutboxPriority[] = ALL_PRIORITIES): Promise<DispatchStats> {
    const started = Date.now();
    const stats = await sendBatch(platform, priorities);
    if (stats.claimed > 0) await logBatch(platform, stats, Date.now() - started);
    return stats;
  }

  /** Rows one claim takes: no more than can be sent well inside the lease, about claimSpanMs of sending. */
  const claimLimit = (platform: Platform) => {
    const rate = opts.rates[platform].perSecond;
    return Math.max(1, Math.min(batchSize, Math.floor((rate * leaseMs) / 2000), Math.ceil((rate * claimSpanMs) / 1000)));
  };
  /** When `left` was last counted, per platform (on the clock). */
  const countedAt: Partial<Record<Platform, number>> = {};

  /**
   * One line per batch: info with what is left for a fan-out's batches, debug for small ones.
   * `left` counts every due row of the platform (a range of the claim index): with a million
   * queued that count held the event loop tens of ms per batch, two batches a second per
   * platform, and the send rate fell. So it is counted at most every PROGRESS_COUNT_MS, and at a
   * batch that took fewer rows than a claim may (the queue is running out: the last line says 0).
   */
  async function logBatch(platform: Platform, s: DispatchStats, ms: number) {
    const fields = { platform, claimed: s.claimed, sent: s.sent, retried: s.retried, failed: s.failed, skipped: s.skipped, ms };
    if (s.claimed < PROGRESS_BATCH_MIN) return opts.log.debug('outbox batch', fields);
    const wall = opts.clock.now().getTime();
    if (s.claimed >= claimLimit(platform) && wall - (countedAt[platform] ?? -Infinity) < PROGRESS_COUNT_MS) return opts.log.info('outbox progress', fields);
    countedAt[platform] = wall;
    try {
      const left = await queueBacklog(opts.db, opts.clock.now(), [platform]);
      opts.log.info('outbox progress', { ...fields, left: left.due });
    } catch {
      opts.log.info('outbox progress', fields);
    }
  }

  async function sendBatch(platform: Platform, priorities: readonly OutboxPriority[]): Promise<DispatchStats> {
    const sender = opts.senders[platform]!;
    const stats = emptyStats();
    const now = opts.clock.now();
    // Claim no more than can be sent well inside the lease at this platform's pace, and about
    // claimSpanMs of sending: the next claim (with whatever reply was queued meanwhile) follows soon.
    const limit = claimLimit(platform);
    // Each claim is its own owner: a late outcome of an earlier claim of this process is refused too.
    const owner = `${instanceId}:${++claims}`;
    // Fairness (SPEC §4): one row per chat per claim, none for a chat still inside its per-chat gap
    // or being sent to by another claim; answers to a person first.
    const busy = limiters[platform].busyChats(now.getTime());
    const rows = await claimDueRows(opts.db, now, new Date(now.getTime() + leaseMs), limit, platform, owner, [...busy.keys()], limiters[platform].perChatGapMs, priorities);
    stats.claimed = rows.length;
    if (rows.length === 0) {
      // Rows due only to chats inside their gap (sent to by another process, as the database
      // says, or by this one, as its limiter says: a deletion may have removed the sent row):
      // when the first is free.
      let freeAt = (await nextChatFreeAt(opts.db, platform, now, limiters[platform].perChatGapMs, priorities)) ?? Infinity;
      let ownFirst = Infinity;
      for (const at of busy.values()) ownFirst = Math.min(ownFirst, at);
      if (ownFirst < freeAt && (await dueRowsIn(opts.db, platform, [...busy.keys()], now, priorities))) freeAt = ownFirst;
      if (freeAt !== Infinity) stats.waitMs = Math.max(1, freeAt - now.getTime());
      return stats;
    }

    const states =
      platform === 'zalo'
        ? await identityStates(opts.db, [...new Set(rows.map((r) => r.identityId).filter((x): x is number => x != null))])
        : new Map();

    // Rows to one chat go in order, one at a time; different chats in parallel.
    const byChat = new Map<string, ClaimedRow[]>();
    for (const r of rows) {
      const list = byChat.get(r.chatId);
      if (list) list.push(r);
      else byChat.set(r.chatId, [r]);
    }
    // Outcomes are written by time, not by count: at most flushMs after the first one waiting, so a
    // process killed mid-broadcast leaves only the sends in flight and flushMs of outcomes unrecorded.
    const pending: OutboxOutcome[] = [];
    let firstPendingAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let flushing: Promise<void> = Promise.resolve();
    const flush = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const batch = pending.splice(0, pending.length);
      if (batch.length) {
        flushing = flushing.then(async () => {
          const r = await recordOutcomes(opts.db, batch, owner);
          if (r.ignored > 0) {
            stats.lost += r.ignored;
            opts.log.warn('outbox outcomes ignored: lease lost', { platform, ignored: r.ignored, accepted: r.accepted });
          }
        });
      }
      return flushing;
    };
    const nowMs = () => opts.clock.now().getTime();
    // A send that hangs on the network records nothing meanwhile: a timer looks at the clock again.
    const check = () => {
      timer = undefined;
      if (pending.length === 0) return;
      const age = nowMs() - firstPendingAt;
      if (age >= flushMs) void flush().catch(() => {});
      else {
        timer = setTimeout(check, flushMs - age);
        (timer as { unref?: () => void }).unref?.();
      }
    };
    const record = (o: OutboxOutcome) => {
      if (pending.length === 0) {
        firstPendingAt = nowMs();
        timer = setTimeout(check, flushMs);
        (timer as { unref?: () => void }).unref?.();
      }
      pending.push(o);
      if (o.status === 'sent') stats.sent++;
      else if (o.status === 'queued') stats.retried++;
      else if (o.status === 'failed') stats.failed++;
      else stats.skipped++;
      opts.metrics?.send(platform, o.status === 'queued' ? 'retry' : o.status);
      if (nowMs() - firstPendingAt >= flushMs) void flush().catch(() => {});
    };
    /** Before waiting `ms` for a send slot: outcomes that would be older than flushMs by then are written first. */
    const beforeWait = async (ms: number) => {
      if (pending.length > 0 && nowMs() + ms - firstPendingAt >= flushMs) await flush().catch(() => {});
    };

    // A broadcast's rows share one message: parse and render it once per batch.
    const rendered = new Map<string, RenderedPart[]>();
    const partsOf = (row: ClaimedRow): RenderedPart[] => {
      let parts = rendered.get(row.messageJson);
      if (!parts) {
        parts = sender.render(JSON.parse(row.messageJson) as OutboundMessage);
        rendered.set(row.messageJson, parts);
      }
      return parts;
    };

    const templates = new Map<string, boolean>();
    const isZaloTemplate = (row: ClaimedRow): boolean => {
      let is = templates.get(row.messageJson);
      if (is === undefined) {
        is = Boolean((JSON.parse(row.messageJson) as OutboundMessage).zaloTemplate);
        templates.set(row.messageJson, is);
      }
      return is;
    };

    const sendRow = async (row: ClaimedRow) => {
      if (platform === 'zalo' && row.identityId != null) {
        const st = states.get(row.identityId);
        if (st?.unfollowedAt && (!st.lastInboundAt || st.unfollowedAt >= st.lastInboundAt)) {
          return record({ id: row.id, status: 'skipped', at: opts.clock.now(), error: 'zalo_unfollowed', partsSent: row.partsSent });
        }
        // A paid template (SPEC §4) is the one Zalo message allowed outside the window.
        if (!isInsideZaloWindow(st?.lastInboundAt, opts.clock.now()) && !isZaloTemplate(row)) {
          return record({ id: row.id, status: 'skipped', at: opts.clock.now(), error: ZALO_OUTSIDE_WINDOW, partsSent: row.partsSent });
        }
      }
      let partsSent = row.partsSent;
      try {
        const parts = partsOf(row);
        let messageId: string | undefined;
        for (let i = partsSent; i < parts.length; i++) {
          await limiters[platform].acquire(row.chatId, beforeWait);
          const res = await sender.sendPart(row.chatId, parts[i]!);
          messageId = res.messageId ?? messageId;
          // Progress is recorded with the outcome (also a failed one), not after every part: a
          // crash in the middle of a multi-part message re-sends at most the parts in flight.
          partsSent = i + 1;
        }
        record({ id: row.id, status: 'sent', at: opts.clock.now(), providerMessageId: messageId, partsSent });
      } catch (err) {
        const at = opts.clock.now();
        if (err instanceof DeliveryError && err.kind !== 'retry') {
          record({ id: row.id, status: err.kind === 'skipped' ? 'skipped' : 'failed', at, error: err.reason, partsSent, recipientGone: err.recipientGone });
          return;
        }
        const reason = err instanceof DeliveryError ? err.reason : `error:${err instanceof Error ? err.name : 'unknown'}`;
        const retryAfterMs = err instanceof DeliveryError ? err.retryAfterMs : undefined;
        if (retryAfterMs) limiters[platform].pause(opts.clock.now().getTime() + retryAfterMs);
        if (!(err instanceof DeliveryError)) opts.log.warn('outbox send threw', { outboxId: row.id, platform, ...errorFields(err) });
        if (row.attempts >= MAX_SEND_ATTEMPTS) {
          record({ id: row.id, status: 'failed', at, error: `${reason} (after ${row.attempts} attempts)`, partsSent });
        } else {
          const delay = backoffMs(row.attempts, retryAfterMs, random);
          record({ id: row.id, status: 'queued', nextAttemptAt: new Date(at.getTime() + delay), error: reason, partsSent });
        }
      }
    };

    const groups = [...byChat.values()];
    let next = 0;
    const worker = async () => {
      while (next < groups.length) {
        const group = groups[next++]!;
        for (const row of group) await sendRow(row);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
    await flush();
    return stats;
  }

  const add = (a: DispatchStats, b: DispatchStats): DispatchStats => ({
    claimed: a.claimed + b.claimed,
    sent: a.sent + b.sent,
    retried: a.retried + b.retried,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
    lost: a.lost + b.lost,
    waitMs: a.waitMs && b.waitMs ? Math.min(a.waitMs, b.waitMs) : a.waitMs || b.waitMs,
  });

  async function runOnce(priorities: readonly OutboxPriority[] = ALL_PRIORITIES): Promise<DispatchStats> {
    const results = await Promise.all(platforms.map((p) => runPlatformOnce(p, priorities)));
    return results.reduce(add, emptyStats());
  }

  async function drain(maxMs = 60_000, priorities: readonly OutboxPriority[] = ALL_PRIORITIES): Promise<DispatchStats> {
    const started = Date.now();
    let total = emptyStats();
    for (;;) {
      const s = await runOnce(priorities);
      total = add(total, s);
      if (Date.now() - started > maxMs) return total;
      if (s.claimed === 0) {
        if (s.waitMs === 0) return total;
        // Only chats inside their gap have rows due: wait (clock time) for the first to be free.
        await sleepOn(opts.clock, s.waitMs);
      }
    }
  }

  // Background loop (Node): one loop per platform so a slow platform does not hold up the other.
  let running = false;
  const wakers = new Set<() => void>();
  const loops: Promise<void>[] = [];
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });
  /** Wait `ms` of clock time (a chat's gap), or less if kicked or stopped. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        wakers.delete(done);
        resolve();
      };
      wakers.add(done);
      void sleepOn(opts.clock, ms).then(done, done);
    });

  async function loop(platform: Platform) {
    while (running) {
      try {
        const s = await runPlatformOnce(platform);
        if (s.claimed === 0) await (s.waitMs > 0 ? pause(s.waitMs) : idle(1000));
      } catch (err) {
        opts.log.error('outbox dispatcher error', { platform, ...errorFields(err) });
        await idle(2000);
      }
    }
  }

  return {
    limiters,
    runOnce,
    drain,
    start() {
      if (running) return;
      running = true;
      for (const p of platforms) loops.push(loop(p));
    },
    kick() {
      for (const w of [...wakers]) w();
    },
    async stop() {
      running = false;
      for (const w of [...wakers]) w();
      await Promise.all(loops.splice(0));
    },
  };
}
