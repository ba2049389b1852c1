// Two app instances on one database file sending to Zalo with an expired token: Zalo refresh
// tokens are single-use, so the refresh runs under a lease in the database and exactly one
// instance calls the token endpoint; the other waits for the pair it stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { enqueueMany, type OutboxInsert } from '../../db/queries/outbox';
import { createDbTokenStore } from '../../db/queries/platform-tokens';
import { leases, outbox } from '../../db/schema';
import { pairFromFake } from '../fakes/zalo-api';
import { ZALO_REFRESH_WAIT_LOG } from '../../bots/zalo/oauth';

let a: Harness;
let b: Harness;
beforeEach(async () => {
  a = await startHarness();
  b = await startHarness({ share: a });
});
afterEach(async () => {
  await b.close();
  await a.close();
});

const row = (chatId: string, key: string, identityId: number): OutboxInsert => ({
  idempotencyKey: key,
  ref: 'test',
  platform: 'zalo',
  chatId,
  identityId,
  message: { lines: [`Tin nhắn ${key}`] },
});

describe('two instances and one Zalo token', () => {
  it('an expired token: exactly one refresh at the fake OAuth, every message delivered once', async () => {
    const users = Array.from({ length: 10 }, (_, i) => String(8001 + i));
    const ids: number[] = [];
    for (const u of users) {
      const { identityIds } = await seedMember(a.db.db, { identities: [{ platform: 'zalo', externalId: u, lastInboundAt: a.clock.now() }] });
      ids.push(identityIds[0]!);
    }
    // Both instances read a stored pair that Zalo no longer accepts (-216).
    await createDbTokenStore(a.db.db).save(pairFromFake(a.zalo, a.clock.now()));
    const oldRefresh = a.zalo.tokens().refreshToken;
    a.zalo.setAccessTokenExpired();
    const release = a.zalo.holdRefreshes();

    // A sends the first five, gets -216 and starts a refresh, which the fake holds unanswered.
    await enqueueMany(a.db.db, users.slice(0, 5).map((u, i) => row(u, `r${i}`, ids[i]!)), a.clock.now());
    const drainA = a.runtime.dispatcher.drain();
    await a.zalo.waitFor(() => a.zalo.usedRefreshTokens.length === 1);
    // Meanwhile B sends the other five with the same stale token and needs a refresh too.
    await enqueueMany(a.db.db, users.slice(5).map((u, i) => row(u, `r${i + 5}`, ids[i + 5]!)), a.clock.now());
    const drainB = b.runtime.dispatcher.drain();
    // B either waits on the lease (fixed) or spends the same refresh token (an in-memory single flight).
    await a.zalo.waitFor(() => a.zalo.usedRefreshTokens.length > 1 || b.logs.some((l) => l.includes(ZALO_REFRESH_WAIT_LOG)));
    release();
    await Promise.all([drainA, drainB]);
    for (const h of [a, b]) await h.settle();

    expect(a.zalo.usedRefreshTokens).toEqual([oldRefresh]);
    expect(a.zalo.refreshCount()).toBe(1);
    const sent = a.zalo.sent();
    expect(sent.map((s) => s.userId).sort()).toEqual(users);
    expect(sent.map((s) => s.text).sort()).toEqual(users.map((_, i) => `Tin nhắn r${i}`).sort());
    const rows = await a.db.db.select().from(outbox);
    expect(rows.map((r) => r.status)).toEqual(Array(10).fill('sent'));
    // The lease was given back: the next refresh (another expiry) does not wait for it.
    const [lease] = await a.db.db.select().from(leases);
    expect(lease!.until.getTime()).toBe(0);
    // The winner's pair is the one stored.
    expect((await createDbTokenStore(a.db.db).load())!.refreshToken).toBe(a.zalo.tokens().refreshToken);
  });

  it('a refresh lease left by a process that died is taken over once it expires', async () => {
    const { identityIds } = await seedMember(a.db.db, { identities: [{ platform: 'zalo', externalId: '8101', lastInboundAt: a.clock.now() }] });
    await createDbTokenStore(a.db.db).save(pairFromFake(a.zalo, a.clock.now()));
    a.zalo.setAccessTokenExpired();
    // A process took the lease a moment ago and was killed before it refreshed.
    await a.db.db.insert(leases).values({ name: 'zalo_refresh', owner: 'zalo:dead', until: new Date(a.clock.now().getTime() + 12_000) });
    await enqueueMany(a.db.db, [row('8101', 'd1', identityIds[0]!)], a.clock.now());
    const drain = b.runtime.dispatcher.drain();
    await a.zalo.waitFor(() => b.logs.some((l) => l.includes(ZALO_REFRESH_WAIT_LOG)));
    expect(a.zalo.usedRefreshTokens).toEqual([]);
    a.clock.advance(12_000);
    await drain;
    expect(a.zalo.refreshCount()).toBe(1);
    expect(a.zalo.sent().map((s) => s.userId)).toEqual(['8101']);
    expect((await a.db.db.select().from(outbox))[0]).toMatchObject({ status: 'sent' });
  });
});
