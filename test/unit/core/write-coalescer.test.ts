// Group commit of the inbound path: the events stored in a turn and the effects of the events
// handled in it share one transaction; when that fails, the stored events are committed on their
// own first and only the bad event's effects fail.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { claimNextEvent, insertedEventIds, insertInboundEventsQuery } from '../../../db/queries/inbound-events';
import { auditLog, inboundEvents, outbox } from '../../../db/schema';
import type { Write } from '../../../src/core/commands/handler-context';
import type { EventEffects } from '../../../src/core/event-effects';
import type { InboundMessage } from '../../../src/core/types';
import { createWriteCoalescer, type LeadWrites } from '../../../src/core/write-coalescer';
import { createTempDb, type TempDb } from '../../support/temp-db';

let tmp: TempDb;
let batches: number[];
let db: Db;
const at = new Date('2026-12-04T10:00:00Z');

beforeEach(async () => {
  tmp = await createTempDb();
  batches = [];
  // The same database, counting the batches (transactions) it is asked to commit.
  db = Object.create(tmp.db, {
    batch: { value: (qs: Write[]) => (batches.push(qs.length), tmp.db.batch(qs as [Write, ...Write[]])) },
  }) as Db;
});
afterEach(() => tmp.destroy());

const message = (key: string, person = key): InboundMessage => ({
  platform: 'telegram',
  eventKey: key,
  kind: 'text',
  externalUserId: person,
  chatId: person,
  isPrivate: true,
  text: '/start',
  attachmentUrls: [],
  sentAt: at.toISOString(),
});

/** The inbox's lead: store these events; resolves with their new ids (or the error). */
function leadOf(keys: string[], person?: (key: string) => string): { take: () => LeadWrites; ids: Promise<Map<string, number>> } {
  let settle!: (v: Map<string, number> | Error) => void;
  const ids = new Promise<Map<string, number> | Error>((r) => (settle = r)).then((v) => {
    if (v instanceof Error) throw v;
    return v;
  });
  return {
    ids,
    take: () => ({
      queries: [insertInboundEventsQuery(db, keys.map((k) => message(k, person?.(k))), at)],
      done: (results) => settle(insertedEventIds(results[0] as { id: number; event_key: string }[])),
      fail: (err) => settle(err as Error),
    }),
  };
}

/** Events stored (and not handled) before the turn under test. */
function storeEvents(keys: string[], person?: (key: string) => string) {
  const lead = leadOf(keys, person);
  createWriteCoalescer(db).lead(lead.take);
  return lead.ids;
}

const effects = (eventId: number, key: string, writes: Write[] = []): EventEffects => ({
  writes,
  outbox: [{ idempotencyKey: `reply:${key}`, ref: 'reply', platform: 'telegram', chatId: key, message: { lines: [`chào ${key}`] } }],
  eventId,
  at,
});

const queuedKeys = async () => (await tmp.db.select({ k: outbox.idempotencyKey }).from(outbox)).map((r) => r.k).sort();

it('commits the events stored in a turn and the effects handled in it as one transaction', async () => {
  const earlier = await storeEvents(['tg:1', 'tg:2']);
  batches = [];
  const w = createWriteCoalescer(db);
  const lead = leadOf(['tg:3']);
  w.lead(lead.take);
  const handled = [w.commit(effects(earlier.get('tg:1')!, 'tg:1')), w.commit(effects(earlier.get('tg:2')!, 'tg:2'))];
  await Promise.all(handled);
  expect([...(await lead.ids).keys()]).toEqual(['tg:3']);
  expect(batches).toHaveLength(1);
  expect(await queuedKeys()).toEqual(['reply:tg:1', 'reply:tg:2']);
  const status = Object.fromEntries((await tmp.db.select().from(inboundEvents)).map((r) => [r.eventKey, r.status]));
  expect(status).toEqual({ 'tg:1': 'done', 'tg:2': 'done', 'tg:3': 'received' });
});

it('a bad effect fails alone: the stored events and the other effects are committed', async () => {
  const ids = await storeEvents(['tg:1', 'tg:2']);

  const w = createWriteCoalescer(db);
  const lead = leadOf(['tg:3']);
  w.lead(lead.take);
  const bad = w.commit(effects(ids.get('tg:1')!, 'tg:1', [db.run(sql`INSERT INTO no_such_table VALUES (1)`)]));
  const good = w.commit(effects(ids.get('tg:2')!, 'tg:2'));
  batches = [];
  const [badResult, goodResult] = await Promise.allSettled([bad, good]);
  expect(badResult.status).toBe('rejected');
  expect(goodResult.status).toBe('fulfilled');
  // Together (fails), the stored event alone, the two effects together (fails), each alone.
  expect(batches).toHaveLength(5);
  expect([...(await lead.ids).keys()]).toEqual(['tg:3']);
  expect(await queuedKeys()).toEqual(['reply:tg:2']);
  const status = Object.fromEntries((await tmp.db.select().from(inboundEvents)).map((r) => [r.eventKey, r.status]));
  expect(status).toEqual({ 'tg:1': 'received', 'tg:2': 'done', 'tg:3': 'received' });
});

it("the commit claims each person's next event after marking the current one done, also one event at a time after a failure", async () => {
  // Person a has two events, b one more; a's and b's first events are being handled (claimed).
  const ids = await storeEvents(['a:1', 'b:1', 'a:2', 'b:2'], (k) => k.slice(0, 1));
  const lease = new Date(at.getTime() + 60_000);
  for (const p of ['a', 'b']) expect((await claimNextEvent(db, { platform: 'telegram', externalUserId: p }, `${p}:claim1`, at, lease))?.id).toBe(ids.get(`${p}:1`));
  const next = (p: string) => ({ platform: 'telegram', externalUserId: p, owner: `${p}:claim2`, now: at, leaseUntil: lease });
  const w = createWriteCoalescer(db);
  const good = w.commit({ ...effects(ids.get('a:1')!, 'a:1'), leaseOwner: 'a:claim1', claimNext: next('a') });
  // b's first claim was lost (another owner): its batch fails, and with it b's next claim.
  const lost = w.commit({ ...effects(ids.get('b:1')!, 'b:1'), leaseOwner: 'someone-else', claimNext: next('b') });
  const [g, l] = await Promise.allSettled([good, lost]);
  expect(l.status).toBe('rejected');
  expect(g).toMatchObject({ status: 'fulfilled', value: { id: ids.get('a:2'), owner: 'a:claim2', payload: { eventKey: 'a:2' } } });
  const rows = Object.fromEntries((await tmp.db.select().from(inboundEvents)).map((r) => [r.eventKey, [r.status, r.leaseOwner]]));
  expect(rows).toEqual({ 'a:1': ['done', null], 'a:2': ['received', 'a:claim2'], 'b:1': ['received', 'b:claim1'], 'b:2': ['received', null] });
  // Nothing waiting: the commit says so (null), and claims nothing.
  expect(await w.commit({ ...effects(ids.get('a:2')!, 'a:2'), leaseOwner: 'a:claim2', claimNext: { ...next('a'), owner: 'a:claim3' } })).toBeNull();
});

it('a lead that cannot be written fails its waiters and not the effects of the turn', async () => {
  const ids = await storeEvents(['tg:1']);

  const w = createWriteCoalescer(db);
  let failed: unknown;
  w.lead(() => ({ queries: [db.run(sql`INSERT INTO no_such_table VALUES (1)`)], done: () => undefined, fail: (e) => (failed = e) }));
  await w.commit(effects(ids.get('tg:1')!, 'tg:1'));
  expect(failed).toBeInstanceOf(Error);
  expect(await queuedKeys()).toEqual(['reply:tg:1']);
});

it('a lead whose callback throws after the commit is told so, and nothing is written twice', async () => {
  const ids = await storeEvents(['tg:1']);
  const w = createWriteCoalescer(db);
  const lead = leadOf(['tg:2']);
  let failedWith: unknown;
  w.lead(() => ({
    ...lead.take(),
    done: () => {
      throw new Error('bug in the caller');
    },
    fail: (e) => (failedWith = e),
  }));
  const audit = db.insert(auditLog).values({ action: 'test_write', at });
  await w.commit(effects(ids.get('tg:1')!, 'tg:1', [audit]));
  expect((failedWith as Error).message).toBe('bug in the caller');
  expect(await tmp.db.select().from(auditLog)).toHaveLength(1);
  expect((await tmp.db.select().from(inboundEvents)).map((r) => r.eventKey).sort()).toEqual(['tg:1', 'tg:2']);
});

it('an effect that cannot even be built fails alone, without an unhandled rejection', async () => {
  const ids = await storeEvents(['tg:1', 'tg:2']);
  const w = createWriteCoalescer(db);
  const unbuildable = effects(ids.get('tg:1')!, 'tg:1');
  unbuildable.outbox[0]!.message = { lines: [1n as unknown as string] }; // JSON.stringify throws on a bigint
  const results = await Promise.allSettled([w.commit(unbuildable), w.commit(effects(ids.get('tg:2')!, 'tg:2'))]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  expect(await queuedKeys()).toEqual(['reply:tg:2']);
});
