// SPEC §8 Questions and feedback: /hoi from anyone in a private chat (Telegram and Zalo), one open
// thread per person, batched notices to the officials, answers by /traloi and the admin API that
// reach the asker's private chat once, refusals (non-official, Zalo window), groups, and /xoa.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextUpdateId, startHarness, type Harness } from '../support/harness';
import { sqlCount, sqlRows } from '../support/read';
import { seedMember } from '../support/seed';
import { findEverywhere, telegramChat, zaloChat } from './members-helpers';
import { jobs, runJobs } from '../../src/jobs/schedule';

const OFFICIAL = 9001;
const OFFICIAL_ZALO = '6100000000000000001';
let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: `telegram:${OFFICIAL},zalo:${OFFICIAL_ZALO}` } });
});
afterEach(async () => {
  await h.close();
});

const notices = (texts: string[]) => texts.filter((t) => t.includes('câu hỏi đang chờ trả lời'));
const threadId = (receipt: string) => Number(/câu hỏi số (\d+)/.exec(receipt)![1]);

function tgGroupText(userId: number, chatId: number, text: string) {
  const id = nextUpdateId();
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, title: 'Nhóm sáng tạo nội dung', type: 'supergroup' },
      from: { id: userId, is_bot: false, first_name: 'Minh', language_code: 'vi' },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }],
    },
  };
}

describe('questions and feedback (SPEC §8)', () => {
  it('Telegram: an unregistered person asks, a second /hoi joins the thread, the official answers with /traloi once', async () => {
    const official = telegramChat(h, OFFICIAL);
    await official.say('/trogiup'); // the official opened the private chat
    const asker = telegramChat(h, 4242);
    const [receipt] = await asker.say('/hoi Tôi có được dùng đoạn phim của Sở không?');
    expect(receipt).toContain('đã nhận câu hỏi số');
    const id = threadId(receipt!);
    expect(notices(official.all())).toHaveLength(1);
    expect(notices(official.all())[0]).toContain('Có 1 câu hỏi');

    // `/hoi` alone, then the text as the next message: joins the same thread.
    expect((await asker.say('/hoi'))[0]).toContain('gõ câu hỏi');
    const [added] = await asker.say('Xin bổ sung: đoạn phim lễ hội tháng 10.');
    expect(added).toContain(`câu hỏi số ${id}`);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM question_threads`)).toBe(1);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM question_messages WHERE thread_id = ${id} AND kind = 'question'`)).toBe(2);

    const [sent] = await official.say(`/traloi ${id} Bạn được dùng, ghi nguồn Sở VHTT.`);
    expect(sent).toContain(`câu hỏi số ${id}`);
    const answers = asker.all().filter((t) => t.includes('Sở trả lời câu hỏi số'));
    expect(answers).toEqual([`💬 Sở trả lời câu hỏi số ${id} của bạn:\n\nBạn được dùng, ghi nguồn Sở VHTT.`]);
    // Nothing more arrives later (no duplicate), and the answer never went to the official or elsewhere.
    h.clock.advance(3600_000);
    await h.settle();
    expect(asker.all().filter((t) => t.includes('Sở trả lời câu hỏi số'))).toHaveLength(1);
    expect(h.tg.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('ghi nguồn Sở')).map((c) => String(c.payload.chat_id))).toEqual(['4242']);
    expect(await sqlRows(h, `SELECT status FROM question_threads WHERE id = ${id}`)).toEqual([{ status: 'answered' }]);
  });

  it('Zalo: a member asks, the answer from the API arrives in their Zalo chat once; outside the 7-day window it is refused before queueing', async () => {
    const zl = zaloChat(h, '8801');
    const [receipt] = await zl.say('hoi Cho hỏi lịch họp báo tháng 12?');
    const id = threadId(receipt!);
    const list = await h.api('GET', '/api/questions?status=open');
    expect(list.status).toBe(200);
    const body = (await list.json()) as { questions: { id: number; platform: string; messages: { text: string }[] }[] };
    expect(body.questions.map((q) => [q.id, q.platform, q.messages[0]!.text])).toEqual([[id, 'zalo', 'Cho hỏi lịch họp báo tháng 12?']]);

    const res = await h.api('POST', `/api/questions/${id}/answer`, { text: 'Họp báo ngày 10/12.' });
    expect(res.status).toBe(200);
    await h.settle();
    expect(zl.all().filter((t) => t.includes('Họp báo ngày 10/12.'))).toHaveLength(1);
    expect((await (await h.api('GET', '/api/questions?status=answered')).json()).questions).toHaveLength(1);

    // Eight days of silence: the next answer is refused, nothing queued.
    h.clock.advance(8 * 24 * 3600_000);
    const outboxBefore = await sqlCount(h, `SELECT count(*) AS n FROM outbox`);
    const late = await h.api('POST', `/api/questions/${id}/answer`, { text: 'Bổ sung: 9 giờ sáng.' });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('zalo_outside_window');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM outbox`)).toBe(outboxBefore);
    // The same from chat: the official is told why.
    const official = telegramChat(h, OFFICIAL);
    expect((await official.say(`/traloi ${id} Bổ sung: 9 giờ sáng.`))[0]).toContain('hơn 7 ngày');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM outbox WHERE instr(message, '9 giờ sáng') > 0`)).toBe(0);

    // Closing: the thread leaves the lists of open and answered ones.
    expect((await h.api('POST', `/api/questions/${id}/close`)).status).toBe(200);
    expect((await (await h.api('GET', '/api/questions?status=closed')).json()).questions).toHaveLength(1);
    expect((await h.api('GET', '/api/questions?status=nope')).status).toBe(400);
    expect((await h.api('POST', `/api/questions/${id}/answer`, {})).status).toBe(400);
    expect((await h.api('POST', `/api/questions/99999/answer`, { text: 'x' })).status).toBe(404);
  });

  it('a non-official’s /traloi is refused and sends nothing', async () => {
    const asker = telegramChat(h, 4343);
    const id = threadId((await asker.say('/hoi Câu hỏi của tôi'))[0]!);
    const other = telegramChat(h, 4344);
    await seedMember(h.db.db, { name: 'Người Khác', identities: [{ platform: 'telegram', externalId: '4399' }], at: h.clock.now() });
    expect((await other.say(`/traloi ${id} Tôi trả lời thay`))[0]).toContain('chỉ dành cho cán bộ');
    expect((await telegramChat(h, 4399).say(`/traloi ${id} Tôi trả lời thay`))[0]).toContain('chỉ dành cho cán bộ');
    expect(asker.all().join('\n')).not.toContain('Tôi trả lời thay');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM question_messages WHERE kind = 'answer'`)).toBe(0);
  });

  it('/hoi in a group points to the private chat and stores nothing', async () => {
    const res = await h.telegram(tgGroupText(4545, -1002233445566, '/hoi Câu hỏi trong nhóm'));
    expect(res.status).toBe(200);
    await h.settle();
    const inGroup = h.tg.sent(-1002233445566).map((m) => String(m.text));
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]).toContain('?start=hoi');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM question_threads`)).toBe(0);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM question_messages`)).toBe(0);
    expect(await findEverywhere(h.db.db, 'Câu hỏi trong nhóm')).toEqual(expect.not.arrayContaining(['question_messages.text']));
  });

  it('20 questions in a minute: at most 2 notices per official chat; a later question after 10 minutes notifies again', async () => {
    const official = telegramChat(h, OFFICIAL);
    await official.say('/trogiup');
    const officialZalo = zaloChat(h, OFFICIAL_ZALO);
    await officialZalo.say('tro giup');
    for (let i = 0; i < 20; i++) {
      h.clock.advance(3_000);
      await telegramChat(h, 5000 + i).say(`/hoi Câu hỏi số thứ ${i}`);
    }
    expect(await sqlCount(h, `SELECT count(*) AS n FROM question_threads WHERE status = 'open'`)).toBe(20);
    expect(notices(official.all()).length).toBeGreaterThanOrEqual(1);
    expect(notices(official.all()).length).toBeLessThanOrEqual(2);
    expect(notices(officialZalo.all()).length).toBeGreaterThanOrEqual(1);
    expect(notices(officialZalo.all()).length).toBeLessThanOrEqual(2);
    // The notice carries the count and no question text.
    expect(official.all().join('\n')).not.toContain('Câu hỏi số thứ');

    // The question-notices job: once the 10 minutes are over, one notice counts all 20; run
    // again, it adds nothing (nothing new since).
    const job = jobs.filter((j) => j.name === 'question-notices');
    await runJobs(h.runtime.jobContext, h.clock.now(), job);
    await h.settle();
    expect(notices(official.all())).toHaveLength(1); // within the 10 minutes: nothing more
    h.clock.advance(10 * 60_000);
    await runJobs(h.runtime.jobContext, h.clock.now(), job);
    await runJobs(h.runtime.jobContext, h.clock.now(), job);
    await h.settle();
    expect(notices(official.all())).toHaveLength(2);
    expect(notices(official.all())[1]).toContain('Có 20 câu hỏi');
    h.clock.advance(10 * 60_000);
    await runJobs(h.runtime.jobContext, h.clock.now(), job);
    await h.settle();
    expect(notices(official.all())).toHaveLength(2);

    h.clock.advance(11 * 60_000);
    await telegramChat(h, 5100).say('/hoi Một câu hỏi sau đó');
    const last = notices(official.all()).at(-1)!;
    expect(last).toContain('Có 21 câu hỏi');
    expect(last).toMatch(/lâu nhất đã 3[12] phút/);
  });

  it('/xoa leaves no question text and no answer anywhere', async () => {
    const me = telegramChat(h, 4646);
    for (const a of ['dang ky', 'Trần Thị Hỏihỏi', '1', 'không', 'https://tiktok.com/@hoihoi', 'bỏ qua', 'đồng ý', 'xác nhận']) await me.say(a);
    const id = threadId((await me.say('/hoi Bí mật riêng tư của Hỏihỏi'))[0]!);
    await telegramChat(h, OFFICIAL).say(`/traloi ${id} Trả lời riêng cho Hỏihỏi`);
    expect(me.all().join('\n')).toContain('Trả lời riêng cho Hỏihỏi');
    await me.say('/xoa');
    await me.say('Xác nhận xoá');
    expect(await findEverywhere(h.db.db, 'Bí mật riêng tư')).toEqual([]);
    expect(await findEverywhere(h.db.db, 'Trả lời riêng cho')).toEqual([]);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM question_threads`)).toBe(0);
  });
});
