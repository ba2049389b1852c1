// Announcements end to end: /thongbao preview (counts per platform, Zalo 7-day window), GUI / HUY,
// the 10-minute expiry, audiences, idempotent fan-out across GUI twice and restarts, the audit API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, tgCallback, tgText, zaloText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { mcns } from '../../db/schema';
import { getAnnouncement } from '../../db/queries/announcements';
import { confirmAnnouncement } from '../../src/core/use-cases/confirm-announcement';
import { sqlCount, sqlRows, telegramTexts, zaloTexts as zaloTextsOf } from '../support/read';

let h: Harness;
const DAY = 24 * 3600_000;

beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:900,zalo:901' } });
});
afterEach(async () => {
  await h.close();
});

const rows = <T = Record<string, unknown>>(q: string) => sqlRows<T>(h, q);
const count = (q: string) => sqlCount(h, q);
const tgTexts = (chat: number | string) => telegramTexts(h, chat);
const zaloTexts = (user: string) => zaloTextsOf(h, user);
/** Every message members (not the officials) received, on both platforms. */
const memberDeliveries = () => [
  ...h.tg.sent().filter((p) => String(p.chat_id) !== '900'),
  ...h.zalo.sent().filter((m) => m.userId !== '901'),
];

async function tgOfficial(text: string) {
  await h.telegram(tgText(900, text));
  await h.settle();
}
async function zaloOfficial(text: string) {
  await h.zaloEvent(zaloText('901', text, h.clock.now()));
  await h.settle();
}

/**
 * A (creator, Telegram 101), B (creator, Zalo z201, inside the window), C (MCN lead of YEAH1,
 * Telegram 102 + Zalo z202), D (creator, Zalo z203, last seen 10 days ago: outside the window),
 * plus a stopped member and one without consent who receive nothing.
 */
async function seedAudience() {
  const db = h.db.db;
  const [mcn] = await db.insert(mcns).values({ name: 'Yeah1 Network', nameKey: 'yeah1 network', code: 'YEAH1' }).returning();
  await db.insert(mcns).values({ name: 'Bé Xinh Media', nameKey: 'be xinh media', code: 'BXM' });
  const recent = new Date(h.clock.now().getTime() - DAY);
  const old = new Date(h.clock.now().getTime() - 10 * DAY);
  const a = await seedMember(db, { name: 'An', identities: [{ platform: 'telegram', externalId: '101' }] });
  const b = await seedMember(db, { name: 'Bình', identities: [{ platform: 'zalo', externalId: 'z201', lastInboundAt: recent }] });
  const c = await seedMember(db, {
    name: 'Châu',
    role: 'mcn_lead',
    mcnId: mcn!.id,
    identities: [
      { platform: 'telegram', externalId: '102' },
      { platform: 'zalo', externalId: 'z202', lastInboundAt: recent },
    ],
  });
  const d = await seedMember(db, { name: 'Dũng', identities: [{ platform: 'zalo', externalId: 'z203', lastInboundAt: old }] });
  await seedMember(db, { name: 'Em', status: 'stopped', identities: [{ platform: 'telegram', externalId: '104' }] });
  await seedMember(db, { name: 'Phương', consent: false, identities: [{ platform: 'telegram', externalId: '105' }] });
  return { a, b, c, d, mcnId: mcn!.id };
}

describe('/thongbao preview', () => {
  it('shows the member message, the audience and counts per platform, and sends nothing before GUI', async () => {
    await seedAudience();
    await tgOfficial('/thongbao Mời các bạn dự họp mặt cuối năm.\nThời gian: thứ Bảy.');
    const sent = h.tg.sent('900');
    expect(sent).toHaveLength(2);
    expect(String(sent[0]!.text)).toContain('Thông báo từ Sở Văn hóa và Thể thao');
    expect(String(sent[0]!.text)).toContain('Mời các bạn dự họp mặt cuối năm.\nThời gian: thứ Bảy.');
    const summary = String(sent[1]!.text);
    expect(summary).toContain('Người nhận: tất cả thành viên');
    expect(summary).toContain('Tổng: 4 thành viên');
    expect(summary).toContain('Telegram: 2 người nhận');
    expect(summary).toContain('Zalo: 2 người nhận được ngay, 1 ngoài khung 7 ngày');
    expect(summary).toContain('Gõ GUI để gửi, HUY để bỏ (hết hạn sau 10 phút)');
    expect(JSON.stringify(sent[1]!.reply_markup)).toContain('ann:send:1');

    expect(memberDeliveries()).toHaveLength(0);
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE ref LIKE 'announcement:%'`)).toBe(0);
    const [row] = await rows<{ status: string; preview_counts: string }>(`SELECT status, preview_counts FROM announcements`);
    expect(row!.status).toBe('draft');
    expect(JSON.parse(row!.preview_counts)).toEqual({ members: 4, telegram: 2, telegramNoPrivateChat: 0, zalo: 3, zaloReachable: 2, zaloOutsideWindow: 1 });
  });

  it('refuses a non-official politely and stores nothing', async () => {
    await seedAudience();
    await h.telegram(tgText(101, '/thongbao Tin giả mạo'));
    await h.telegram(tgText(333, '/thongbao Người lạ'));
    await h.settle();
    expect(tgTexts(101)).toEqual(['Xin lỗi, lệnh này chỉ dành cho cán bộ của Sở.']);
    expect(tgTexts(333)).toEqual(['Xin lỗi, lệnh này chỉ dành cho cán bộ của Sở.']);
    expect(await count('SELECT count(*) AS n FROM announcements')).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE ref <> 'reply'`)).toBe(0);
  });

  it('explains the usage when the text is missing', async () => {
    await zaloOfficial('/thongbao');
    expect(zaloTexts('901').at(-1)).toContain('Cách dùng: /thongbao <nội dung>');
    expect(await count('SELECT count(*) AS n FROM announcements')).toBe(0);
  });
});

describe('GUI', () => {
  it('sends to each member once per platform, even when GUI comes twice, and confirms with the counts', async () => {
    const { a } = await seedAudience();
    await tgOfficial('/thongbao Lịch nghỉ Tết của Sở.');
    const preview = String(h.tg.sent('900')[0]!.text);
    await h.telegram(tgText(900, 'GUI'));
    await h.telegram(tgText(900, 'gửi'));
    await h.settle();

    expect(tgTexts(101)).toEqual([preview]); // exactly what the preview showed
    expect(tgTexts(102)).toEqual([preview]);
    expect(zaloTexts('z201')).toHaveLength(1);
    expect(zaloTexts('z201')[0]).toContain('Lịch nghỉ Tết của Sở.');
    expect(zaloTexts('z202')).toHaveLength(1);
    expect(zaloTexts('z203')).toHaveLength(0); // outside the 7-day window
    expect(tgTexts(104)).toHaveLength(0); // stopped
    expect(tgTexts(105)).toHaveLength(0); // no consent

    const skipped = await rows<{ last_error: string; chat_id: string }>(`SELECT last_error, chat_id FROM outbox WHERE status = 'skipped'`);
    expect(skipped).toEqual([{ last_error: 'zalo_outside_window', chat_id: 'z203' }]);
    const keys = await rows<{ idempotency_key: string }>(`SELECT idempotency_key FROM outbox WHERE ref = 'announcement:1' ORDER BY id`);
    expect(keys.map((k) => k.idempotency_key)).toContain(`announcement:1:member:${a.memberId}:telegram:${a.identityIds[0]}`);

    const official = tgTexts(900);
    expect(official[2]).toContain('✅ Đã gửi thông báo #1 cho 4 thành viên.');
    expect(official[2]).toContain('Telegram: 2 · Zalo: 2 nhận được ngay, 1 ngoài khung 7 ngày');
    expect(official[3]).toContain('Thông báo #1 đã được gửi lúc 21/11/2026 08:00; Loa không gửi lại lần nữa.');

    const [row] = await rows<{ status: string; counts: string; sent_at: number }>(`SELECT status, counts, sent_at FROM announcements`);
    expect(row!.status).toBe('sent');
    expect(JSON.parse(row!.counts)).toMatchObject({ members: 4, telegram: 2, zaloReachable: 2, zaloOutsideWindow: 1 });
  });

  it('survives a restart between the fan-out and the dispatch without sending twice', async () => {
    await seedAudience();
    await tgOfficial('/thongbao Khởi động lại giữa chừng.');
    await h.telegram(tgText(900, 'GUI'));
    await h.runtime.inbox.idle(); // queued, not dispatched yet
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE ref = 'announcement:1' AND status = 'queued'`)).toBe(4);
    expect(memberDeliveries()).toHaveLength(0);

    await h.restart();
    await h.telegram(tgText(900, 'GUI')); // and the official insists after the restart
    await h.settle();
    expect(tgTexts(101)).toHaveLength(1);
    expect(tgTexts(102)).toHaveLength(1);
    expect(zaloTexts('z201')).toHaveLength(1);
    expect(zaloTexts('z202')).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE ref = 'announcement:1'`)).toBe(5);
  });

  it('a fan-out run again (a retried event) adds no rows', async () => {
    const { a } = await seedAudience();
    await tgOfficial('/thongbao Gửi lại không trùng.');
    const ann = (await getAnnouncement(h.db.db, 1))!;
    const first = await confirmAnnouncement(h.runtime.core, ann, a.memberId, h.clock.now());
    const again = await confirmAnnouncement(h.runtime.core, ann, a.memberId, h.clock.now());
    expect(first).toMatchObject({ ok: true, queued: 5 });
    expect(again).toMatchObject({ ok: true, queued: 0 });
    await h.settle();
    expect(tgTexts(101)).toHaveLength(1);
  });

  it('works from the Telegram button under the preview', async () => {
    await seedAudience();
    await tgOfficial('/thongbao Bấm nút để gửi.');
    await h.telegram(tgCallback(900, 'ann:send:1'));
    await h.settle();
    expect(tgTexts(101)).toHaveLength(1);
    expect(h.tg.calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
  });

  it('works from Zalo with a typed "gui"', async () => {
    await seedAudience();
    await zaloOfficial('thong bao Tin từ Zalo.');
    const preview = h.zalo.sent().filter((m) => m.userId === '901');
    expect(preview).toHaveLength(2);
    expect(preview[1]!.text).toContain('Zalo: 2 người nhận được ngay, 1 ngoài khung 7 ngày');
    await zaloOfficial('gui');
    expect(zaloTexts('z201')).toHaveLength(1);
    expect(tgTexts(101)).toHaveLength(1);
    expect(zaloTexts('901').at(-1)).toContain('Đã gửi thông báo #1');
  });

  it('works from the Zalo button (a tap sends its payload back as text)', async () => {
    await seedAudience();
    await zaloOfficial('/thongbao Bấm nút trên Zalo.');
    const summary = h.zalo.sent().filter((m) => m.userId === '901')[1]!;
    const buttons = (summary.payload as { attachment: { payload: { buttons: { title: string; payload: string }[] } } }).attachment.payload.buttons;
    const send = buttons.find((b) => b.title === 'Gửi')!;
    await zaloOfficial(send.payload);
    expect(zaloTexts('z201')).toHaveLength(1);
  });
});

describe('languages', () => {
  it('each member reads the heading in their own language; the text is as typed', async () => {
    await seedMember(h.db.db, { name: 'Vi', identities: [{ platform: 'telegram', externalId: '121' }] });
    await seedMember(h.db.db, { name: 'En', lang: 'en', identities: [{ platform: 'telegram', externalId: '122' }] });
    await zaloOfficial('/thongbao Chúc mừng năm mới!');
    await zaloOfficial('GUI');
    expect(tgTexts(121)[0]).toContain('Thông báo từ Sở Văn hóa và Thể thao');
    expect(tgTexts(122)[0]).toContain('Announcement from the Department of Culture and Sports');
    expect(tgTexts(122)[0]).toContain('Chúc mừng năm mới!');
  });
});

describe('expiry and cancelling', () => {
  it('an expired preview (after 10 minutes) cannot be sent', async () => {
    await seedAudience();
    await zaloOfficial('/thongbao Quá hạn.');
    h.clock.advance(10 * 60_000);
    await zaloOfficial('GUI');
    expect(zaloTexts('901').at(-1)).toBe('Bản xem trước #1 đã hết hạn lúc 21/11/2026 08:10 (sau 10 phút) nên Loa không gửi. Gõ lại /thongbao để soạn lại.');
    expect(memberDeliveries()).toHaveLength(0);
    expect((await rows<{ status: string }>('SELECT status FROM announcements'))[0]!.status).toBe('expired');
    await zaloOfficial('GUI');
    expect(memberDeliveries()).toHaveLength(0);
  });

  it('is still sendable just before the 10 minutes', async () => {
    await seedAudience();
    await zaloOfficial('/thongbao Kịp giờ.');
    h.clock.advance(10 * 60_000 - 1000);
    await zaloOfficial('GUI');
    expect(tgTexts(101)).toHaveLength(1);
  });

  it('HUY drops it, and a later GUI has nothing to send', async () => {
    await seedAudience();
    await zaloOfficial('/thongbao Sẽ bị hủy.');
    await zaloOfficial('HUY');
    expect(zaloTexts('901').at(-1)).toBe('Đã bỏ thông báo #1. Không ai nhận được tin này.');
    await zaloOfficial('GUI');
    expect(zaloTexts('901').at(-1)).toContain('Không có thông báo nào đang chờ gửi');
    expect(memberDeliveries()).toHaveLength(0);
  });

  it('"cancel" (also /thoat) drops a pending preview', async () => {
    await seedAudience();
    await zaloOfficial('/thongbao Cancel me.');
    await zaloOfficial('cancel');
    expect(zaloTexts('901').at(-1)).toBe('Đã bỏ thông báo #1. Không ai nhận được tin này.');
    await zaloOfficial('send');
    expect(memberDeliveries()).toHaveLength(0);
    await zaloOfficial('/thoat');
    expect(zaloTexts('901').at(-1)).toBe('Bạn không có cuộc trò chuyện nào đang dở.');
  });

  it('a new preview replaces the previous one', async () => {
    await seedAudience();
    await zaloOfficial('/thongbao Bản nháp một.');
    await zaloOfficial('/thongbao Bản nháp hai.');
    await zaloOfficial('GUI');
    expect(zaloTexts('z201')).toHaveLength(1);
    expect(zaloTexts('z201')[0]).toContain('Bản nháp hai.');
    expect((await rows<{ status: string }>('SELECT status FROM announcements ORDER BY id')).map((r) => r.status)).toEqual(['cancelled', 'sent']);
  });
});

describe('audiences', () => {
  it('@mcn:<code> goes to that MCN only', async () => {
    await seedAudience();
    await zaloOfficial('/thongbao @mcn:yeah1 Họp riêng các MCN.');
    const summary = zaloTexts('901')[1]!;
    expect(summary).toContain('Người nhận: thành viên của MCN Yeah1 Network (YEAH1)');
    expect(summary).toContain('Tổng: 1 thành viên');
    expect(summary).toContain('Telegram: 1 người nhận');
    expect(summary).toContain('Zalo: 1 người nhận được ngay, 0 ngoài khung 7 ngày');
    expect(zaloTexts('901')[0]).not.toContain('@mcn');
    await zaloOfficial('GUI');
    expect(tgTexts(102)).toHaveLength(1);
    expect(zaloTexts('z202')).toHaveLength(1);
    expect(tgTexts(101)).toHaveLength(0);
    expect(zaloTexts('z201')).toHaveLength(0);
  });

  it('@creator and @mcn_lead go to that role only', async () => {
    await seedAudience();
    await zaloOfficial('/thongbao @creator Cho nhà sáng tạo.');
    expect(zaloTexts('901')[1]).toContain('Người nhận: nhà sáng tạo');
    expect(zaloTexts('901')[1]).toContain('Tổng: 3 thành viên');
    await zaloOfficial('GUI');
    expect(tgTexts(101)).toHaveLength(1);
    expect(zaloTexts('z201')).toHaveLength(1);
    expect(tgTexts(102)).toHaveLength(0);

    await zaloOfficial('/thongbao @mcn_lead Cho trưởng MCN.');
    expect(zaloTexts('901').at(-1)).toContain('Người nhận: trưởng MCN');
    await zaloOfficial('GUI');
    expect(tgTexts(102)).toHaveLength(1);
    expect(tgTexts(101)).toHaveLength(1);
  });

  it('an unknown MCN code or audience word is refused with the valid choices', async () => {
    await seedAudience();
    await zaloOfficial('/thongbao @mcn:NOPE Xin chào');
    expect(zaloTexts('901').at(-1)).toBe('Không có MCN nào có mã "NOPE". Các mã hiện có: BXM, YEAH1.');
    await zaloOfficial('/thongbao @banbe Xin chào');
    expect(zaloTexts('901').at(-1)).toContain('Loa không hiểu nhóm người nhận "@banbe"');
    expect(await count('SELECT count(*) AS n FROM announcements')).toBe(0);
  });
});

describe('GET /api/announcements', () => {
  it('lists who sent what, when, to whom and the delivery outcome', async () => {
    await seedAudience();
    await zaloOfficial('/thongbao Nhật ký kiểm tra.');
    const sentAt = h.clock.now().toISOString(); // replies move the test clock (the rate limiter paces on it)
    await zaloOfficial('GUI');
    await zaloOfficial('/thongbao Chưa gửi.');
    const res = await h.api('GET', '/api/announcements');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { announcements: Record<string, unknown>[] };
    expect(body.announcements).toHaveLength(2);
    const [draft, sent] = body.announcements;
    expect(draft).toMatchObject({ id: 2, status: 'draft', sentAt: null });
    expect(sent).toMatchObject({
      id: 1,
      kind: 'announcement',
      ref: 'announcement:1',
      status: 'sent',
      text: 'Nhật ký kiểm tra.',
      audience: {},
      createdByMemberId: 2,
      sentAt,
      counts: { members: 4, telegram: 2, telegramNoPrivateChat: 0, zalo: 3, zaloReachable: 2, zaloOutsideWindow: 1 },
      deliveries: { queued: 0, sending: 0, sent: 4, failed: 0, skipped: 1 },
    });
    h.clock.advance(11 * 60_000);
    const one = (await (await h.api('GET', '/api/announcements/2')).json()) as Record<string, unknown>;
    expect(one.status).toBe('expired');
    expect((await h.api('GET', '/api/announcements/99')).status).toBe(404);
  });
});
