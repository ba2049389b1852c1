// Coordination across isolates inside workerd, over the remote libSQL protocol (Hrana), as on
// Cloudflare with Turso. Two runtimes built from two configurations have separate memory, as two
// isolates do; they share only the database. Zalo refresh tokens are single-use, so the refresh
// runs under a lease row taken with one conditional UPDATE: exactly one runtime calls the token
// endpoint while the other waits for the pair it stores. (The Node twin of this test is
// test/integration/two-instances-zalo.test.ts.)
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../../db/client';
import { enqueueMany, type OutboxInsert } from '../../../db/queries/outbox';
import { seedMember } from '../../support/seed';
import { ZALO_REFRESH_WAIT_LOG } from '../../../bots/zalo/oauth';
import { newTelegramUser, newZaloUser, postTelegram, postZalo, tgUpdate, zaloTextEvent } from '../scenarios';
import { controlGet, controlPost, createWorkerdDriver, testDb, tick, workerEnv, type TgCall } from './driver';

const db = testDb();
afterAll(() => db.close());

/** Everything the runtimes log, while a test watches (the logger's sink is console.log). */
const logged: string[] = [];
const realLog = console.log;
afterEach(() => {
  console.log = realLog;
});

interface Refreshes {
  used: string[];
  count: number;
  current: string;
}

/** Polls a condition (no fixed sleeps), failing after `ms`. */
async function until(cond: () => Promise<boolean> | boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const row = (chatId: string, key: string, identityId: number): OutboxInsert => ({
  idempotencyKey: key,
  ref: 'test:coordination',
  platform: 'zalo',
  chatId,
  identityId,
  message: { lines: [`Tin nhắn ${key}`] },
});

describe('two isolates and one Zalo token (workerd, Hrana)', () => {
  it('an expired token: exactly one refresh at the fake OAuth, every message delivered once', async () => {
    // Isolate A is the tests' usual configuration; B differs in LOG_LEVEL, so it gets its own runtime.
    const envA = workerEnv;
    const envB = { ...workerEnv, LOG_LEVEL: 'info' };

    // A stored token pair first: any Zalo reply makes the runtime fetch and store one.
    const warm = createWorkerdDriver();
    const warmUser = newZaloUser();
    expect((await postZalo(warm, zaloTextEvent(warmUser, 'bat dau', new Date()))).status).toBe(200);
    await warm.settle();
    expect(await warm.zaloSent(warmUser)).toHaveLength(1);

    const handle = await createDb({ url: workerEnv.DATABASE_URL!, authToken: workerEnv.DATABASE_AUTH_TOKEN });
    const now = new Date();
    const users = Array.from({ length: 10 }, () => newZaloUser());
    const ids: number[] = [];
    for (const u of users) {
      const { identityIds } = await seedMember(handle.db, { identities: [{ platform: 'zalo', externalId: u, lastInboundAt: now }], at: now });
      ids.push(identityIds[0]!);
    }
    const before = await controlGet<Refreshes>('/zalo/refreshes');
    const stale = before.current;

    // Zalo stops accepting the stored access token (-216), and holds the refresh call unanswered.
    await controlPost('/zalo/expire-access-token', {});
    await controlPost('/zalo/hold-refreshes', {});
    console.log = (...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    };
    try {
      // A's tick sends the first five, gets -216 and calls the token endpoint (held).
      await enqueueMany(handle.db, users.slice(0, 5).map((u, i) => row(u, `coord:${u}`, ids[i]!)), now);
      const tickA = tick(new Date(Date.now() - 30 * 86_400_000), envA);
      await until(async () => (await controlGet<Refreshes>('/zalo/refreshes')).used.length > before.used.length, 'A to call the token endpoint');

      // B's tick sends the other five with the same stale token and needs a refresh too.
      await enqueueMany(handle.db, users.slice(5).map((u, i) => row(u, `coord:${u}`, ids[i + 5]!)), new Date());
      const tickB = tick(new Date(Date.now() - 30 * 86_400_000), envB);
      // B either waits on the lease (correct) or spends the same refresh token a second time.
      await until(
        async () => logged.some((l) => l.includes(ZALO_REFRESH_WAIT_LOG)) || (await controlGet<Refreshes>('/zalo/refreshes')).used.length > before.used.length + 1,
        'B to wait on the lease or to refresh',
      );
      await controlPost('/zalo/release-refreshes', {});
      await Promise.all([tickA, tickB]);
    } finally {
      console.log = realLog;
      await controlPost('/zalo/release-refreshes', {});
    }

    const after = await controlGet<Refreshes>('/zalo/refreshes');
    expect(after.used.slice(before.used.length)).toEqual([stale]);
    expect(after.count - before.count).toBe(1);
    expect(logged.some((l) => l.includes(ZALO_REFRESH_WAIT_LOG))).toBe(true);

    const driver = createWorkerdDriver();
    for (const u of users) expect((await driver.zaloSent(u)).map((m) => m.text)).toEqual([`Tin nhắn coord:${u}`]);
    const rows = await db.execute({ sql: "SELECT status FROM outbox WHERE ref = 'test:coordination'", args: [] });
    expect(rows.rows.map((r) => r.status)).toEqual(Array(10).fill('sent'));
    // The lease was given back, and the stored pair is the new one.
    const lease = await db.execute({ sql: "SELECT until FROM leases WHERE name = 'zalo_refresh'", args: [] });
    expect(Number(lease.rows[0]!.until)).toBe(0);
    handle.close();
  });
});

describe('fair delivery on Workers', () => {
  it('answers a person within the webhook’s own waitUntil while another chat has 100 broadcast messages queued', async () => {
    const handle = await createDb({ url: workerEnv.DATABASE_URL!, authToken: workerEnv.DATABASE_AUTH_TOKEN });
    const busyChat = String(newTelegramUser());
    const { identityIds } = await seedMember(handle.db, { identities: [{ platform: 'telegram', externalId: busyChat }] });
    const ref = `announcement:${busyChat}`;
    await enqueueMany(
      handle.db,
      Array.from({ length: 100 }, (_, i): OutboxInsert => ({
        idempotencyKey: `${ref}:${i}`,
        ref,
        platform: 'telegram',
        chatId: busyChat,
        identityId: identityIds[0]!,
        message: { lines: [`Thông báo ${i + 1}/100`] },
      })),
      new Date(),
    );
    try {
      // An official (any person) writes; no tick runs in between.
      const driver = createWorkerdDriver();
      const user = newTelegramUser();
      expect((await postTelegram(driver, tgUpdate(user, '/start'))).status).toBe(200);
      await driver.settle(); // the request's waitUntil: processing, then the replies that are due
      const sent = await driver.tgSent(user);
      expect(sent).toHaveLength(1);
      expect(String(sent[0]!.text)).toContain('Xin chào! Đây là Loa');
      // The broadcast was left to the tick: the webhook sent none of it.
      const busy = (await controlGet<TgCall[]>('/tg/calls')).filter((c) => String(c.payload.chat_id) === busyChat);
      expect(busy).toHaveLength(0);
      const left = await db.execute({ sql: "SELECT count(*) AS n FROM outbox WHERE ref = ? AND status = 'queued'", args: [ref] });
      expect(Number(left.rows[0]!.n)).toBe(100);
    } finally {
      // Later ticks in these tests must not spend 100 s on this chat's 1 message a second.
      await db.execute({ sql: 'DELETE FROM outbox WHERE ref = ?', args: [ref] });
      handle.close();
    }
  });
});
