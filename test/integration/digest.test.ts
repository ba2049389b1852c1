// The daily digest end to end: articles through the API and chat, the schedule with the clock
// passed in, fan-out through the outbox to the platform fakes, picks, the officials' summary.
import { afterEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { chatIdentities } from '../../db/schema';
import { startHarness, tgCallback, tgText, zaloText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { createTestClock } from '../support/clock';
import { parseTelegramHtml } from '../fakes/telegram-api';
import { jobs, runJobs } from '../../src/jobs/schedule';
import { digestPickStatsText } from '../../src/core/features/digest';
import { messagesFor } from '../../src/i18n';

const DATE = '2026-11-21';
/** 06:59 and 07:00 on 21/11/2026 in Asia/Ho_Chi_Minh (UTC+7). */
const BEFORE = '2026-11-20T23:59:00Z';
const AT = '2026-11-21T00:00:00Z';
const HEADING = 'Điểm tin ngày 21/11/2026';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function start(env: Record<string, string> = {}, at = BEFORE) {
  h = await startHarness({ clock: createTestClock(at), env: { OFFICIALS: 'telegram:900,zalo:901', ...env } });
  return h;
}

/** The configured Telegram official has opened the private chat with the bot (SPEC §6: pushes need it). */
async function officialOpenedBot() {
  await h.db.db.update(chatIdentities).set({ privateChatAt: h.clock.now() }).where(eq(chatIdentities.externalId, '900'));
}

const digestJobs = jobs.filter((j) => j.name === 'digest' || j.name === 'digest-summary');
const tick = () => runJobs(h.runtime.jobContext, h.clock.now(), digestJobs);

async function addArticle(body: Record<string, unknown>) {
  const res = await h.api('POST', '/api/articles', { date: DATE, ...body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { article: { id: number } }).article;
}

async function addThree() {
  await addArticle({ url: 'https://tuoitre.vn/le-hoi-ao-dai-2026.htm', title: 'Khai mạc Lễ hội Áo dài TP.HCM 2026' });
  await addArticle({ url: 'https://vnexpress.net/giai-marathon-quoc-te.html', title: 'Giải marathon quốc tế thu hút 15.000 vận động viên' });
  await addArticle({ url: 'https://www.sggp.org.vn/bao-tang-mo-cua-dem.html', title: 'Bảo tàng mở cửa ban đêm dịp cuối tuần' });
}

const tgDigests = (chat: string | number) => h.tg.sent(chat).filter((p) => String(p.text).includes(`📰 ${HEADING}`));
const zaloDigests = (user: string) => h.zalo.sent().filter((m) => m.userId === user && m.text.includes(`📰 ${HEADING}`));
const digestRows = async () =>
  Number((await h.db.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM outbox WHERE ref = ${'digest:' + DATE}`))[0]!.n);

describe('digest schedule', () => {
  it('queues nothing before DIGEST_TIME, then the digest once', async () => {
    await start();
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1001' }] });
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '2001' }] });
    await addThree();

    await tick();
    await h.settle();
    expect(await digestRows()).toBe(0);
    expect(tgDigests(1001)).toHaveLength(0);

    h.clock.set(AT);
    await tick();
    await tick();
    expect(await digestRows()).toBe(2);
    await h.settle();
    expect(tgDigests(1001)).toHaveLength(1);
    expect(zaloDigests('2001')).toHaveLength(1);
    const tg = tgDigests(1001)[0]!;
    expect(String(tg.text)).toContain('<a href="https://tuoitre.vn/le-hoi-ao-dai-2026.htm"><b>Khai mạc Lễ hội Áo dài TP.HCM 2026</b></a>');
    expect(String(tg.text)).toContain('<i>Sài Gòn Giải Phóng</i>');
    const keyboard = (tg.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(keyboard.map((b) => b.text)).toEqual(['Dùng bài 1', 'Dùng bài 2', 'Dùng bài 3']);
    expect(keyboard[1]!.callback_data).toBe(`pick:${DATE}:2`);
    const zalo = zaloDigests('2001')[0]!;
    expect(zalo.text).toContain('1. Khai mạc Lễ hội Áo dài TP.HCM 2026: https://tuoitre.vn/le-hoi-ao-dai-2026.htm');
    expect(zalo.text).toContain('VnExpress');
  });

  it('catches up on a late tick the same day', async () => {
    await start({}, '2026-11-21T04:30:00Z'); // 11:30 local
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1002' }] });
    await addThree();
    await tick();
    await h.settle();
    expect(tgDigests(1002)).toHaveLength(1);
  });

  it('gives one message per member and platform after two ticks, a restart and the API call', async () => {
    await start({}, AT);
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1003' }] });
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '2003' }] });
    await addThree();
    await tick();
    await h.restart();
    await tick();
    const res = await h.api('POST', `/api/digests/${DATE}/send`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ date: DATE, articles: 3, recipients: 2, queued: 0, alreadyQueued: 2, skipped: 0 });
    await h.settle();
    await h.restart();
    await tick();
    await h.settle();
    expect(tgDigests(1003)).toHaveLength(1);
    expect(zaloDigests('2003')).toHaveLength(1);
    expect(await digestRows()).toBe(2);
  });

  it('sends the API-queued digest of any date and answers the counts', async () => {
    await start({}, BEFORE);
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1004' }] });
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '2004', lastInboundAt: new Date('2026-11-01T00:00:00Z') }] });
    const none = await h.api('POST', `/api/digests/${DATE}/send`);
    expect(none.status).toBe(409);
    await addThree();
    const res = await h.api('POST', `/api/digests/${DATE}/send`);
    expect(await res.json()).toMatchObject({ recipients: 2, queued: 1, skipped: 1, alreadyQueued: 0 });
    // The schedule later that day finds it queued.
    h.clock.set(AT);
    await tick();
    await h.settle();
    expect(tgDigests(1004)).toHaveLength(1);
    expect(zaloDigests('2004')).toHaveLength(0);
  });

  it('sends nothing on a day without articles and tells the officials once', async () => {
    await start({}, AT);
    await officialOpenedBot();
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1005' }] });
    await tick();
    await tick();
    await h.settle();
    await h.restart();
    await tick();
    await h.settle();
    expect(h.tg.sent(1005)).toHaveLength(0);
    const notices = h.tg.sent(900).filter((p) => String(p.text).includes('chưa có bài nào, nên Loa chưa gửi'));
    expect(notices).toHaveLength(1);
    expect(String(notices[0]!.text)).toContain('điểm tin ngày 21/11/2026');
    expect(String(notices[0]!.text)).toContain('gõ /guitin để gửi muộn');
  });
});

describe('digest recipients and formatting', () => {
  it('skips stopped and unconsented members and reaches a linked member on both platforms', async () => {
    await start({}, AT);
    await seedMember(h.db.db, { status: 'stopped', identities: [{ platform: 'telegram', externalId: '1011' }] });
    await seedMember(h.db.db, { consent: false, identities: [{ platform: 'zalo', externalId: '2011' }] });
    await seedMember(h.db.db, {
      identities: [
        { platform: 'telegram', externalId: '1012' },
        { platform: 'zalo', externalId: '2012' },
      ],
    });
    await addThree();
    await tick();
    await h.settle();
    expect(tgDigests(1011)).toHaveLength(0);
    expect(zaloDigests('2011')).toHaveLength(0);
    expect(tgDigests(1012)).toHaveLength(1);
    expect(zaloDigests('2012')).toHaveLength(1);
  });

  it('the fan-out reaches exactly pushRecipients(), with the Zalo window as the dispatcher sees it', async () => {
    await start({}, AT);
    const now = new Date(AT);
    const day = 24 * 3600_000;
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1071' }] });
    await seedMember(h.db.db, { lang: 'en', identities: [{ platform: 'zalo', externalId: '2071', lastInboundAt: new Date(now.getTime() - 6 * day) }] });
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '2072', lastInboundAt: new Date(now.getTime() - 7 * day) }] });
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '2073', lastInboundAt: null }] });
    await seedMember(h.db.db, { status: 'stopped', identities: [{ platform: 'telegram', externalId: '1072' }] });
    await seedMember(h.db.db, { consent: false, identities: [{ platform: 'telegram', externalId: '1073' }] });
    const unregistered = await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1074' }] });
    await h.db.db.run(sql`UPDATE members SET registered_at = NULL WHERE id = ${unregistered.memberId}`);
    const deleted = await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1075' }] });
    await h.db.db.run(sql`UPDATE members SET status = 'deleted' WHERE id = ${deleted.memberId}`);
    const unfollowed = await seedMember(h.db.db, {
      identities: [
        { platform: 'zalo', externalId: '2074' },
        { platform: 'telegram', externalId: '1076' },
      ],
    });
    await h.db.db.run(sql`UPDATE chat_identities SET unfollowed_at = ${now.getTime()} WHERE id = ${unfollowed.identityIds[0]!}`);
    await addThree();
    const res = (await (await h.api('POST', `/api/digests/${DATE}/send`)).json()) as Record<string, number>;

    const { pushRecipients } = await import('../../db/queries/recipients');
    const { isInsideZaloWindow } = await import('../../src/core/outbox/zalo-window');
    const expected = (await pushRecipients(h.db.db)).map((r) => ({
      key: `digest:${DATE}:member:${r.memberId}:${r.platform}:${r.identityId}`,
      status: r.platform === 'zalo' && !isInsideZaloWindow(r.lastInboundAt, now) ? 'skipped' : 'queued',
      lang: r.lang,
    }));
    const rows = await h.db.db.all<{ idempotency_key: string; status: string; last_error: string | null; message: string }>(
      sql`SELECT idempotency_key, status, last_error, coalesce(o.message, b.message) AS message FROM outbox o
        LEFT JOIN outbox_bodies b ON b.id = o.body_id WHERE ref = ${'digest:' + DATE} ORDER BY o.id`,
    );
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(rows.map((r) => ({ key: r.idempotency_key, status: r.status })).sort(byKey)).toEqual(expected.map(({ key, status }) => ({ key, status })).sort(byKey));
    expect(rows.filter((r) => r.status === 'skipped').every((r) => r.last_error === 'zalo_outside_window')).toBe(true);
    expect(rows.map((r) => r.status).sort()).toEqual(['queued', 'queued', 'queued', 'skipped', 'skipped']);
    expect(JSON.parse(rows[1]!.message).lines[0][0].text).toBe('📰 News digest, 21/11/2026');
    // The text is stored once per language, not in every row.
    const stored = await h.db.db.all<{ inline: number; bodies: number }>(
      sql`SELECT (SELECT count(*) FROM outbox WHERE ref = ${'digest:' + DATE} AND message IS NOT NULL) AS inline, (SELECT count(*) FROM outbox_bodies) AS bodies`,
    );
    expect(stored[0]).toEqual({ inline: 0, bodies: 2 });
    expect(res).toMatchObject({ recipients: 5, queued: 3, skipped: 2, alreadyQueued: 0 });
  });

  it('fans out in steps; a crash between steps is repaired by the next run without duplicates', async () => {
    await start({}, AT);
    for (let i = 0; i < 7; i++) await seedMember(h.db.db, { identities: [{ platform: i % 2 ? 'zalo' : 'telegram', externalId: String(3000 + i) }] });
    const { writeDigestFanout, findDigest } = await import('../../db/queries/digests');
    const { buildDigestMessage } = await import('../../src/core/features/digest/message');
    const items = [{ id: 1, title: 'Bài một', url: 'https://tuoitre.vn/a.htm', outlet: 'Tuổi Trẻ' }];
    const input = {
      date: DATE,
      ref: `digest:${DATE}`,
      articleIds: [1],
      trigger: 'schedule' as const,
      messages: { vi: buildDigestMessage(messagesFor('vi'), DATE, items), en: buildDigestMessage(messagesFor('en'), DATE, items) },
      zaloCutoff: new Date('2026-11-01T00:00:00Z'),
      now: new Date(AT),
    };
    let steps = 0;
    await expect(
      writeDigestFanout(h.db.db, input, {
        stepMembers: 3,
        afterStep: async () => {
          if (++steps === 1) throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    const partial = await digestRows();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(7);
    expect(await findDigest(h.db.db, DATE)).toBeUndefined();
    const again = await writeDigestFanout(h.db.db, input, { stepMembers: 3 });
    expect(again).toEqual({ queued: 7 - partial, skipped: 0, existing: partial });
    expect(await digestRows()).toBe(7);
    expect(await findDigest(h.db.db, DATE)).toMatchObject({ status: 'queued', recipients: 7, articleIds: [1] });
  });

  it('shows a Telegram title with <, > and & literally', async () => {
    await start({}, AT);
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1021' }] });
    const title = 'Giá vé <VIP> & "ưu đãi" > 50% cho A&B';
    await addArticle({ url: 'https://thanhnien.vn/gia-ve.html?a=1&b=2', title });
    await tick();
    await h.settle();
    const [msg] = tgDigests(1021);
    expect(msg).toBeDefined();
    expect(String(msg!.text)).toContain('Giá vé &lt;VIP&gt; &amp; "ưu đãi" &gt; 50% cho A&amp;B');
    expect(String(msg!.text)).toContain('href="https://thanhnien.vn/gia-ve.html?a=1&amp;b=2"');
    const parsed = parseTelegramHtml(String(msg!.text));
    expect('text' in parsed && parsed.text).toContain(`1. ${title}`);
  });

  it('splits a Zalo digest over 2,000 characters into ordered parts', async () => {
    await start({}, AT);
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '2021' }] });
    for (let i = 1; i <= 10; i++) {
      const title = `Bài ${i}: ` + 'Văn hóa và thể thao thành phố chuẩn bị cho mùa lễ hội cuối năm với nhiều hoạt động đặc sắc '.repeat(2).trim();
      await addArticle({ url: `https://nhandan.vn/van-hoa/bai-viet-so-${i}-${'x'.repeat(60)}.html`, title });
    }
    await addArticle({ url: 'https://nhandan.vn/bai-thu-11.html', title: 'Bài thứ mười một không vào điểm tin' });
    await tick();
    await h.settle();
    const parts = h.zalo.sent().filter((m) => m.userId === '2021');
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) expect([...p.text].length).toBeLessThanOrEqual(2000);
    expect(parts[0]!.text.startsWith(`📰 ${HEADING}`)).toBe(true);
    const all = parts.map((p) => p.text).join('\n');
    const order = Array.from({ length: 10 }, (_, i) => all.indexOf(`${i + 1}. Bài ${i + 1}:`));
    expect(order.every((x) => x >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(all).not.toContain('mười một');
    // Zalo shows at most 5 buttons; the other picks are written as text a member can type.
    expect(all).toContain('Dùng bài 6: dung 6');
  });
});

describe('picks, summary, /tin', () => {
  it('records a pick once from the Telegram button and from "dung 2" on Zalo', async () => {
    await start({}, AT);
    const tg = await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1031' }] });
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '2031' }] });
    await addThree();
    await tick();
    await h.settle();

    await h.telegram(tgCallback(1031, `pick:${DATE}:2`));
    await h.settle();
    await h.telegram(tgCallback(1031, `pick:${DATE}:2`));
    await h.zaloEvent(zaloText('2031', 'dung 2', h.clock.now()));
    await h.settle();
    await h.zaloEvent(zaloText('2031', 'Dùng bài 2', h.clock.now()));
    await h.settle();

    const tgReplies = h.tg.sent(1031).map((p) => String(p.text));
    expect(tgReplies.filter((t) => t.includes('Đã ghi nhận: bạn dùng bài 2'))).toHaveLength(1);
    expect(tgReplies.filter((t) => t.includes('đã ghi nhận bạn dùng bài 2 rồi'))).toHaveLength(1);
    const zaloReplies = h.zalo.sent().filter((m) => m.userId === '2031').map((m) => m.text);
    expect(zaloReplies.filter((t) => t.includes('Đã ghi nhận: bạn dùng bài 2'))).toHaveLength(1);
    expect(zaloReplies.filter((t) => t.includes('rồi'))).toHaveLength(1);

    const picks = await h.db.db.all<{ member_id: number }>(sql`SELECT member_id FROM digest_picks`);
    expect(picks).toHaveLength(2);
    expect(picks.map((p) => p.member_id)).toContain(tg.memberId);

    const api = (await (await h.api('GET', `/api/digests/${DATE}`)).json()) as { status: string; articles: { number: number; picks: number }[] };
    expect(api.status).toBe('queued');
    expect(api.articles.map((a) => a.picks)).toEqual([0, 2, 0]);

    const lines = await digestPickStatsText({ deps: h.runtime.core, t: messagesFor('vi'), now: h.clock.now() }, DATE);
    expect(lines[0]).toBe('Điểm tin ngày 21/11/2026: lượt «Dùng bài»');
    expect(lines[2]).toContain('2. Giải marathon quốc tế thu hút 15.000 vận động viên (VnExpress): 2 người');

    // Officials read the same counts with /thongke.
    await h.telegram(tgText(900, '/thongke'));
    await h.settle();
    const official = h.tg.sent(900).map((p) => String(p.text)).join('\n');
    expect(official).toContain('Điểm tin ngày 21/11/2026: lượt «Dùng bài»');
    expect(official).toContain('(VnExpress): 2 người');
  });

  it('sends the officials one summary when every message is final', async () => {
    await start({}, AT);
    await officialOpenedBot();
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1041' }] });
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1042' }] });
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '2041' }] });
    await seedMember(h.db.db, { identities: [{ platform: 'zalo', externalId: '2042', lastInboundAt: new Date('2026-11-01T00:00:00Z') }] });
    h.tg.blockChat(1042);
    await addThree();
    await tick();
    // Not finished yet: nothing for the officials.
    await tick();
    expect(h.tg.sent(900)).toHaveLength(0);
    await h.settle();
    await tick();
    await h.settle();
    await tick();
    await h.restart();
    await tick();
    await h.settle();
    const summaries = h.tg.sent(900).filter((p) => String(p.text).includes('đã xử lý xong'));
    expect(summaries).toHaveLength(1);
    const text = String(summaries[0]!.text);
    expect(text).toContain('Điểm tin ngày 21/11/2026 đã xử lý xong 4 tin nhắn');
    expect(text).toContain('Đã gửi: 2 (Telegram 1, Zalo 1)');
    expect(text).toContain('Bỏ qua: 1');
    expect(text).toContain('ngoài cửa sổ 7 ngày của Zalo: 1');
    expect(text).toContain('Lỗi: 1');
    expect(text).toContain('đã chặn bot: 1');

    const deliveries = (await (await h.api('GET', `/api/deliveries?ref=digest:${DATE}`)).json()) as {
      counts: Record<string, number>;
      deliveries: { platform: string; status: string; attempts: number; reason: string | null }[];
    };
    expect(deliveries.counts).toMatchObject({ sent: 2, skipped: 1, failed: 1, queued: 0 });
    expect(deliveries.deliveries).toHaveLength(4);
    expect(deliveries.deliveries).toContainEqual(expect.objectContaining({ platform: 'zalo', status: 'skipped', attempts: 0, reason: 'zalo_outside_window' }));
    expect(deliveries.deliveries).toContainEqual(expect.objectContaining({ platform: 'telegram', status: 'failed', attempts: 1, reason: 'telegram_blocked' }));
  });

  it('/tin sends today’s digest to the one member who asks', async () => {
    await start({}, BEFORE);
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1051' }] });
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1052' }] });
    await h.telegram(tgText(1051, '/tin'));
    await h.settle();
    expect(String(h.tg.sent(1051)[0]?.text)).toContain('chưa có bài nào');
    await addThree();
    await h.telegram(tgText(1051, '/news'));
    await h.settle();
    expect(tgDigests(1051)).toHaveLength(1);
    expect(String(tgDigests(1051)[0]!.text)).toContain('Khai mạc Lễ hội Áo dài');
    expect(h.tg.sent(1052)).toHaveLength(0);
    expect(await digestRows()).toBe(0);
  });
});

describe('articles', () => {
  it('adds, lists, reorders and removes articles through the API', async () => {
    await start({}, BEFORE);
    const a = await addArticle({ url: 'https://tuoitre.vn/a.htm?utm_source=zalo', title: '  Bài   A  ' });
    const b = await addArticle({ url: 'vnexpress.net/b.html', title: 'Bài B' });
    const c = await addArticle({ url: 'https://example.org/c', title: 'Bài C', outlet: 'Báo Ví Dụ' });

    const dup = await h.api('POST', '/api/articles', { date: DATE, url: 'https://TUOITRE.vn/a.htm', title: 'Trùng' });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ code: 'conflict' });
    // Another day takes the same URL.
    expect((await h.api('POST', '/api/articles', { date: '2026-11-22', url: 'https://tuoitre.vn/a.htm', title: 'Bài A' })).status).toBe(201);
    expect((await h.api('POST', '/api/articles', { url: 'ftp://x.vn/a', title: 'Bài' })).status).toBe(400);
    expect((await h.api('POST', '/api/articles', { url: 'https://x.vn/a', title: 'x' })).status).toBe(400);
    expect((await h.api('POST', '/api/articles', { url: 'https://x.vn/a', title: 'Bài', date: '2026-02-30' })).status).toBe(400);

    const list = async () =>
      ((await (await h.api('GET', `/api/articles?date=${DATE}`)).json()) as { articles: { id: number; title: string; outlet: string; number: number }[] })
        .articles;
    expect((await list()).map((x) => [x.title, x.outlet])).toEqual([
      ['Bài A', 'Tuổi Trẻ'],
      ['Bài B', 'VnExpress'],
      ['Bài C', 'Báo Ví Dụ'],
    ]);

    expect((await h.api('PUT', '/api/articles/order', { date: DATE, ids: [c.id, a.id] })).status).toBe(400);
    const reordered = await h.api('PUT', '/api/articles/order', { date: DATE, ids: [c.id, a.id, b.id] });
    expect(reordered.status).toBe(200);
    expect((await list()).map((x) => x.title)).toEqual(['Bài C', 'Bài A', 'Bài B']);

    expect((await h.api('DELETE', `/api/articles/${a.id}`)).status).toBe(204);
    expect((await h.api('DELETE', `/api/articles/${a.id}`)).status).toBe(404);
    expect((await list()).map((x) => [x.title, x.number])).toEqual([
      ['Bài C', 1],
      ['Bài B', 2],
    ]);
    const patched = await h.api('PATCH', `/api/articles/${b.id}`, { title: 'Bài B (sửa)' });
    expect(patched.status).toBe(200);
    // Today is the default date.
    expect((await (await h.api('GET', '/api/articles')).json()) as { date: string }).toMatchObject({ date: DATE });
  });

  it('/them adds an article in chat, asking for the title when it is missing', async () => {
    await start({}, BEFORE);
    await h.telegram(tgText(900, '/them https://tuoitre.vn/bai-mot.htm Khai mạc tuần phim'));
    await h.settle();
    expect(String(h.tg.sent(900).at(-1)?.text)).toContain('Đã thêm bài 1 vào điểm tin ngày 21/11/2026: «Khai mạc tuần phim» (Tuổi Trẻ)');

    await h.telegram(tgText(900, '/them nhandan.vn/bai-hai.html'));
    await h.settle();
    expect(String(h.tg.sent(900).at(-1)?.text)).toContain('Tiêu đề của bài này là gì?');
    await h.restart(); // the conversation is a row: it survives
    await h.telegram(tgText(900, 'Triển lãm ảnh "Hà Nội xưa"'));
    await h.settle();
    expect(String(h.tg.sent(900).at(-1)?.text)).toContain('Đã thêm bài 2 vào điểm tin ngày 21/11/2026: «Triển lãm ảnh "Hà Nội xưa"» (Nhân Dân)');

    await h.telegram(tgText(900, 'them https://tuoitre.vn/bai-mot.htm?utm_source=fb Trùng'));
    await h.settle();
    expect(String(h.tg.sent(900).at(-1)?.text)).toContain('Bài này đã có trong điểm tin ngày 21/11/2026');

    // Members may not add articles.
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '1061' }] });
    await h.telegram(tgText(1061, '/them https://tuoitre.vn/x.htm Bài'));
    await h.settle();
    expect(String(h.tg.sent(1061).at(-1)?.text)).toContain('chỉ dành cho cán bộ');

    const rows = await h.db.db.all<{ title: string; source: string; position: number }>(
      sql`SELECT title, source, position FROM articles WHERE digest_date = ${DATE} ORDER BY position`,
    );
    expect(rows).toEqual([
      { title: 'Khai mạc tuần phim', source: 'chat', position: 1 },
      { title: 'Triển lãm ảnh "Hà Nội xưa"', source: 'chat', position: 2 },
    ]);

    // After today's digest went out, chat additions go to tomorrow's.
    h.clock.set(AT);
    await tick();
    await h.telegram(tgText(900, '/them https://thanhnien.vn/bai-ba.html Bài ba'));
    await h.settle();
    expect(String(h.tg.sent(900).at(-1)?.text)).toContain('Đã thêm bài 1 vào điểm tin ngày 22/11/2026');
  });
});
