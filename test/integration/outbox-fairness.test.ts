// Fair delivery (SPEC §4 "Fairness and scale-out"): one chat's backlog never holds up another
// chat, answers to a person go before broadcasts, and one chat gets at most 20 answered messages
// a minute, then one "slow down" notice. Real app, real HTTP, fake Telegram, test clock.
import { afterEach, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { nextUpdateId, startHarness, tgText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { enqueueMany, type OutboxInsert } from '../../db/queries/outbox';
import { outbox } from '../../db/schema';
import { vi as viWords } from '../../src/i18n/vi';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const OFFICIAL = 900;
const sendsTo = (chatId: string | number) =>
  h.tg.calls.filter((c) => c.method === 'sendMessage' && c.status === 200 && String(c.payload.chat_id) === String(chatId));
const texts = (chatId: string | number) => sendsTo(chatId).map((c) => String(c.payload.text));

describe('fair dispatch', () => {
  it("an official's reply goes out within 5 s (test clock) while another chat has 120 messages queued", async () => {
    h = await startHarness({ env: { OFFICIALS: `telegram:${OFFICIAL}` } });
    const GROUP = '-1009001';
    // 120 answers queued for one group chat (the same priority as the official's reply, and older):
    // Telegram takes them at 1 a second, so they need two minutes.
    const backlog: OutboxInsert[] = Array.from({ length: 120 }, (_, i) => ({
      idempotencyKey: `backlog:${i}`,
      ref: 'reply',
      platform: 'telegram',
      chatId: GROUP,
      message: { lines: [`Tin ${i}`] },
    }));
    await enqueueMany(h.db.db, backlog, h.clock.now());

    // While the group's 5th message is in flight, the official writes to Loa.
    let queuedAt = 0;
    let groupSentBefore = -1;
    h.tg.onCall(async (call) => {
      if (call.method !== 'sendMessage' || String(call.payload.chat_id) !== GROUP || sendsTo(GROUP).length !== 4) return;
      expect((await h.telegram(tgText(OFFICIAL, '/trogiup'))).status).toBe(200);
      await h.runtime.inbox.idle();
      const [reply] = await h.db.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.chatId, String(OFFICIAL)), eq(outbox.ref, 'reply')));
      queuedAt = reply!.createdAt.getTime();
    });

    const d = h.runtime.dispatcher;
    d.start(); // the production loop, on the test clock
    await h.tg.waitFor(() => sendsTo(OFFICIAL).length === 1);
    const repliedAt = sendsTo(OFFICIAL)[0]!.at;
    groupSentBefore = sendsTo(GROUP).filter((c) => c.at <= repliedAt).length;
    await h.tg.waitFor(() => sendsTo(GROUP).length === 120, 20_000);
    await d.stop();

    const delay = repliedAt - queuedAt;
    console.log(`fairness: official's reply ${delay} ms (test clock) after it was queued; the group had ${120 - groupSentBefore} of 120 still queued`);
    expect(queuedAt).toBeGreaterThan(0);
    expect(delay).toBeLessThanOrEqual(5000);
    expect(groupSentBefore).toBeLessThan(20); // it really went out in the middle of the backlog
    // The backlog itself: every message once, in order, never two within a second.
    const group = sendsTo(GROUP);
    expect(group.map((c) => String(c.payload.text))).toEqual(backlog.map((r) => r.message.lines[0]));
    for (let i = 1; i < group.length; i++) expect(group[i]!.at - group[i - 1]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('an answer to a person is claimed before a broadcast queued earlier', async () => {
    h = await startHarness({ dispatcher: { batchSize: 10 } });
    const digest: OutboxInsert[] = Array.from({ length: 50 }, (_, i) => ({
      idempotencyKey: `digest:2026-11-21:${i}`,
      ref: 'digest:2026-11-21',
      platform: 'telegram',
      chatId: String(20_000 + i),
      message: { lines: ['Điểm tin'] },
    }));
    await enqueueMany(h.db.db, digest, h.clock.now());
    h.clock.advance(1000);
    expect((await h.telegram(tgText(777, '/batdau'))).status).toBe(200);
    await h.runtime.inbox.idle();
    const rows = await h.db.db.select({ ref: outbox.ref, priority: outbox.priority }).from(outbox).orderBy(asc(outbox.id));
    expect(rows.at(-1)).toEqual({ ref: 'reply', priority: 0 });
    expect(rows[0]).toEqual({ ref: 'digest:2026-11-21', priority: 1 });

    // One claim of 10 rows: the answer is in it although 50 digest rows are older.
    expect(await h.runtime.dispatcher.runOnce()).toMatchObject({ claimed: 10, sent: 10 });
    expect(texts(777)).toHaveLength(1);
    await h.runtime.dispatcher.drain();
    expect(h.tg.sent()).toHaveLength(51);
  });
});

describe('at most 20 answered messages a minute from one chat', () => {
  it('answers 20, then sends one "slow down" notice and nothing more that minute; what the messages do is still done', async () => {
    h = await startHarness();
    const ME = 4242;
    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: String(ME) }] });
    const link = (i: number) => `https://www.tiktok.com/@kenh.em/video/73456789012345${String(i).padStart(5, '0')}`;
    // 25 messages in 25 s, each reporting one new post.
    for (let i = 0; i < 25; i++) {
      expect((await h.telegram(tgText(ME, link(i)))).status).toBe(200);
      await h.runtime.inbox.idle();
      h.clock.advance(1000);
    }
    await h.settle();
    const got = texts(ME);
    expect(got).toHaveLength(21);
    const notice = viWords.slowDown();
    expect(got.slice(0, 20).every((t) => t !== notice)).toBe(true);
    expect(got[20]).toBe(notice);
    // Every message was still handled: 25 posts stored.
    const posts = await h.db.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM posts`);
    expect(Number(posts[0]!.n)).toBe(25);

    // More messages inside the minute: still no reply and no second notice.
    expect((await h.telegram(tgText(ME, link(25)))).status).toBe(200);
    await h.settle();
    expect(texts(ME)).toHaveLength(21);

    // A minute later Loa answers again.
    h.clock.advance(61_000);
    expect((await h.telegram(tgText(ME, link(26)))).status).toBe(200);
    await h.settle();
    expect(texts(ME)).toHaveLength(22);
    expect(texts(ME).at(-1)).not.toBe(notice);
  });
});

describe('the cap across two instances on one database', () => {
  it('30 people in one group chat write at once to two instances: exactly 20 answers and one notice', async () => {
    h = await startHarness();
    const b = await startHarness({ share: h });
    try {
      const GROUP = -1009002;
      // A group chat: 30 different people, so both instances process events of that chat at once
      // (events are serialised per person, not per chat): only the database can count right.
      const update = (userId: number) => ({
        update_id: nextUpdateId(),
        message: {
          message_id: userId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: GROUP, type: 'supergroup', title: 'Nhóm' },
          from: { id: userId, is_bot: false, first_name: 'Test', language_code: 'vi' },
          text: '/trogiup',
          entities: [{ type: 'bot_command', offset: 0, length: 8 }],
        },
      });
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? b : h).telegram(update(8000 + i))));
      expect(results.every((r) => r.status === 200)).toBe(true);
      await Promise.all([h.runtime.inbox.idle(), b.runtime.inbox.idle()]);
      await h.settle();
      const got = texts(GROUP);
      const notice = viWords.slowDown();
      expect(got.filter((t) => t === notice)).toHaveLength(1);
      expect(got.filter((t) => t !== notice)).toHaveLength(20);
      expect(got.at(-1)).toBe(notice);
    } finally {
      await b.close();
    }
  });
});
