// Keeping Zalo members reachable (SPEC §4): a Zalo member whose 7-day window closes within 48 h
// gets «Nhận tiếp điểm tin» (an oa.query button) at most once in 5 days; the tap is an
// interaction that renews the window. Ten days simulated with the test clock over the fake Zalo.
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startHarness, tgText, zaloText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { createTestClock } from '../support/clock';
import { jobs, runJobs } from '../../src/jobs/schedule';

/** 07:00 on 21/11/2026 in Asia/Ho_Chi_Minh (DIGEST_TIME). */
const DAY0 = new Date('2026-11-21T00:00:00Z');
const DAY = 24 * 3600_000;
const RENEWAL = 'Bấm «Nhận tiếp điểm tin»';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const dailyJobs = jobs.filter((j) => ['digest', 'zalo-renewal', 'digest-summary'].includes(j.name));
const isoDay = (d: number) => new Date(DAY0.getTime() + d * DAY).toISOString().slice(0, 10);

async function addArticle(date: string) {
  const res = await h.api('POST', '/api/articles', { date, url: `https://tuoitre.vn/bai-${date}.htm`, title: `Tin văn hóa ngày ${date}` });
  expect(res.status).toBe(201);
}

const renewalsTo = (user: string) => h.zalo.sent().filter((m) => m.userId === user && m.text.includes(RENEWAL));

interface Deliveries {
  zaloReach: { reached: number; outsideWindow: number };
}

describe('Zalo window renewal', () => {
  it('keeps the members who tap in reach, at most one line in 5 days, never on Telegram', async () => {
    h = await startHarness({ clock: createTestClock(DAY0), env: { OFFICIALS: 'telegram:900' } });
    const joined = new Date(DAY0.getTime() - 3600_000);
    const active = Array.from({ length: 60 }, (_, i) => `za-${i}`);
    const tappers = Array.from({ length: 20 }, (_, i) => `zt-${i}`);
    const silent = Array.from({ length: 20 }, (_, i) => `zs-${i}`);
    for (const id of [...active, ...tappers, ...silent]) await seedMember(h.db.db, { at: joined, identities: [{ platform: 'zalo', externalId: id, lastInboundAt: joined }] });
    for (let i = 0; i < 5; i++) await seedMember(h.db.db, { at: joined, identities: [{ platform: 'telegram', externalId: String(8000 + i), lastInboundAt: joined }] });

    const reach: Record<number, Deliveries['zaloReach']> = {};
    const tapReplies: string[] = [];
    for (let d = 0; d <= 10; d++) {
      h.clock.set(new Date(DAY0.getTime() + d * DAY));
      // The 60 active members write every morning: the first one through the webhook, the others
      // recorded straight in the database (the same last-inbound time a message would set).
      await h.zaloEvent(zaloText(active[0]!, 'chào Loa', h.clock.now()));
      await h.settle();
      await h.db.db.run(sql`UPDATE chat_identities SET last_inbound_at = ${h.clock.now().getTime()} WHERE external_id LIKE 'za-%'`);
      await addArticle(isoDay(d));
      await h.settle();
      await runJobs(h.runtime.jobContext, h.clock.now(), dailyJobs);
      await h.settle();
      // The 40 silent members never write; half of them tap the button when it comes today.
      for (const id of tappers) {
        const lines = renewalsTo(id);
        if (lines.length && lines.length > tapReplies.filter((r) => r === id).length) {
          const button = (lines.at(-1)!.payload as { attachment?: { payload?: { buttons?: { type: string; payload: string }[] } } }).attachment?.payload?.buttons?.[0];
          expect(button).toMatchObject({ type: 'oa.query.show', payload: 'nhan tiep' });
          await h.zaloEvent(zaloText(id, button!.payload, h.clock.now()));
          tapReplies.push(id);
        }
      }
      await h.settle();
      const res = await h.api('GET', `/api/deliveries?ref=digest:${isoDay(d)}`);
      reach[d] = ((await res.json()) as Deliveries).zaloReach;
    }

    // Until day 6 everyone is inside the window; from day 7 the silent 20 are skipped, the tappers stay.
    expect(reach[6]).toEqual({ reached: 100, outsideWindow: 0 });
    expect(reach[7]).toEqual({ reached: 80, outsideWindow: 20 });
    expect(reach[10]).toEqual({ reached: 80, outsideWindow: 20 });
    const stats = (await (await h.api('GET', '/api/stats')).json()) as { zaloReach: { shareReachable: number } };
    expect(stats.zaloReach.shareReachable).toBe(0.8);

    // The line: on day 5 to the 40 who had not written; again on day 10 only to the tappers (5 days later).
    for (const id of tappers) expect(renewalsTo(id)).toHaveLength(2);
    for (const id of silent) expect(renewalsTo(id)).toHaveLength(1);
    for (const id of active) expect(renewalsTo(id)).toHaveLength(0);
    for (let i = 0; i < 5; i++) expect(h.tg.sent(8000 + i).filter((p) => String(p.text).includes('Nhận tiếp'))).toHaveLength(0);
    // Each tap is answered with one short line.
    const thanks = h.zalo.sent().filter((m) => m.userId === tappers[0] && m.text.includes('Loa sẽ tiếp tục gửi điểm tin'));
    expect(thanks).toHaveLength(2);
  }, 120_000);

  it('/ngung nhac turns the line off, /tieptuc nhac on again, and the member still gets the digest', async () => {
    h = await startHarness({ clock: createTestClock(DAY0), env: { OFFICIALS: 'telegram:900' } });
    await seedMember(h.db.db, { at: DAY0, identities: [{ platform: 'zalo', externalId: 'zoff', lastInboundAt: DAY0 }] });
    await seedMember(h.db.db, { at: DAY0, identities: [{ platform: 'zalo', externalId: 'zon', lastInboundAt: DAY0 }] });
    await h.zaloEvent(zaloText('zoff', 'ngừng nhắc', DAY0));
    await h.settle();
    expect(h.zalo.sent().filter((m) => m.userId === 'zoff').at(-1)?.text).toContain('Đã tắt lời nhắc');

    h.clock.set(new Date(DAY0.getTime() + 5 * DAY + 60_000));
    await addArticle(isoDay(5));
    await runJobs(h.runtime.jobContext, h.clock.now(), dailyJobs);
    await h.settle();
    expect(renewalsTo('zon')).toHaveLength(1);
    expect(renewalsTo('zoff')).toHaveLength(0);
    expect(h.zalo.sent().filter((m) => m.userId === 'zoff' && m.text.includes('Điểm tin ngày 26/11/2026'))).toHaveLength(1);
    // A second tick the same day sends nothing twice.
    await runJobs(h.runtime.jobContext, h.clock.now(), dailyJobs);
    await h.settle();
    expect(renewalsTo('zon')).toHaveLength(1);

    // /tieptuc nhac turns it on; the member is not a Telegram case: Telegram's "keep" gets a pointer.
    await h.zaloEvent(zaloText('zoff', '/tieptuc nhac', h.clock.now()));
    await h.settle();
    expect(h.zalo.sent().filter((m) => m.userId === 'zoff').at(-1)?.text).toContain('Đã bật lại');
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '8100' }] });
    await h.telegram(tgText(8100, 'nhan tiep'));
    await h.settle();
    expect(String(h.tg.sent(8100).at(-1)?.text)).toContain('Trên Telegram bạn luôn nhận được điểm tin');
  });
});
