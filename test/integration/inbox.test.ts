// The inbound path loses nothing: a handler that throws leaves the event for the retry job, and an
// event stored by a process that died before handling it is handled after a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { parseEnv } from '../../src/config/env';
import { createInbox } from '../../src/core/inbox';
import { createRegistry } from '../../src/core/commands/registry';
import { registerBasics } from '../../src/core/features/basics';
import type { CoreDeps } from '../../src/core/context';
import { silentLogger } from '../../src/core/logger';
import { inboundEvents, outbox } from '../../db/schema';
import { claimNextEvent, claimOwners, insertInboundEventsQuery, isLeaseLost } from '../../db/queries/inbound-events';
import { commitEffectsAlone } from '../../src/core/event-effects';
import type { InboundMessage } from '../../src/core/types';
import { createTestClock, type TestClock } from '../support/clock';
import { createTempDb, type TempDb } from '../support/temp-db';

let db: TempDb;
let clock: TestClock;
let deps: CoreDeps;
beforeEach(async () => {
  db = await createTempDb();
  clock = createTestClock();
  deps = { db: db.db, clock, env: parseEnv({}), log: silentLogger };
});
afterEach(() => db.destroy());

const msg = (key: string, text: string, user = '42'): InboundMessage => ({
  platform: 'telegram',
  eventKey: key,
  kind: 'text',
  externalUserId: user,
  chatId: user,
  isPrivate: true,
  text,
  attachmentUrls: [],
  sentAt: clock.now().toISOString(),
});

const eventRow = async (key: string) => (await db.db.select().from(inboundEvents).where(eq(inboundEvents.eventKey, key)))[0]!;

describe('inbox', () => {
  it('marks the event failed when a handler throws, writes none of its effects, and retries it later', async () => {
    let fail = true;
    const registry = createRegistry();
    registerBasics(registry);
    registry.commands.set('batdau', async (ctx) => {
      ctx.reply('trước lỗi'); // queued in memory only: the batch is never committed
      if (fail) throw new Error('boom');
      ctx.reply('chào');
    });
    const inbox = createInbox(deps, registry);
    expect(await inbox.accept(msg('tg:1', '/start'))).toBe('stored');
    await inbox.idle();
    const failed = await eventRow('tg:1');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.payload).not.toBeNull();
    expect(await db.db.select().from(outbox)).toHaveLength(0);

    // Not before its retry time.
    expect(await inbox.retryDue()).toBe(0);
    fail = false;
    clock.advance(31_000);
    expect(await inbox.retryDue()).toBe(1);
    const done = await eventRow('tg:1');
    expect(done).toMatchObject({ status: 'done', payload: null });
    expect((await db.db.select().from(outbox)).map((r) => r.message?.lines)).toEqual([['trước lỗi'], ['chào']]);
  });

  it('gives up after five attempts and keeps the event as dead', async () => {
    const registry = createRegistry();
    registry.commands.set('batdau', async () => {
      throw new Error('always');
    });
    const inbox = createInbox(deps, registry);
    await inbox.accept(msg('tg:2', '/start'));
    await inbox.idle();
    for (let i = 0; i < 6; i++) {
      clock.advance(3600_000);
      await inbox.retryDue();
    }
    expect(await eventRow('tg:2')).toMatchObject({ status: 'dead', attempts: 5 });
  });

  it('handles an event stored by a process that died before handling it', async () => {
    const registry = createRegistry();
    registerBasics(registry);
    const dying = createInbox(deps, registry);
    expect(await dying.store(msg('tg:3', '/start'))).not.toBeNull(); // stored, 200 sent, then the crash
    const restarted = createInbox(deps, registry);
    expect(await restarted.retryDue()).toBe(0); // might still be in flight elsewhere
    clock.advance(61_000);
    expect(await restarted.retryDue()).toBe(1);
    expect(await eventRow('tg:3')).toMatchObject({ status: 'done' });
    expect(await db.db.select().from(outbox)).toHaveLength(1);
  });

  it('"done" and the effects commit only while the claim holds the event; one event per person at a time', async () => {
    const inbox = createInbox(deps, createRegistry());
    const first = (await inbox.store(msg('tg:5', 'x')))!;
    await inbox.store(msg('tg:6', 'y'));
    const person = { platform: 'telegram', externalUserId: '42' };
    const lease = new Date(clock.now().getTime() + 60_000);
    const claimed = await claimNextEvent(db.db, person, 'p1:1', clock.now(), lease);
    expect(claimed?.id).toBe(first.id); // the oldest first
    // While it is held, no other claim gets this person's next event.
    expect(await claimNextEvent(db.db, person, 'p2:1', clock.now(), lease)).toBeNull();
    // The lease runs out and another process takes the event over.
    clock.advance(61_000);
    expect((await claimNextEvent(db.db, person, 'p2:2', clock.now(), new Date(clock.now().getTime() + 60_000)))?.id).toBe(first.id);
    const effects = (owner: string) => ({
      writes: [],
      outbox: [{ idempotencyKey: `reply:${owner}`, ref: 'reply', platform: 'telegram' as const, chatId: '42', message: { lines: ['x'] } }],
      eventId: first.id,
      leaseOwner: owner,
      at: clock.now(),
    });
    // The first claimant finishes late: nothing of its work is committed.
    const late = await commitEffectsAlone(db.db, effects('p1:1')).then(() => null, (e: unknown) => e);
    expect(isLeaseLost(late)).toBe(true);
    expect(await db.db.select().from(outbox)).toHaveLength(0);
    expect(await eventRow('tg:5')).toMatchObject({ status: 'received', leaseOwner: 'p2:2' });
    await commitEffectsAlone(db.db, effects('p2:2'));
    expect(await eventRow('tg:5')).toMatchObject({ status: 'done', leaseOwner: null });
    expect(await db.db.select().from(outbox)).toHaveLength(1);
  });

  it('an event is claimed by its own insert when its person has nothing unfinished, the first of a person per insert only', async () => {
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + 60_000);
    // Unfinished events of 2 (waiting) and 3 (failed, retry not due); 4 has only a finished one.
    await db.db.insert(inboundEvents).values([
      { eventKey: 'old:2', platform: 'telegram', externalUserId: '2', payload: msg('old:2', 'x', '2'), receivedAt: now },
      { eventKey: 'old:3', platform: 'telegram', externalUserId: '3', payload: msg('old:3', 'x', '3'), status: 'failed', nextAttemptAt: new Date(now.getTime() + 30_000), receivedAt: now },
      { eventKey: 'old:4', platform: 'telegram', externalUserId: '4', payload: null, status: 'done', receivedAt: now },
    ]);
    const msgs = [msg('n:1a', 'x', '1'), msg('n:1b', 'y', '1'), msg('n:2', 'x', '2'), msg('n:3', 'x', '3'), msg('n:4', 'x', '4'), msg('n:5', 'x', '5')];
    let n = 0;
    const owners = claimOwners(msgs, (i) => i !== 5, () => `t:${++n}`); // 5: stored without a claim
    expect(owners).toEqual(['t:1', null, 't:2', 't:3', 't:4', null]);
    const rows = await insertInboundEventsQuery(db.db, msgs, now, { owners, leaseUntil });
    expect(rows.map((r) => [r.event_key, r.lease_owner])).toEqual([['n:1a', 't:1'], ['n:1b', null], ['n:2', null], ['n:3', null], ['n:4', 't:4'], ['n:5', null]]);
    expect(await eventRow('n:1a')).toMatchObject({ leaseOwner: 't:1', leaseUntil });
    for (const key of ['n:1b', 'n:2', 'n:3', 'n:5']) expect(await eventRow(key)).toMatchObject({ leaseOwner: null, leaseUntil: null });
    // A claim holds 1 now: its second event waits for it.
    expect(await claimNextEvent(db.db, { platform: 'telegram', externalUserId: '1' }, 'p:1', now, leaseUntil)).toBeNull();
  });

  it('claims ride on the statements that run anyway: no claim statement of its own per event, order kept per person', async () => {
    const registry = createRegistry();
    const seen: string[] = [];
    registry.textHandlers.push(async (ctx) => {
      seen.push(`${ctx.msg.externalUserId}:${ctx.msg.text}`);
      ctx.reply(ctx.msg.text);
      return true;
    });
    // Statements sent on their own (outside a batch) that claim events.
    let claimStatements = 0;
    const client = db.client as { execute: (...a: unknown[]) => Promise<unknown> };
    const execute = client.execute.bind(client);
    client.execute = (...a: unknown[]) => {
      const text = typeof a[0] === 'string' ? a[0] : (a[0] as { sql: string }).sql;
      if (/UPDATE\s+"inbound_events"\s+SET\s+"lease_owner"/i.test(text)) claimStatements++;
      return execute(...a);
    };
    const inbox = createInbox(deps, registry);
    // Three people writing once each: each event claimed by its insert, nothing left to claim after.
    await Promise.all(['1', '2', '3'].map((u) => inbox.accept(msg(`a:${u}`, 'một', u))));
    await inbox.idle();
    expect(claimStatements).toBe(0);
    // One person writing three times in one turn: the first claimed by the insert, the others by
    // the batches that mark the one before done; each of the two later accepts tries one claim of its
    // own at once (held by the first: nothing).
    seen.length = 0;
    await Promise.all(['một', 'hai', 'ba'].map((text, i) => inbox.accept(msg(`b:${i}`, text, '7'))));
    await inbox.idle();
    expect(seen).toEqual(['7:một', '7:hai', '7:ba']);
    expect(claimStatements).toBe(2);
    const events = await db.db.select().from(inboundEvents);
    expect(events.every((e) => e.status === 'done' && e.leaseOwner === null && e.leaseUntil === null)).toBe(true);
    expect((await db.db.select().from(outbox)).filter((r) => r.chatId === '7').map((r) => r.message?.lines)).toEqual([['một'], ['hai'], ['ba']]);
  });

  it('stores the same event once, even within one batch', async () => {
    const inbox = createInbox(deps, createRegistry());
    const [a, b] = await Promise.all([inbox.store(msg('tg:4', 'x')), inbox.store(msg('tg:4', 'x'))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await inbox.store(msg('tg:4', 'x'))).toBeNull();
  });
});
