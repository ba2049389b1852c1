// The outbox dispatcher against the platform fakes: retries, token refresh, permanent failures,
// the Zalo 7-day window and crash recovery through leases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startHarness, tgText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { enqueueMany, type OutboxInsert } from '../../db/queries/outbox';
import { pushRecipients } from '../../db/queries/recipients';
import { outbox } from '../../db/schema';
import type { Platform } from '../../src/core/types';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const row = (platform: Platform, chatId: string, key: string, identityId?: number): OutboxInsert => ({
  idempotencyKey: key,
  ref: 'test',
  platform,
  chatId,
  identityId: identityId ?? null,
  message: { lines: [`Tin nhắn ${key}`] },
});

const rows = async () => h.db.db.select().from(outbox).orderBy(outbox.id);

/** Poll a database condition (no sleeps: each round waits for one event-loop turn). */
async function waitUntil(cond: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('dispatcher', () => {
  it('honours a 429 retry_after and sends nothing twice', async () => {
    await enqueueMany(h.db.db, [row('telegram', '201', 'a'), row('telegram', '202', 'b')], h.clock.now());
    h.tg.fail429Next(1);
    const first = await h.runtime.dispatcher.runOnce();
    expect(first).toMatchObject({ sent: 1, retried: 1 });
    const [retried] = (await rows()).filter((r) => r.status === 'queued');
    expect(retried!.lastError).toBe('telegram_rate_limited');
    // Not due before retry_after has passed.
    expect(retried!.nextAttemptAt.getTime() - h.clock.now().getTime()).toBeGreaterThanOrEqual(1000);
    expect((await h.runtime.dispatcher.runOnce()).claimed).toBe(0);
    h.clock.advance(10_000);
    await h.runtime.dispatcher.drain();
    const sends = h.tg.calls.filter((c) => c.method === 'sendMessage' && c.status === 200);
    expect(sends.map((c) => String(c.payload.chat_id)).sort()).toEqual(['201', '202']);
    expect((await rows()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('retries a 5xx and a hanging call', async () => {
    await enqueueMany(h.db.db, [row('telegram', '203', 'c')], h.clock.now());
    h.tg.fail5xxNext(1);
    await h.runtime.dispatcher.runOnce();
    h.clock.advance(60_000);
    h.tg.hangNext(1);
    await h.runtime.dispatcher.runOnce();
    expect((await rows())[0]).toMatchObject({ status: 'queued', lastError: 'telegram_timeout', attempts: 2 });
    h.clock.advance(60_000);
    await h.runtime.dispatcher.drain();
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 3 });
    expect(h.tg.sent('203')).toHaveLength(1);
  });

  it('refreshes the Zalo token once on -216 and delivers; the rotated refresh token is used next time', async () => {
    const { identityIds } = await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '7001', lastInboundAt: h.clock.now() }] });
    await enqueueMany(h.db.db, [row('zalo', '7001', 'z1', identityIds[0])], h.clock.now());
    await h.runtime.dispatcher.drain(); // first send: the client refreshes from ZALO_REFRESH_TOKEN
    const refreshesBefore = h.zalo.refreshCount();
    const rotated = h.zalo.tokens().refreshToken;
    h.zalo.setAccessTokenExpired();
    await enqueueMany(h.db.db, [row('zalo', '7001', 'z2', identityIds[0])], h.clock.now());
    await h.runtime.dispatcher.drain();
    expect(h.zalo.refreshCount()).toBe(refreshesBefore + 1);
    expect(h.zalo.usedRefreshTokens.at(-1)).toBe(rotated);
    expect(h.zalo.sent().map((s) => s.text)).toEqual(['Tin nhắn z1', 'Tin nhắn z2']);
    expect((await rows()).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('records -230 as skipped and never retries it', async () => {
    const { identityIds } = await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '7002', lastInboundAt: h.clock.now() }] });
    h.zalo.markOutsideWindow('7002');
    await enqueueMany(h.db.db, [row('zalo', '7002', 'z3', identityIds[0])], h.clock.now());
    await h.runtime.dispatcher.drain();
    expect((await rows())[0]).toMatchObject({ status: 'skipped', lastError: 'zalo_outside_window', attempts: 1 });
    h.clock.advance(24 * 3600_000);
    await h.runtime.dispatcher.drain();
    const csCalls = h.zalo.calls.filter((c) => c.path.includes('/message/cs'));
    expect(csCalls).toHaveLength(1);
  });

  it('skips Zalo recipients whose last message is older than 7 days without calling Zalo', async () => {
    const old = new Date(h.clock.now().getTime() - 8 * 24 * 3600_000);
    const { identityIds } = await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '7003', lastInboundAt: old }] });
    await enqueueMany(h.db.db, [row('zalo', '7003', 'z4', identityIds[0])], h.clock.now());
    await h.runtime.dispatcher.drain();
    expect((await rows())[0]).toMatchObject({ status: 'skipped', lastError: 'zalo_outside_window' });
    expect(h.zalo.calls.filter((c) => c.path.includes('/message/cs'))).toHaveLength(0);
  });

  it('records a blocked Telegram chat as failed with the reason', async () => {
    h.tg.blockChat('204');
    await enqueueMany(h.db.db, [row('telegram', '204', 'd')], h.clock.now());
    await h.runtime.dispatcher.drain();
    expect((await rows())[0]).toMatchObject({ status: 'failed', lastError: 'telegram_blocked' });
  });

  it('a person who blocked the bot stops getting pushes; a group that removed the bot does not stop its members', async () => {
    const person = await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '206' }] });
    const groupie = await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '207' }] });
    h.tg.blockChat('206');
    h.tg.blockChat('-100207'); // a group chat the second member wrote from
    await enqueueMany(h.db.db, [row('telegram', '206', 'e', person.identityIds[0]), row('telegram', '-100207', 'f', groupie.identityIds[0])], h.clock.now());
    await h.runtime.dispatcher.drain();
    expect((await rows()).map((r) => [r.status, r.lastError])).toEqual([
      ['failed', 'telegram_blocked'],
      ['failed', 'telegram_blocked'],
    ]);
    const audience = (await pushRecipients(h.db.db, {})).map((r) => r.memberId);
    expect(audience).not.toContain(person.memberId);
    expect(audience).toContain(groupie.memberId);
  });

  it('a second enqueue with the same idempotency key does nothing', async () => {
    expect(await enqueueMany(h.db.db, [row('telegram', '205', 'same')], h.clock.now())).toBe(1);
    expect(await enqueueMany(h.db.db, [row('telegram', '205', 'same')], h.clock.now())).toBe(0);
    await h.runtime.dispatcher.drain();
    expect(h.tg.sent('205')).toHaveLength(1);
  });

  it('loses nothing when the process dies with rows claimed: they are sent after the lease expires', async () => {
    await enqueueMany(h.db.db, [row('telegram', '206', 'e'), row('telegram', '207', 'f')], h.clock.now());
    // A dispatcher that died right after claiming: the rows are "sending" with a lease.
    await h.db.db.update(outbox).set({ status: 'sending', leaseUntil: new Date(h.clock.now().getTime() + 60_000), attempts: 1 });
    await h.restart();
    expect((await h.runtime.dispatcher.runOnce()).claimed).toBe(0); // still leased
    h.clock.advance(61_000);
    await h.runtime.dispatcher.drain();
    expect(h.tg.sent('206')).toHaveLength(1);
    expect(h.tg.sent('207')).toHaveLength(1);
    const [e] = await h.db.db.select().from(outbox).where(eq(outbox.idempotencyKey, 'e'));
    expect(e).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('paces one chat at most once a second on Telegram', async () => {
    await enqueueMany(h.db.db, [row('telegram', '208', 'g1'), row('telegram', '208', 'g2'), row('telegram', '208', 'g3')], h.clock.now());
    await h.runtime.dispatcher.drain();
    const at = h.tg.calls.filter((c) => c.method === 'sendMessage').map((c) => c.at);
    expect(at).toHaveLength(3);
    // Stamped with the test clock: the limiter moved it forward instead of waiting.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1000);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(1000);
  });

  it('the background loop (start/kick/stop) sends what a webhook queued, retries on the test clock, and stops', async () => {
    const d = h.runtime.dispatcher;
    d.start();
    d.start(); // a second start is a no-op
    // A webhook queues a reply; the core's onQueued kicks the loop awake.
    expect((await h.telegram(tgText(301, '/start'))).status).toBe(200);
    await h.tg.waitFor(() => h.tg.sent('301').length >= 1);
    // Three rows to one chat: paced one a second on the test clock, sent by the loop alone.
    await enqueueMany(h.db.db, [row('telegram', '302', 'l1'), row('telegram', '302', 'l2'), row('telegram', '302', 'l3')], h.clock.now());
    d.kick();
    await h.tg.waitFor(() => h.tg.sent('302').length === 3);
    const at = h.tg.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.chat_id) === '302').map((c) => c.at);
    expect(at[2]! - at[0]!).toBeGreaterThanOrEqual(2000);
    // A 5xx: the loop leaves the row queued for later; once the clock passes the back-off, a kick sends it.
    h.tg.fail5xxNext(1);
    await enqueueMany(h.db.db, [row('telegram', '303', 'l4')], h.clock.now());
    d.kick();
    await h.tg.waitFor(() => h.tg.calls.some((c) => c.method === 'sendMessage' && Number(c.status) >= 500));
    await waitUntil(async () => (await rows()).some((r) => r.idempotencyKey === 'l4' && r.status === 'queued' && r.attempts === 1));
    h.clock.advance(60_000);
    d.kick();
    await h.tg.waitFor(() => h.tg.sent('303').length === 1);
    await d.stop();
    // Stopped: a new row stays queued until someone sends it.
    await enqueueMany(h.db.db, [row('telegram', '304', 'l5')], h.clock.now());
    d.kick();
    expect((await rows()).find((r) => r.idempotencyKey === 'l5')!.status).toBe('queued');
    expect((await d.runOnce()).sent).toBe(1);
  });
});
