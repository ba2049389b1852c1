// Briefings end to end: /hop validation and preview, GUI, RSVP by Telegram button and Zalo text,
// changing answers, /lich, reminders 24 h and 1 h before (clock passed in), cancelling, the API
// and the attendees CSV.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, tgCallback, tgText, zaloText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { mcns } from '../../db/schema';
import { jobs } from '../../src/jobs/schedule';
import { sqlCount, sqlRows, telegramTexts, zaloTexts as zaloTextsOf } from '../support/read';

let h: Harness;
const DAY = 24 * 3600_000;
// The test clock starts at 2026-11-21T01:00:00Z = 08:00 on Saturday 21/11/2026 in Asia/Ho_Chi_Minh.
const START = '25/11/2026 14:00'; // = 2026-11-25T07:00:00Z
const HOP = `/hop Họp báo tháng 11 | ${START} | Hội trường Sở, 2 Lê Thánh Tôn`;

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
const lastOfficial = () => zaloTexts('901').at(-1)!;
const memberDeliveries = () => [
  ...h.tg.sent().filter((p) => String(p.chat_id) !== '900'),
  ...h.zalo.sent().filter((m) => m.userId !== '901'),
];

async function official(text: string) {
  await h.zaloEvent(zaloText('901', text, h.clock.now()));
  await h.settle();
}
async function tg(user: number, text: string) {
  await h.telegram(tgText(user, text));
  await h.settle();
}
async function zalo(user: string, text: string) {
  await h.zaloEvent(zaloText(user, text, h.clock.now()));
  await h.settle();
}
async function runReminders(at: string) {
  h.clock.set(at);
  await jobs.find((j) => j.name === 'reminders')!.run(h.runtime.jobContext, h.clock.now());
  await h.settle();
}

/** A (creator, Telegram 101), B (creator, Zalo z201), C (MCN lead, Telegram 102), D (creator, Zalo z203, outside the window). */
async function seedAudience() {
  const db = h.db.db;
  const [mcn] = await db.insert(mcns).values({ name: 'Yeah1 Network', nameKey: 'yeah1 network', code: 'YEAH1' }).returning();
  const a = await seedMember(db, { name: 'Nguyễn An', identities: [{ platform: 'telegram', externalId: '101' }] });
  const b = await seedMember(db, { name: 'Trần, Thị Bình', identities: [{ platform: 'zalo', externalId: 'z201' }] });
  const c = await seedMember(db, { name: '=HYPERLINK("x")', role: 'mcn_lead', mcnId: mcn!.id, identities: [{ platform: 'telegram', externalId: '102' }] });
  const d = await seedMember(db, {
    name: 'Lê Dũng',
    identities: [{ platform: 'zalo', externalId: 'z203', lastInboundAt: new Date(h.clock.now().getTime() - 10 * DAY) }],
  });
  return { a, b, c, d };
}

/** Creates and sends briefing 1 (25/11/2026 14:00). */
async function scheduleBriefing(text = HOP) {
  await official(text);
  await official('GUI');
}

describe('numbering', () => {
  it('a briefing speaks of itself by its own number, apart from announcements', async () => {
    await seedAudience();
    await official('/thongbao Lịch trực Tết');
    await official('GUI');
    expect(lastOfficial()).toContain('Đã gửi thông báo #1');
    await scheduleBriefing();
    expect(lastOfficial()).toContain('Đã gửi lời mời họp báo #1');
    await official('HUY');
    expect(lastOfficial()).toBe('Lời mời họp báo #1 đã gửi rồi, không thu hồi được. Muốn hủy buổi họp và báo cho người đã nhận lời: /hop huy 1');
    await official('GUI');
    expect(lastOfficial()).toMatch(/^Lời mời họp báo #1 đã được gửi lúc /);
    expect(zaloTexts('901').join('\n')).not.toContain('Thông báo #2');
  });
});

describe('/hop validation', () => {
  it('needs three parts, a real date and time, in the future', async () => {
    await official('/hop Họp báo | 25/11/2026 14:00');
    expect(lastOfficial()).toContain('Cần đủ 3 phần, ngăn cách bằng dấu |');
    await official('/hop Họp báo | 31/11/2026 14:00 | Hội trường');
    expect(lastOfficial()).toContain('"31/11/2026 14:00" không phải ngày giờ hợp lệ');
    await official('/hop Họp báo | 25/11/2026 25:00 | Hội trường');
    expect(lastOfficial()).toContain('không phải ngày giờ hợp lệ');
    await official('/hop Họp báo | 21/11/2026 07:59 | Hội trường');
    expect(lastOfficial()).toContain('07:59, Thứ Bảy 21/11/2026 đã qua');
    expect(await count('SELECT count(*) AS n FROM briefings')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM announcements')).toBe(0);
  });

  it('refuses a member', async () => {
    await seedAudience();
    await tg(101, HOP);
    expect(tgTexts(101)).toEqual(['Xin lỗi, lệnh này chỉ dành cho cán bộ của Sở.']);
    expect(await count('SELECT count(*) AS n FROM briefings')).toBe(0);
  });
});

describe('briefing invitation', () => {
  it('previews the invitation with RSVP buttons, reaches nobody before GUI, then everyone once', async () => {
    await seedAudience();
    await official(HOP);
    const [invite, summary] = zaloTexts('901');
    expect(invite).toContain('📅 Mời dự họp báo: Họp báo tháng 11');
    expect(invite).toContain('🕑 Thời gian: 14:00, Thứ Tư 25/11/2026');
    expect(invite).toContain('📍 Địa điểm: Hội trường Sở, 2 Lê Thánh Tôn');
    expect(invite).toContain('thamdu 1');
    expect(summary).toContain('Tổng: 4 thành viên');
    expect(summary).toContain('Zalo: 1 người nhận được ngay, 1 ngoài khung 7 ngày');
    expect(memberDeliveries()).toHaveLength(0);
    expect((await rows<{ status: string }>('SELECT status FROM briefings'))[0]!.status).toBe('draft');

    await official('GUI');
    await official('GUI');
    expect(lastOfficial()).toContain('đã được gửi');
    const tgInvite = h.tg.sent('101');
    expect(tgInvite).toHaveLength(1);
    expect(String(tgInvite[0]!.text)).toContain('Mời dự họp báo: Họp báo tháng 11');
    expect(JSON.stringify(tgInvite[0]!.reply_markup)).toContain('"callback_data":"rsvp:1:yes"');
    expect(JSON.stringify(tgInvite[0]!.reply_markup)).toContain('"callback_data":"rsvp:1:no"');
    expect(tgTexts(102)).toHaveLength(1);
    expect(zaloTexts('z201')).toHaveLength(1);
    expect(zaloTexts('z203')).toHaveLength(0);
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE ref = 'briefing:1'`)).toBe(4);
    const [b] = await rows<{ status: string; announced_at: number }>('SELECT status, announced_at FROM briefings');
    expect(b!.status).toBe('scheduled');
  });

  it('a preview whose start passed before GUI is not sent', async () => {
    await seedAudience();
    await official('/hop Sắp bắt đầu | 21/11/2026 08:05 | Phòng họp');
    h.clock.advance(6 * 60_000);
    await official('GUI');
    expect(lastOfficial()).toContain('Họp báo #1 đã đến giờ bắt đầu nên Loa không gửi lời mời nữa');
    expect(memberDeliveries()).toHaveLength(0);
  });

  it('an online link as the place is shown as a link', async () => {
    await seedAudience();
    await official('/hop Họp trực tuyến | 25/11/2026 09:30 | https://meet.example.vn/hop-thang-11');
    await official('GUI');
    expect(String(h.tg.sent('101')[0]!.text)).toContain('<a href="https://meet.example.vn/hop-thang-11">');
  });
});

describe('RSVP', () => {
  it('counts answers from the Telegram button and the Zalo text, and a changed answer updates the count', async () => {
    await seedAudience();
    await scheduleBriefing();
    await h.telegram(tgCallback(101, 'rsvp:1:yes'));
    await h.settle();
    expect(tgTexts(101).at(-1)).toContain('✅ Đã ghi nhận: bạn sẽ tham dự "Họp báo tháng 11" (14:00, Thứ Tư 25/11/2026)');
    await zalo('z201', 'thamdu 1');
    expect(zaloTexts('z201').at(-1)).toContain('bạn sẽ tham dự');
    await tg(102, 'khong 1');
    expect(tgTexts(102).at(-1)).toContain('Đã ghi nhận: bạn không tham dự "Họp báo tháng 11"');

    await official('/lich');
    expect(lastOfficial()).toContain('#1 · Họp báo tháng 11');
    expect(lastOfficial()).toContain('Trả lời: 2 tham dự · 1 không tham dự · 1 chưa trả lời');

    await h.telegram(tgCallback(101, 'rsvp:1:no'));
    await h.settle();
    await official('/lich');
    expect(lastOfficial()).toContain('Trả lời: 1 tham dự · 2 không tham dự · 1 chưa trả lời');
    expect(await count('SELECT count(*) AS n FROM briefing_rsvps')).toBe(3);

    await tg(101, '/lich');
    expect(tgTexts(101).at(-1)).toContain('Bạn: ❌ không tham dự');
    expect(tgTexts(101).at(-1)).toContain('14:00, Thứ Tư 25/11/2026');
    await tg(102, '/lich');
    expect(tgTexts(102).at(-1)).not.toContain('Trả lời:'); // members do not see the counts
  });

  it('a Zalo button tap (its payload sent back as text) is counted', async () => {
    await seedAudience();
    await scheduleBriefing();
    const invite = h.zalo.sent().find((m) => m.userId === 'z201')!;
    const buttons = (invite.payload as { attachment: { payload: { buttons: { title: string; payload: string }[] } } }).attachment.payload.buttons;
    await zalo('z201', buttons.find((b) => b.title === 'Tham dự')!.payload);
    expect(zaloTexts('z201').at(-1)).toContain('bạn sẽ tham dự');
    expect(await count(`SELECT count(*) AS n FROM briefing_rsvps WHERE answer = 'yes' AND platform = 'zalo'`)).toBe(1);
  });

  it('closes answers at the start and refuses unknown or draft briefings', async () => {
    await seedAudience();
    await tg(101, 'thamdu 7');
    expect(tgTexts(101).at(-1)).toContain('Không tìm thấy họp báo mã 7');
    await official(HOP);
    await tg(101, 'thamdu 1'); // still a draft
    expect(tgTexts(101).at(-1)).toContain('Không tìm thấy họp báo mã 1');
    await official('GUI');
    h.clock.set('2026-11-25T07:00:00Z');
    await tg(101, 'thamdu 1');
    expect(tgTexts(101).at(-1)).toBe('Họp báo "Họp báo tháng 11" đã bắt đầu nên không nhận trả lời nữa.');
    expect(await count('SELECT count(*) AS n FROM briefing_rsvps')).toBe(0);
  });

  it('an unregistered person is asked to register', async () => {
    await seedAudience();
    await scheduleBriefing();
    await h.telegram(tgCallback(555, 'rsvp:1:yes'));
    await tg(555, 'thamdu 1');
    expect(tgTexts(555)).toHaveLength(2);
    expect(tgTexts(555)[0]).toContain('/dangky');
    expect(await count('SELECT count(*) AS n FROM briefing_rsvps')).toBe(0);
  });
});

describe('reminders', () => {
  it('go 24 h and 1 h before the start, to yes and no-answer but not to no, once each', async () => {
    expect(jobs.some((j) => j.name === 'reminders')).toBe(true);
    await seedAudience();
    await scheduleBriefing();
    await h.telegram(tgCallback(101, 'rsvp:1:yes')); // A yes
    await tg(102, 'khong 1'); // C no; B and D do not answer
    const before = { a: tgTexts(101).length, b: zaloTexts('z201').length, c: tgTexts(102).length };

    await runReminders('2026-11-24T06:59:00Z'); // 13:59 local, the day before
    expect(tgTexts(101)).toHaveLength(before.a);

    await runReminders('2026-11-24T07:00:00Z'); // 14:00 local: 24 h before
    expect(tgTexts(101)).toHaveLength(before.a + 1);
    expect(tgTexts(101).at(-1)).toContain('⏰ Nhắc lịch họp báo: Họp báo tháng 11');
    expect(tgTexts(101).at(-1)).toContain('Bắt đầu sau 24 giờ nữa.');
    expect(tgTexts(101).at(-1)).toContain('Bạn đã đăng ký tham dự.');
    expect(zaloTexts('z201')).toHaveLength(before.b + 1);
    expect(zaloTexts('z201').at(-1)).toContain('Bạn chưa trả lời.');
    expect(tgTexts(102)).toHaveLength(before.c); // said no
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE 'briefing:1:reminder:24h:%' AND status = 'skipped'`)).toBe(1); // D

    await runReminders('2026-11-24T07:00:00Z'); // a double tick
    await runReminders('2026-11-24T12:00:00Z'); // a later tick
    expect(tgTexts(101)).toHaveLength(before.a + 1);
    expect(zaloTexts('z201')).toHaveLength(before.b + 1);

    await runReminders('2026-11-25T05:59:00Z'); // 12:59 local: not yet
    expect(tgTexts(101)).toHaveLength(before.a + 1);
    await runReminders('2026-11-25T06:00:00Z'); // 13:00 local: 1 h before
    expect(tgTexts(101)).toHaveLength(before.a + 2);
    expect(tgTexts(101).at(-1)).toContain('Bắt đầu sau 1 giờ nữa.');
    expect(zaloTexts('z201')).toHaveLength(before.b + 2);
    expect(tgTexts(102)).toHaveLength(before.c);

    await runReminders('2026-11-25T06:30:00Z');
    await runReminders('2026-11-25T07:00:00Z'); // the start
    expect(tgTexts(101)).toHaveLength(before.a + 2);
    const [b] = await rows<{ reminded_24h_at: number; reminded_1h_at: number }>('SELECT reminded_24h_at, reminded_1h_at FROM briefings');
    expect(b).toEqual({ reminded_24h_at: Date.parse('2026-11-24T07:00:00Z'), reminded_1h_at: Date.parse('2026-11-25T06:00:00Z') });
  });

  it('a missed 24 h tick catches up before the 1 h mark but never after it', async () => {
    await seedAudience();
    await scheduleBriefing();
    await runReminders('2026-11-24T20:00:00Z'); // late, but before 13:00 local on the 25th
    expect(tgTexts(101).at(-1)).toContain('Bắt đầu sau 11 giờ nữa.');
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE 'briefing:1:reminder:24h:%'`)).toBe(4);

    await h.close();
    h = await startHarness({ env: { OFFICIALS: 'telegram:900,zalo:901' } });
    await seedAudience();
    await scheduleBriefing();
    await runReminders('2026-11-25T06:30:00Z'); // every tick since the day before missed
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE 'briefing:1:reminder:24h:%'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE 'briefing:1:reminder:1h:%'`)).toBe(4);
    expect(tgTexts(101).at(-1)).toContain('Bắt đầu sau 30 phút nữa.');
    await runReminders('2026-11-25T07:30:00Z'); // after the start: nothing
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE 'briefing:1:reminder:%'`)).toBe(4);
  });

  it('skips the 24 h reminder of a briefing announced less than 24 h before', async () => {
    await seedAudience();
    await scheduleBriefing('/hop Họp gấp | 21/11/2026 20:00 | Phòng họp'); // 12 h ahead
    await runReminders('2026-11-21T02:00:00Z');
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE 'briefing:1:reminder:%'`)).toBe(0);
    await runReminders('2026-11-21T12:00:00Z'); // 19:00 local
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE 'briefing:1:reminder:1h:%'`)).toBe(4);
  });
});

describe('cancelling', () => {
  it('/hop huy notifies those who said yes, once, and stops the reminders', async () => {
    await seedAudience();
    await scheduleBriefing();
    await h.telegram(tgCallback(101, 'rsvp:1:yes'));
    await zalo('z201', 'khong 1');
    await h.settle();
    const before = { a: tgTexts(101).length, b: zaloTexts('z201').length, c: tgTexts(102).length };

    await official('/hop huy 1');
    expect(lastOfficial()).toContain('Đã hủy họp báo #1 "Họp báo tháng 11". Loa đang báo cho 1 người');
    expect(tgTexts(101)).toHaveLength(before.a + 1);
    expect(tgTexts(101).at(-1)).toContain('❌ Họp báo "Họp báo tháng 11" đã bị HỦY.');
    expect(zaloTexts('z201')).toHaveLength(before.b);
    expect(tgTexts(102)).toHaveLength(before.c);

    await official('hop huy 1');
    expect(lastOfficial()).toBe('Họp báo #1 đã được hủy trước đó.');
    expect(tgTexts(101)).toHaveLength(before.a + 1);

    await runReminders('2026-11-24T07:00:00Z');
    await runReminders('2026-11-25T06:00:00Z');
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE 'briefing:1:reminder:%'`)).toBe(0);
    await tg(101, 'thamdu 1');
    expect(tgTexts(101).at(-1)).toContain('đã bị hủy');
    await official('/lich');
    expect(lastOfficial()).toBe('Hiện chưa có họp báo nào sắp tới.');
  });

  it('an unknown id is answered clearly', async () => {
    await official('/hop huy 42');
    expect(lastOfficial()).toBe('Không tìm thấy họp báo mã 42.');
  });
});

describe('admin API', () => {
  it('GET /api/briefings lists briefings with RSVP counts; attendees.csv is UTF-8 with BOM', async () => {
    await seedAudience();
    await scheduleBriefing();
    await h.telegram(tgCallback(101, 'rsvp:1:yes'));
    await zalo('z201', 'thamdu 1');
    await tg(102, 'khong 1');

    const list = (await (await h.api('GET', '/api/briefings')).json()) as { briefings: Record<string, unknown>[] };
    expect(list.briefings).toHaveLength(1);
    expect(list.briefings[0]).toMatchObject({
      id: 1,
      ref: 'briefing:1',
      title: 'Họp báo tháng 11',
      startsAt: '2026-11-25T07:00:00.000Z',
      startsAtLocal: '25/11/2026 14:00',
      status: 'scheduled',
      rsvp: { yes: 2, no: 1, noAnswer: 1 },
    });

    const res = await h.api('GET', '/api/briefings/1/attendees.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('briefing-1-attendees.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Họ tên / Name,MCN,Nền tảng / Platform,Trả lời / Answer,Thời điểm trả lời / Answered at');
    expect(lines).toContain('Nguyễn An,,telegram,Tham dự / Attending,21/11/2026 08:00');
    expect(lines).toContain('"Trần, Thị Bình",,zalo,Tham dự / Attending,21/11/2026 08:00');
    expect(lines).toContain(`"'=HYPERLINK(""x"")",Yeah1 Network,telegram,Không tham dự / Not attending,21/11/2026 08:00`);
    expect(lines).toContain('Lê Dũng,,zalo,Chưa trả lời / No answer,');
    expect(text.endsWith('\r\n')).toBe(true);

    expect((await h.api('GET', '/api/briefings/9/attendees.csv')).status).toBe(404);
    expect((await h.api('GET', '/api/briefings/abc/attendees.csv')).status).toBe(400);
  });

  it('GET /api/announcements reports a briefing invitation with deliveries per part', async () => {
    await seedAudience();
    await scheduleBriefing();
    await h.telegram(tgCallback(101, 'rsvp:1:yes'));
    await h.settle();
    await runReminders('2026-11-24T07:00:00Z');
    const body = (await (await h.api('GET', '/api/announcements')).json()) as { announcements: Record<string, unknown>[] };
    expect(body.announcements[0]).toMatchObject({
      kind: 'briefing',
      briefingId: 1,
      ref: 'briefing:1',
      status: 'sent',
      text: 'Họp báo tháng 11',
      deliveries: { sent: 6, skipped: 2 },
      deliveriesByPart: { invite: { sent: 3, skipped: 1 }, 'reminder:24h': { sent: 3, skipped: 1 } },
    });
  });
});
