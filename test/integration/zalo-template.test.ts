// The paid template fallback (SPEC §4): with ZALO_TEMPLATE_ID and ZALO_TEMPLATE_DAILY_MAX, Zalo
// members a digest skipped because they were outside the 7-day window get the approved ZBS
// template through POST /v3.0/oa/message/template, within the day's budget, oldest interaction
// first; errors from the template endpoint are recorded per user. Over the fake Zalo API with a
// test clock.
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chatIdentities } from '../../db/schema';
import { startHarness, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { createTestClock } from '../support/clock';
import { jobs, runJobs } from '../../src/jobs/schedule';

/** 07:00 on 21/11/2026 in Asia/Ho_Chi_Minh (DIGEST_TIME). */
const DAY0 = new Date('2026-11-21T00:00:00Z');
const DAY = 24 * 3600_000;
const dailyJobs = jobs.filter((j) => ['digest', 'digest-summary'].includes(j.name));

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function addArticle(date: string, n = 1) {
  const res = await h.api('POST', '/api/articles', { date, url: `https://tuoitre.vn/bai-${date}-${n}.htm`, title: `Tin văn hóa ${n} ngày ${date}` });
  expect(res.status).toBe(201);
}

interface Deliveries {
  counts: Record<string, number>;
  reasons: Record<string, Record<string, number>>;
  zaloReach: { reached: number; outsideWindow: number };
}
const deliveries = async (ref: string) => (await (await h.api('GET', `/api/deliveries?ref=${ref}`)).json()) as Deliveries;
const templateCalls = () => h.zalo.calls.filter((c) => c.path === '/v3.0/oa/message/template');

/** 10 Zalo members inside the window, 20 outside (zo-0 wrote last, 8 days ago + 0 h; zo-19 the longest ago), 2 on Telegram. */
async function seedAudience() {
  for (let i = 0; i < 10; i++) await seedMember(h.db.db, { at: new Date(DAY0.getTime() - 30 * DAY), identities: [{ platform: 'zalo', externalId: `zi-${i}`, lastInboundAt: new Date(DAY0.getTime() - DAY) }] });
  for (let i = 0; i < 20; i++) {
    const last = new Date(DAY0.getTime() - 8 * DAY - i * 3600_000);
    await seedMember(h.db.db, { at: new Date(DAY0.getTime() - 30 * DAY), identities: [{ platform: 'zalo', externalId: `zo-${i}`, lastInboundAt: last }] });
  }
  for (let i = 0; i < 2; i++) await seedMember(h.db.db, { at: DAY0, identities: [{ platform: 'telegram', externalId: String(8000 + i), lastInboundAt: DAY0 }] });
}

describe('paid Zalo template fallback', () => {
  it('sends the template to members outside the window within the daily budget, oldest interaction first', async () => {
    h = await startHarness({
      clock: createTestClock(DAY0),
      env: { OFFICIALS: 'telegram:900', ZALO_TEMPLATE_ID: 'loa_digest_01', ZALO_TEMPLATE_DAILY_MAX: '15' },
    });
    await seedAudience();
    await h.db.db.update(chatIdentities).set({ privateChatAt: DAY0 }).where(eq(chatIdentities.externalId, '900'));
    // The two who wrote longest ago answer with per-user errors from the template endpoint.
    h.zalo.setTemplateUserError('zo-19', -230);
    h.zalo.setTemplateUserError('zo-18', -232);
    await addArticle('2026-11-21', 1);
    await addArticle('2026-11-21', 2);
    await runJobs(h.runtime.jobContext, h.clock.now(), dailyJobs);
    await h.settle();

    // Budget respected exactly: 15 calls, to the 15 oldest interactions (zo-19 … zo-5).
    const calls = templateCalls();
    expect(calls).toHaveLength(15);
    expect(new Set(calls.map((c) => (c.body as { user_id: string }).user_id))).toEqual(new Set(Array.from({ length: 15 }, (_, i) => `zo-${19 - i}`)));
    // The body as Zalo expects it.
    expect(calls[0]!.body).toEqual({ user_id: expect.stringMatching(/^zo-/), template_id: 'loa_digest_01', template_data: { date: '21/11/2026', n: '2' } });
    expect(h.zalo.templateSends()).toHaveLength(13);
    // Nobody inside the window, and no Telegram member, gets a template; the inside ones get the digest.
    expect(calls.some((c) => String((c.body as { user_id: string }).user_id).startsWith('zi-'))).toBe(false);
    expect(h.zalo.sent().filter((m) => m.userId.startsWith('zi-') && m.text.includes('Điểm tin ngày 21/11/2026'))).toHaveLength(10);
    expect(h.zalo.sent().filter((m) => m.userId.startsWith('zo-'))).toHaveLength(0);

    // The digest's own rows stay skipped (reach is unchanged); the templates are counted apart, errors per user.
    expect((await deliveries('digest:2026-11-21')).zaloReach).toEqual({ reached: 10, outsideWindow: 20 });
    const tpl = await deliveries('zalo-template:2026-11-21');
    expect(tpl.counts.sent).toBe(13);
    expect(tpl.reasons.skipped).toEqual({ zalo_outside_window: 1, zalo_no_interaction: 1 });

    // The officials' summary shows the cost beside reach, once everything is final.
    await runJobs(h.runtime.jobContext, h.clock.now(), dailyJobs);
    await h.settle();
    const summary = h.tg.sent(900).map((p) => String(p.text)).find((t) => t.includes('đã xử lý xong'));
    expect(summary).toContain('📶 Zalo: 10 người nhận được, 20 người ngoài cửa sổ 7 ngày');
    expect(summary).toContain('💳 Tin mẫu Zalo (trả phí) cho người ngoài cửa sổ 7 ngày: đã gửi 13, 2 không gửi được. Hôm nay đã dùng 15/15 tin.');
    const stats = (await (await h.api('GET', '/api/stats')).json()) as { zaloTemplates: unknown };
    expect(stats.zaloTemplates).toEqual({ enabled: true, usedToday: 15, dailyMax: 15 });

    // Later the same day: another digest (tomorrow's, sent early through the API) finds the budget spent.
    await addArticle('2026-11-22', 1);
    expect((await h.api('POST', '/api/digests/2026-11-22/send', {})).status).toBeLessThan(300);
    await h.settle();
    expect(templateCalls()).toHaveLength(15);

    // The next day the budget is new, and the 5 left out yesterday come first (oldest interaction first).
    h.clock.set(new Date(DAY0.getTime() + 2 * DAY));
    await addArticle('2026-11-23', 1);
    await runJobs(h.runtime.jobContext, h.clock.now(), dailyJobs);
    await h.settle();
    const day3 = templateCalls().slice(15);
    expect(day3).toHaveLength(15);
    expect(new Set(day3.map((c) => (c.body as { user_id: string }).user_id))).toEqual(new Set(Array.from({ length: 15 }, (_, i) => `zo-${19 - i}`)));
  }, 60_000);

  it('is off by default: members outside the window are skipped and no template is sent', async () => {
    h = await startHarness({ clock: createTestClock(DAY0), env: { OFFICIALS: 'telegram:900' } });
    await seedAudience();
    await addArticle('2026-11-21');
    await runJobs(h.runtime.jobContext, h.clock.now(), dailyJobs);
    await h.settle();
    expect(templateCalls()).toHaveLength(0);
    expect((await deliveries('digest:2026-11-21')).zaloReach).toEqual({ reached: 10, outsideWindow: 20 });
    const stats = (await (await h.api('GET', '/api/stats')).json()) as { zaloTemplates: unknown };
    expect(stats.zaloTemplates).toEqual({ enabled: false, usedToday: 0, dailyMax: 0 });
  });
});
