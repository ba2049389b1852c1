// Reach as a number (SPEC §4, issue "Keep Zalo members reachable"): the Zalo members a digest
// reached and those it skipped outside the 7-day window, the share reachable now, in the
// officials' digest summary, /thongke, GET /api/stats, and GET /api/deliveries — the same numbers.
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chatIdentities } from '../../db/schema';
import { open, signInOfficial } from '../support/console';
import { startHarness, tgText, zaloText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { createTestClock } from '../support/clock';
import { jobs, runJobs } from '../../src/jobs/schedule';

const DATE = '2026-11-21';
/** 07:00 on 21/11/2026 in Asia/Ho_Chi_Minh: DIGEST_TIME. */
const AT = new Date('2026-11-21T00:00:00Z');
const DAY = 24 * 3600_000;

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const digestJobs = jobs.filter((j) => j.name === 'digest' || j.name === 'digest-summary');
const tick = () => runJobs(h.runtime.jobContext, h.clock.now(), digestJobs);

interface Stats {
  zaloReach: { members: number; reachableNow: number; outsideWindow: number; shareReachable: number | null };
}
interface Deliveries {
  zaloReach: { reached: number; outsideWindow: number };
  deliveries: { platform: string; status: string; reason: string | null }[];
}

async function stats(): Promise<Stats['zaloReach']> {
  const res = await h.api('GET', '/api/stats');
  expect(res.status).toBe(200);
  return ((await res.json()) as Stats).zaloReach;
}

describe('Zalo reach', () => {
  it('counts reached, outside the window and reachable now the same way everywhere', async () => {
    h = await startHarness({ clock: createTestClock(AT), env: { OFFICIALS: 'telegram:900' } });
    await h.db.db.update(chatIdentities).set({ privateChatAt: AT }).where(eq(chatIdentities.externalId, '900'));
    // 6 Zalo members who wrote 2 days ago, 3 who wrote 10 days ago, 1 who never wrote; 2 on Telegram.
    for (let i = 0; i < 6; i++) await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: `z-in-${i}`, lastInboundAt: new Date(AT.getTime() - 2 * DAY) }] });
    for (let i = 0; i < 3; i++) await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: `z-out-${i}`, lastInboundAt: new Date(AT.getTime() - 10 * DAY) }] });
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: 'z-never', lastInboundAt: null }] });
    for (let i = 0; i < 2; i++) await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: String(7000 + i) }] });

    expect(await stats()).toEqual({ members: 10, reachableNow: 6, outsideWindow: 4, shareReachable: 0.6 });

    const add = await h.api('POST', '/api/articles', { date: DATE, url: 'https://tuoitre.vn/le-hoi-ao-dai-2026.htm', title: 'Khai mạc Lễ hội Áo dài' });
    expect(add.status).toBe(201);
    await tick();
    await h.settle();
    await tick();
    await h.settle();

    // The deliveries API: zaloReach equals the per-recipient rows it lists.
    const res = await h.api('GET', `/api/deliveries?ref=digest:${DATE}`);
    const d = (await res.json()) as Deliveries;
    const zalo = d.deliveries.filter((x) => x.platform === 'zalo');
    expect(d.zaloReach).toEqual({
      reached: zalo.filter((x) => x.status === 'sent').length,
      outsideWindow: zalo.filter((x) => x.status === 'skipped' && x.reason === 'zalo_outside_window').length,
    });
    expect(d.zaloReach).toEqual({ reached: 6, outsideWindow: 4 });
    expect(h.zalo.sent().filter((m) => m.text.includes('Điểm tin ngày 21/11/2026'))).toHaveLength(6);

    // The console's 30-day line shows the same numbers for the day (table beside the chart).
    const cookie = await signInOfficial(h, 900);
    const page = await (await open(h, '/console', { headers: { cookie } })).text();
    expect(page).toContain('Zalo: điểm tin đến được bao nhiêu người, 30 ngày qua');
    expect(page).toMatch(new RegExp(`<tr data-reach-day="${DATE}"><td>21/11/2026</td><td class="num">6</td><td class="num">4</td><td class="num">60 %</td></tr>`));
    expect(page).toContain('<polyline');

    // The officials' summary carries the same numbers and the share reachable now.
    const summary = h.tg.sent(900).map((p) => String(p.text)).find((t) => t.includes('đã xử lý xong'));
    expect(summary).toContain('📶 Zalo: 6 người nhận được, 4 người ngoài cửa sổ 7 ngày. Hiện Loa còn gửi được cho 60 % thành viên Zalo.');

    // Six days later the members who wrote 2 days before the digest are outside too; one writes again.
    h.clock.set(new Date(AT.getTime() + 6 * DAY));
    expect(await stats()).toEqual({ members: 10, reachableNow: 0, outsideWindow: 10, shareReachable: 0 });
    expect((await h.zaloEvent(zaloText('z-in-0', 'chào Loa', h.clock.now()))).status).toBe(200);
    await h.settle();
    expect(await stats()).toEqual({ members: 10, reachableNow: 1, outsideWindow: 9, shareReachable: 0.1 });

    // /thongke for the official shows it; for a creator it does not.
    await h.telegram(tgText(900, '/thongke'));
    await h.settle();
    expect(h.tg.sent(900).map((p) => String(p.text)).join('\n')).toContain('📶 Zalo: hiện gửi được cho 1/10 thành viên (10 %); 9 người ngoài cửa sổ 7 ngày');
    await h.telegram(tgText(7000, '/thongke'));
    await h.settle();
    expect(h.tg.sent(7000).map((p) => String(p.text)).join('\n')).not.toContain('📶');
  });

  it('leaves the line out when there is no Zalo member', async () => {
    h = await startHarness({ clock: createTestClock(AT), env: { OFFICIALS: 'telegram:900' } });
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '7100' }] });
    expect(await stats()).toEqual({ members: 0, reachableNow: 0, outsideWindow: 0, shareReachable: null });
    await h.telegram(tgText(900, '/thongke'));
    await h.settle();
    expect(h.tg.sent(900).map((p) => String(p.text)).join('\n')).not.toContain('📶');
  });
});
