// One rule for "which day does a new article go to" and a late digest from chat (issue 19): the
// server starts after DIGEST_TIME with no articles; chat, API and /tin agree that today's digest
// is still open; an official sends it late with /guitin and a confirmation; after that, new
// articles go to tomorrow everywhere.
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chatIdentities } from '../../db/schema';
import { startHarness, tgCallback, tgText, zaloText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { createTestClock } from '../support/clock';
import { jobs, runJobs } from '../../src/jobs/schedule';

/** 09:30 on 21/11/2026 in Asia/Ho_Chi_Minh: after DIGEST_TIME (07:00). */
const LATE = '2026-11-21T02:30:00Z';
const HEADING = '📰 Điểm tin ngày 21/11/2026';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const digestJobs = jobs.filter((j) => j.name === 'digest' || j.name === 'digest-summary');
const tick = () => runJobs(h.runtime.jobContext, h.clock.now(), digestJobs);
const official = async (text: string) => {
  await h.telegram(tgText(900, text));
  await h.settle();
  return String(h.tg.sent(900).at(-1)?.text);
};

describe('a digest the schedule found empty', () => {
  it('stays open for today in chat, API and /tin, and an official sends it late with /guitin', async () => {
    h = await startHarness({ clock: createTestClock(LATE), env: { OFFICIALS: 'telegram:900' } });
    await h.db.db.update(chatIdentities).set({ privateChatAt: h.clock.now() }).where(eq(chatIdentities.externalId, '900'));
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1001' }] });
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: 'z2001', lastInboundAt: h.clock.now() }] });

    // Start after DIGEST_TIME with nothing: the officials hear it once, with the way out.
    await tick();
    await h.settle();
    expect(await official('/guitin')).toContain('Điểm tin ngày 21/11/2026 chưa có bài nào. Thêm bài bằng /them');

    // Chat and API both add to today; the member's /tin shows today's articles.
    expect(await official('/them https://tuoitre.vn/le-hoi-ao-dai.htm Khai mạc Lễ hội Áo dài')).toContain('điểm tin ngày 21/11/2026');
    const api = await h.api('POST', '/api/articles', { url: 'https://vnexpress.net/marathon.html', title: 'Giải marathon quốc tế' });
    expect(api.status).toBe(201);
    expect(((await api.json()) as { article: { date: string } }).article.date).toBe('2026-11-21');
    await h.telegram(tgText(1001, '/tin'));
    await h.settle();
    expect(String(h.tg.sent(1001).at(-1)?.text)).toContain('Giải marathon quốc tế');
    // Nothing went out by itself.
    await tick();
    await h.settle();
    expect(h.tg.sent(1001).filter((p) => String(p.text).includes(HEADING))).toHaveLength(1); // the /tin answer only

    // /guitin: the digest as members will read it, then a confirmation; a wrong answer changes nothing.
    await official('/guitin');
    const sentToOfficial = h.tg.sent(900).map((p) => String(p.text));
    expect(sentToOfficial.at(-2)).toContain(HEADING);
    expect(sentToOfficial.at(-1)).toContain('Gửi ngay điểm tin ngày 21/11/2026 (2 bài, như trên)');
    expect(await official('có lẽ')).toBe('Gõ GUI để gửi điểm tin, hoặc HUY để thôi.');
    expect(h.zalo.sent().filter((m) => m.text.includes(HEADING))).toHaveLength(0);
    // The Telegram button confirms.
    await h.telegram(tgCallback(900, 'ldg:send'));
    await h.settle();
    expect(String(h.tg.sent(900).find((p) => String(p.text).startsWith('✅ Đang gửi điểm tin'))?.text)).toContain('2 tin nhắn');
    expect(h.zalo.sent().filter((m) => m.userId === 'z2001' && m.text.includes(HEADING))).toHaveLength(1);
    expect(h.tg.sent(1001).filter((p) => String(p.text).includes(HEADING))).toHaveLength(2);

    // Sent once; from now on new articles go to tomorrow, in chat and in the API.
    expect(await official('/guitin')).toMatch(/^Điểm tin ngày 21\/11\/2026 đã được gửi lúc /);
    expect(await official('/them https://thanhnien.vn/bao-tang.htm Bảo tàng mở cửa ban đêm')).toContain('điểm tin ngày 22/11/2026');
    const next = await h.api('POST', '/api/articles', { url: 'https://sggp.org.vn/nhac-hoi.html', title: 'Đêm nhạc hội' });
    expect(((await next.json()) as { article: { date: string } }).article.date).toBe('2026-11-22');
  });

  it('HUY stops it, a member cannot use it, and a Zalo official confirms by typing', async () => {
    h = await startHarness({ clock: createTestClock(LATE), env: { OFFICIALS: 'zalo:901' } });
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1001' }] });
    await h.api('POST', '/api/articles', { url: 'https://tuoitre.vn/a.htm', title: 'Tin văn hóa một' });
    const zalo = async (user: string, text: string) => {
      await h.zaloEvent(zaloText(user, text, h.clock.now()));
      await h.settle();
      return h.zalo.sent().filter((m) => m.userId === user).at(-1)?.text ?? '';
    };
    await zalo('901', '/guitin');
    expect(await zalo('901', 'HUY')).toBe('Đã thôi, Loa không gửi điểm tin.');
    await h.telegram(tgText(1001, '/guitin'));
    await h.settle();
    expect(String(h.tg.sent(1001).at(-1)?.text)).toContain('chỉ dành cho cán bộ');
    expect(h.tg.sent(1001).filter((p) => String(p.text).includes(HEADING))).toHaveLength(0);
    await zalo('901', '/guitin');
    expect(await zalo('901', 'gui')).toContain('✅ Đang gửi điểm tin ngày 21/11/2026');
    await h.settle();
    expect(h.tg.sent(1001).filter((p) => String(p.text).includes(HEADING))).toHaveLength(1);
  });
});
