// Welcome back (issue 20): a member who missed today's digest because Zalo's 7-day window had
// closed (or, on Telegram, because they had never opened a private chat with the bot) gets it as
// soon as they write in private, once; a stop or a deletion in that same message wins.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, tgText, zaloText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { createTestClock } from '../support/clock';
import { jobs, runJobs } from '../../src/jobs/schedule';

/** 08:00 on 21/11/2026 in Asia/Ho_Chi_Minh, after DIGEST_TIME. */
const NOW = new Date('2026-11-21T01:00:00Z');
const DAY = 24 * 3600_000;
const DIGEST = 'Điểm tin ngày 21/11/2026';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const digestsTo = (user: string) => h.zalo.sent().filter((m) => m.userId === user && m.text.includes(DIGEST));
const tgDigestsTo = (chat: number) => h.tg.sent(chat).filter((p) => String(p.text).includes(DIGEST));
interface Deliveries {
  zaloReach: { reached: number; outsideWindow: number };
  reasons: Record<string, Record<string, number>>;
}
const deliveries = async () => (await (await h.api('GET', '/api/deliveries?ref=digest:2026-11-21')).json()) as Deliveries;

describe('welcome back', () => {
  it('sends the missed digest once when the member writes again, not after a stop', async () => {
    h = await startHarness({ clock: createTestClock(NOW) });
    const old = new Date(NOW.getTime() - 9 * DAY);
    for (const id of ['z-in', 'z-back', 'z-stop', 'z-quiet']) {
      await seedMember(h.db.db, { at: old, identities: [{ platform: 'zalo', externalId: id, lastInboundAt: id === 'z-in' ? NOW : old }] });
    }
    // A Telegram member who registered from a group and never opened the bot's private chat.
    await seedMember(h.db.db, { at: old, identities: [{ platform: 'telegram', externalId: '7001', lastInboundAt: old, privateChat: false }] });
    const art = await h.api('POST', '/api/articles', { date: '2026-11-21', url: 'https://tuoitre.vn/le-hoi.htm', title: 'Lễ hội áo dài' });
    expect(art.status).toBe(201);
    await runJobs(h.runtime.jobContext, h.clock.now(), jobs.filter((j) => j.name === 'digest'));
    await h.settle();
    expect(digestsTo('z-in')).toHaveLength(1);
    expect(digestsTo('z-back')).toHaveLength(0);
    expect((await deliveries()).zaloReach).toEqual({ reached: 1, outsideWindow: 3 });
    expect((await deliveries()).reasons.skipped?.telegram_no_private_chat).toBe(1);
    expect(tgDigestsTo(7001)).toHaveLength(0);

    // z-back writes an hour later: the answer to the message, and today's digest at once.
    h.clock.set(new Date(NOW.getTime() + 3600_000));
    await h.zaloEvent(zaloText('z-back', 'chào Loa', h.clock.now()));
    await h.settle();
    expect(digestsTo('z-back')).toHaveLength(1);
    // Writing again the same day brings nothing twice.
    await h.zaloEvent(zaloText('z-back', 'cảm ơn', h.clock.now()));
    await h.settle();
    expect(digestsTo('z-back')).toHaveLength(1);

    // A member whose message is a stop does not get it.
    await h.zaloEvent(zaloText('z-stop', '/ngung', h.clock.now()));
    await h.settle();
    expect(digestsTo('z-stop')).toHaveLength(0);

    // Telegram: a private /start opens the private chat, and the digest follows.
    await h.telegram(tgText(7001, '/start'));
    await h.settle();
    expect(tgDigestsTo(7001)).toHaveLength(1);

    // The numbers follow: z-back counts as reached; z-stop and z-quiet stay outside the window.
    const d = await deliveries();
    expect(d.zaloReach).toEqual({ reached: 2, outsideWindow: 2 });
    expect(d.reasons.skipped?.telegram_no_private_chat ?? 0).toBe(0);

    // Tomorrow's message does not bring back yesterday's digest.
    h.clock.set(new Date(NOW.getTime() + DAY));
    await h.zaloEvent(zaloText('z-quiet', 'xin chào', h.clock.now()));
    await h.settle();
    expect(digestsTo('z-quiet')).toHaveLength(0);
  });
});
