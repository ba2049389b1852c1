// Outbox rows across dispatcher instances on one database: each claim owns its rows, only the
// owner's outcomes are recorded, and outcomes are written by time (within 200 ms of the send).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createTestClock, type TestClock } from '../support/clock';
import { createTempDb, type TempDb } from '../support/temp-db';
import { enqueueMany, type OutboxInsert } from '../../db/queries/outbox';
import { outbox } from '../../db/schema';
import { createDispatcher, type Dispatcher } from '../../src/core/outbox/dispatcher';
import type { PlatformSender } from '../../src/core/outbox/sender-port';
import { DeliveryError } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { createDb } from '../../db/client';
import type { OutboundMessage } from '../../src/core/types';

let db: TempDb;
let clock: TestClock;
beforeEach(async () => {
  db = await createTempDb();
  clock = createTestClock();
});
afterEach(() => {
  db.destroy();
});

const row = (chatId: string, key: string): OutboxInsert => ({
  idempotencyKey: key,
  ref: 'test',
  platform: 'telegram',
  chatId,
  message: { lines: [`Tin nhắn riêng ${key}`] },
});

const rowsNow = () => db.db.select().from(outbox).orderBy(asc(outbox.id));

/** Polls a condition, one event-loop turn at a time (no sleeps); fails after 5 s of wall time. */
async function until(cond: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 5000;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setImmediate(r));
  }
}

type Release = 'ok' | 'blocked';
/** A sender whose calls wait until the test releases them (a slow network, a frozen process). */
function gatedSender(name: string) {
  const waiting: { chatId: string; release: (r: Release) => void }[] = [];
  const sent: string[] = [];
  const sender: PlatformSender = {
    platform: 'telegram',
    render: (m: OutboundMessage) => [{ text: m.lines.join('\n') }],
    async sendPart(chatId) {
      const r = await new Promise<Release>((release) => waiting.push({ chatId, release }));
      if (r === 'blocked') throw new DeliveryError('permanent', 'telegram_blocked', undefined, true);
      sent.push(chatId);
      return { messageId: `${name}-${chatId}` };
    },
  };
  return { sender, waiting, sent };
}

function dispatcher(name: string, sender: PlatformSender, logs: string[], extra: { leaseMs?: number; perChatGapMs?: number } = {}): Dispatcher {
  return createDispatcher({
    db: db.db,
    clock,
    log: createLogger('debug', (l) => logs.push(l)),
    senders: { telegram: sender },
    rates: { telegram: { perSecond: 1000, perChatGapMs: extra.perChatGapMs ?? 0 }, zalo: { perSecond: 1000, perChatGapMs: 0 } },
    leaseMs: extra.leaseMs ?? 60_000,
    instanceId: name,
    random: () => 0.5,
  });
}

describe('outbox lease owners', () => {
  it("a claim whose lease expired and was re-claimed by another instance: its late outcomes change nothing", async () => {
    await enqueueMany(db.db, [row('301', 'k1'), row('302', 'k2')], clock.now());
    const aLogs: string[] = [];
    const a = gatedSender('A');
    const b = gatedSender('B');
    const A = dispatcher('A', a.sender, aLogs);
    const B = dispatcher('B', b.sender, []);

    // A claims both rows and freezes in its sends (a stalled process) past its 60 s lease.
    const aRun = A.runOnce();
    await until(() => a.waiting.length === 2);
    clock.advance(61_000);
    // B takes the rows over and is sending them when A wakes up.
    const bRun = B.runOnce();
    await until(() => b.waiting.length === 2);
    const held = await rowsNow();
    expect(held.map((r) => [r.status, r.leaseOwner])).toEqual([
      ['sending', 'B:1'],
      ['sending', 'B:1'],
    ]);

    // A's late outcomes: one success, one "blocked by the user". Both must be refused.
    a.waiting.find((w) => w.chatId === '301')!.release('ok');
    a.waiting.find((w) => w.chatId === '302')!.release('blocked');
    const aStats = await aRun;
    expect(aStats).toMatchObject({ claimed: 2, sent: 1, failed: 1, lost: 2 });
    const afterA = await rowsNow();
    expect(afterA.map((r) => [r.status, r.leaseOwner, r.providerMessageId])).toEqual([
      ['sending', 'B:1', null],
      ['sending', 'B:1', null],
    ]);

    for (const w of b.waiting) w.release('ok');
    expect(await bRun).toMatchObject({ claimed: 2, sent: 2, lost: 0 });
    const final = await rowsNow();
    expect(final.map((r) => [r.status, r.leaseOwner, r.providerMessageId, r.lastError])).toEqual([
      ['sent', null, 'B-301', null],
      ['sent', null, 'B-302', null],
    ]);
    // Counted and logged without personal data (no chat id, no text).
    const lost = aLogs.filter((l) => l.includes('lease lost'));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toContain('"ignored":2');
    expect(aLogs.join('\n')).not.toMatch(/301|302|Tin nhắn/);
  });

  it('an earlier claim of the same instance cannot record over a later one', async () => {
    await enqueueMany(db.db, [row('303', 'k3')], clock.now());
    const a = gatedSender('A');
    const A = dispatcher('A', a.sender, []);
    const first = A.runOnce();
    await until(() => a.waiting.length === 1);
    clock.advance(61_000);
    const second = A.runOnce();
    await until(() => a.waiting.length === 2);
    a.waiting[0]!.release('blocked');
    expect(await first).toMatchObject({ failed: 1, lost: 1 });
    a.waiting[1]!.release('ok');
    expect(await second).toMatchObject({ sent: 1, lost: 0 });
    const [r] = await db.db.select().from(outbox).where(eq(outbox.idempotencyKey, 'k3'));
    expect(r).toMatchObject({ status: 'sent', attempts: 2, providerMessageId: 'A-303' });
  });
});

describe('per-chat order and pace across instances', () => {
  it('another instance takes no row of a chat that is being sent to, nor one sent to less than the gap ago', async () => {
    await enqueueMany(db.db, [row('701', 'p1'), row('701', 'p2'), row('702', 'p3')], clock.now());
    const a = gatedSender('A');
    const b = gatedSender('B');
    const A = dispatcher('A', a.sender, [], { perChatGapMs: 1000 });
    const B = dispatcher('B', b.sender, [], { perChatGapMs: 1000 });
    // A claims one row per chat: p1 (701) and p3 (702), and is sending them.
    const aRun = A.runOnce();
    await until(() => a.waiting.length === 2);
    // B: 701 has a row in flight elsewhere, so p2 must wait (its order after p1 is kept).
    expect(await B.runOnce()).toMatchObject({ claimed: 0 });
    for (const w of a.waiting) w.release('ok');
    expect(await aRun).toMatchObject({ claimed: 2, sent: 2 });
    // p1 is sent; B's own limiter never saw 701, but the database says it got a message just now.
    expect(await B.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(999);
    expect(await B.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    const bRun = B.runOnce();
    await until(() => b.waiting.length === 1);
    b.waiting[0]!.release('ok');
    expect(await bRun).toMatchObject({ claimed: 1, sent: 1 });
    expect([...a.sent, ...b.sent]).toEqual(['701', '702', '701']);
    const p2 = (await rowsNow()).find((r) => r.idempotencyKey === 'p2')!;
    expect(p2).toMatchObject({ status: 'sent', leaseOwner: null });
  });
});

describe('outcomes flushed by time', () => {
  it('an outcome is in the database within 200 ms (test clock) of its send, not after 50 outcomes', async () => {
    // 30 rows to different chats; each send takes 40 ms of test-clock time.
    await enqueueMany(db.db, Array.from({ length: 30 }, (_, i) => row(String(500 + i), `f${i}`)), clock.now());
    const finishedAt = new Map<string, number>();
    const late: string[] = [];
    const sender: PlatformSender = {
      platform: 'telegram',
      render: (m: OutboundMessage) => [{ text: m.lines.join('\n') }],
      async sendPart(chatId) {
        // Every earlier send finished more than 200 ms ago must be recorded by now (polled: the
        // write is asynchronous; without the time-based flush it never happens before the 50th).
        const due = [...finishedAt].filter(([, t]) => clock.now().getTime() - t > 200).map(([c]) => c);
        try {
          await until(async () => {
            const rows = await rowsNow();
            return due.every((c) => rows.find((r) => r.chatId === c)?.status === 'sent');
          });
        } catch {
          late.push(chatId);
        }
        clock.advance(40);
        finishedAt.set(chatId, clock.now().getTime());
        return { messageId: chatId };
      },
    };
    const D = createDispatcher({
      db: db.db,
      clock,
      log: createLogger('silent'),
      senders: { telegram: sender },
      rates: { telegram: { perSecond: 1000, perChatGapMs: 0 }, zalo: { perSecond: 1000, perChatGapMs: 0 } },
      concurrency: 1,
      instanceId: 'F',
    });
    expect(await D.runOnce()).toMatchObject({ claimed: 30, sent: 30 });
    expect(late).toEqual([]);
  });

  it('a chat inside its per-chat gap is not claimed: its next row waits for a later claim, after the first is recorded', async () => {
    await enqueueMany(db.db, [row('601', 'g1'), row('601', 'g2')], clock.now());
    const seen: (string | undefined)[] = [];
    const at: number[] = [];
    const sender: PlatformSender = {
      platform: 'telegram',
      render: (m: OutboundMessage) => [{ text: m.lines.join('\n') }],
      async sendPart(chatId) {
        // The second message comes a 1 s gap after the first: the first is recorded already.
        seen.push((await rowsNow())[0]!.status);
        at.push(clock.now().getTime());
        return { messageId: chatId };
      },
    };
    const D = createDispatcher({
      db: db.db,
      clock,
      log: createLogger('silent'),
      senders: { telegram: sender },
      rates: { telegram: { perSecond: 1000, perChatGapMs: 1000 }, zalo: { perSecond: 1000, perChatGapMs: 0 } },
      instanceId: 'G',
    });
    // One row of a chat per claim: the claim does not hold the second for the gap.
    expect(await D.runOnce()).toMatchObject({ claimed: 1, sent: 1, waitMs: 0 });
    // The chat is inside its gap: nothing claimed, and the dispatcher knows how long to wait.
    expect(await D.runOnce()).toMatchObject({ claimed: 0, waitMs: 1000 });
    expect(await D.drain()).toMatchObject({ sent: 1 });
    expect(seen).toEqual(['sending', 'sent']);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1000);
  });
});

describe('an instance killed mid-digest', () => {
  it('the other finishes after the lease; duplicates no more than the sends in flight plus 200 ms of outcomes', async () => {
    const N = 300;
    const KILL_AFTER = 120;
    await enqueueMany(
      db.db,
      Array.from({ length: N }, (_, i) => ({ ...row(String(10_000 + i), `d${i}`), ref: 'digest:2026-11-21' })),
      clock.now(),
    );
    const delivered = new Map<string, number>();
    const deliver = (chatId: string) => delivered.set(chatId, (delivered.get(chatId) ?? 0) + 1);

    // Instance A: its own connection to the file, 30 ms (test clock) per send, two chats at a time.
    const aHandle = await createDb({ url: db.url });
    let started = 0;
    let dead = false;
    const finishedAt: number[] = [];
    let inFlightAtKill = 0;
    let killedAt = 0;
    const aSender: PlatformSender = {
      platform: 'telegram',
      render: (m: OutboundMessage) => [{ text: m.lines.join('\n') }],
      async sendPart(chatId) {
        if (dead) return new Promise<never>(() => {});
        // The platform has the message as soon as the call is made (the worst case for a kill).
        deliver(chatId);
        if (++started === KILL_AFTER) {
          // kill -9: from here on A does nothing more, not even its pending database writes.
          dead = true;
          killedAt = clock.now().getTime();
          inFlightAtKill = started - finishedAt.length;
          aHandle.close();
          return new Promise<never>(() => {});
        }
        await new Promise((r) => setImmediate(r));
        clock.advance(15); // two chats at a time: 30 ms per send
        finishedAt.push(clock.now().getTime());
        return { messageId: chatId };
      },
    };
    const A = createDispatcher({
      db: aHandle.db,
      clock,
      log: createLogger('silent'),
      senders: { telegram: aSender },
      rates: { telegram: { perSecond: 1000, perChatGapMs: 1000 }, zalo: { perSecond: 1000, perChatGapMs: 0 } },
      concurrency: 2,
      instanceId: 'A',
    });
    void A.runOnce().catch(() => {});
    await until(() => dead);
    // Outcomes A had not written when it died: at most those of its last 200 ms (test clock).
    const recentOutcomes = finishedAt.filter((t) => killedAt - t <= 200).length;

    const bSender: PlatformSender = {
      platform: 'telegram',
      render: (m: OutboundMessage) => [{ text: m.lines.join('\n') }],
      async sendPart(chatId) {
        deliver(chatId);
        return { messageId: chatId };
      },
    };
    const B = dispatcher('B', bSender, []);
    clock.advance(61_000); // A's lease runs out
    await B.drain();

    const duplicates = [...delivered.values()].filter((n) => n > 1).length;
    console.log(`kill mid-digest: ${N} members, A sent ${KILL_AFTER} before dying; sends in flight ${inFlightAtKill}, outcomes of the last 200 ms ${recentOutcomes}, duplicates ${duplicates}`);
    expect(delivered.size).toBe(N); // nobody missed
    expect([...delivered.values()].every((n) => n <= 2)).toBe(true);
    expect(duplicates).toBeLessThanOrEqual(inFlightAtKill + recentOutcomes);
    expect((await rowsNow()).every((r) => r.status === 'sent')).toBe(true);
  });
});
