// Two app instances on one database file (two Node processes behind a proxy, or two Workers
// isolates on Turso): events are claimed in the database, so each is handled once and in order per
// person whichever instance stored it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startHarness, tgText, type Harness } from '../support/harness';
import { chatIdentities, inboundEvents, members } from '../../db/schema';
import { members as vi } from '../../src/i18n/vi/members';
import { telegramChat } from './members-helpers';

let a: Harness;
let b: Harness;
beforeEach(async () => {
  a = await startHarness();
  b = await startHarness({ share: a });
});
afterEach(async () => {
  await b.close();
  await a.close();
});

const unHtml = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const NAME = 'Nguyễn Thị Ánh Tuyết';

/** Both instances: wait for processing, then send what is due, one instance after the other. */
async function settleBoth() {
  for (let i = 0; i < 5; i++) {
    await Promise.all([a.runtime.inbox.idle(), b.runtime.inbox.idle()]);
    const s = (await a.runtime.dispatcher.drain()).claimed + (await b.runtime.dispatcher.drain()).claimed;
    if (s === 0) break;
  }
}

describe('two instances on one database', () => {
  it('the same 10 people writing to both alternately: every message handled once, replies in the order sent', async () => {
    const people = Array.from({ length: 10 }, (_, i) => 6001 + i);
    const texts = ['/dangky', 'A', 'Tuyết 99', NAME];
    // Each person's messages go out in order (each one stored before the next is sent), to A and B
    // alternately; the people write at the same time, and processing runs in the background on both.
    await Promise.all(
      people.map(async (id, p) => {
        for (let i = 0; i < texts.length; i++) {
          const app = (i + p) % 2 === 0 ? a : b;
          expect((await app.telegram(tgText(id, texts[i]!))).status).toBe(200);
        }
      }),
    );
    await settleBoth();
    const events = await a.db.db.select().from(inboundEvents);
    expect(events).toHaveLength(40);
    expect(events.every((e) => e.status === 'done' && e.leaseOwner === null)).toBe(true);
    for (const id of people) {
      const replies = a.tg.sent(id).map((m) => unHtml(String(m.text ?? '')));
      // One reply per message, in the order sent: a message handled twice or out of order changes these.
      expect(replies, String(id)).toHaveLength(4);
      expect(replies[0]).toContain(vi.regAskName());
      expect(replies[1]).toContain(vi.regErrors.name_length);
      expect(replies[2]).toContain(vi.regErrors.name_chars);
      expect(replies[3]).toContain(vi.regAskRole());
    }
  });

  it('both instances draining the same people at once: one event per person at a time, oldest first', async () => {
    const people = Array.from({ length: 10 }, (_, i) => String(6301 + i));
    const texts = ['/dangky', 'A', 'Tuyết 99', NAME];
    let seq = 0;
    // Stored (as a webhook does before its 200) alternately by A and B, not yet processed.
    for (let i = 0; i < texts.length; i++) {
      for (const [p, id] of people.entries()) {
        const app = (i + p) % 2 === 0 ? a : b;
        const stored = await app.runtime.inbox.store({
          platform: 'telegram', eventKey: `tg:race:${++seq}`, kind: 'text', externalUserId: id, chatId: id, isPrivate: true,
          text: texts[i]!, attachmentUrls: [], sentAt: a.clock.now().toISOString(), languageCode: 'vi',
        });
        expect(stored).not.toBeNull();
      }
    }
    // Both instances go after every person at the same moment, twice over.
    const person = (id: string) => ({ platform: 'telegram', externalUserId: id });
    const handled = await Promise.all(people.flatMap((id) => [a, b, a, b].map((h) => h.runtime.inbox.drain(person(id)))));
    expect(handled.reduce((x, y) => x + y, 0)).toBe(40);
    await settleBoth();
    for (const id of people) {
      const replies = a.tg.sent(id).map((m) => unHtml(String(m.text ?? '')));
      expect(replies, id).toHaveLength(4);
      expect(replies[0]).toContain(vi.regAskName());
      expect(replies[1]).toContain(vi.regErrors.name_length);
      expect(replies[2]).toContain(vi.regErrors.name_chars);
      expect(replies[3]).toContain(vi.regAskRole());
    }
  });

  it('a registration split across both instances completes', async () => {
    const onA = telegramChat(a, 6101);
    const onB = telegramChat(b, 6101);
    const last = (r: string[]) => r.at(-1) ?? '';
    expect(last(await onA.say('/dangky'))).toContain(vi.regAskName());
    expect(last(await onB.say(NAME))).toContain(vi.regAskRole());
    expect(last(await onA.press('reg:role:1'))).toContain(vi.regAskMcnCreator());
    expect(last(await onB.say('không'))).toContain(vi.regAskLinks());
    expect(last(await onA.say('https://www.tiktok.com/@anhtuyet'))).toContain(vi.regAskPhone());
    expect(last(await onB.say('0912 345 678'))).toContain('Luật Bảo vệ dữ liệu cá nhân');
    expect(last(await onA.say('Đồng ý'))).toContain('Kiểm tra lại thông tin');
    expect(last(await onB.press('reg:confirm:yes'))).toContain('Đăng ký xong');
    const [identity] = await a.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, '6101'));
    const [member] = await a.db.db.select().from(members).where(eq(members.id, identity!.memberId!));
    expect(member).toMatchObject({ fullName: NAME, phone: '+84912345678', role: 'creator', status: 'active' });
  });

  it('an event whose lease was taken over is not marked done by the first claimant', async () => {
    // Instance A stores an event and claims it; its lease runs out and B takes the event over.
    const inboxA = a.runtime.inbox;
    const stored = await inboxA.store({
      platform: 'telegram', eventKey: 'tg:lease', kind: 'text', externalUserId: '6201', chatId: '6201', isPrivate: true,
      text: '/dangky', attachmentUrls: [], sentAt: a.clock.now().toISOString(),
    });
    expect(stored).not.toBeNull();
    await a.db.db.update(inboundEvents).set({ leaseOwner: 'dead-process:1', leaseUntil: new Date(a.clock.now().getTime() + 60_000) }).where(eq(inboundEvents.id, stored!.id));
    // Held by a live lease: neither instance may take it (nor a later event of the same person).
    expect(await b.runtime.inbox.drain({ platform: 'telegram', externalUserId: '6201' })).toBe(0);
    a.clock.advance(61_000);
    expect(await b.runtime.inbox.retryDue()).toBe(1);
    const [row] = await a.db.db.select().from(inboundEvents).where(eq(inboundEvents.id, stored!.id));
    expect(row).toMatchObject({ status: 'done', leaseOwner: null });
  });
});
