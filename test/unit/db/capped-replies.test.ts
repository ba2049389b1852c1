// The per-chat cap on answers (SPEC §4: 20 answered messages a minute, then one "slow down"
// notice) is decided by the statements that insert the replies. The replies of all events handled
// in one batch are inserted by as few statements as the chats allow: these tests run such a batch
// against a real database, including several events of one chat in one batch, which the HTTP
// tests cannot force into one commit.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { insertCappedRepliesQueries, replyKey, slowDownKey, REPLIES_PER_MINUTE, type CappedReplies } from '../../../db/queries/outbox';
import { textMessage } from '../../../src/core/commands/handler-context';
import type { Platform } from '../../../src/core/types';
import { createTempDb, type TempDb } from '../../support/temp-db';

let db: TempDb;
beforeEach(async () => {
  db = await createTempDb();
});
afterEach(() => db.destroy());

const AT = new Date('2026-12-06T03:00:00Z');

/** An event of `chat` answered with `replies` messages (its notice ready in case the chat is over the cap). */
function event(eventKey: string, chat: string, replies = 1, platform: Platform = 'telegram'): CappedReplies {
  const row = (idempotencyKey: string, t: string) => ({ idempotencyKey, ref: 'reply', platform, chatId: chat, message: textMessage(t) });
  return {
    eventKey,
    rows: Array.from({ length: replies }, (_, n) => row(replyKey(eventKey, n), `reply ${n} to ${eventKey}`)),
    notice: row(slowDownKey(eventKey), 'slow down'),
  };
}

async function run(events: CappedReplies[], at = AT) {
  const qs = insertCappedRepliesQueries(db.db, events.map((replies) => ({ replies, at })));
  if (qs.length) await db.db.batch(qs as [(typeof qs)[number], ...(typeof qs)[number][]]);
  return qs.length;
}

async function keysOf(chat: string): Promise<string[]> {
  const rows = await db.db.all<{ k: string }>(sql`SELECT idempotency_key AS k FROM outbox WHERE chat_id = ${chat} ORDER BY id`);
  return rows.map((r) => String(r.k));
}

it('25 events of one group chat in one batch: 20 answered, then one notice; other chats in the same batch are answered', async () => {
  const group = Array.from({ length: 25 }, (_, i) => event(`tg:g${i}`, '-100900', 2));
  const others = [event('tg:a', '501'), event('tg:b', '502', 3)];
  // Interleaved, as a batch holds them: the group's events between the others.
  const statements = await run([group[0]!, others[0]!, ...group.slice(1), others[1]!]);
  // One statement per event of the busiest chat (rounds), not one per event.
  expect(statements).toBe(25);
  const keys = await keysOf('-100900');
  expect(keys.filter((k) => k.startsWith('reply:'))).toHaveLength(2 * REPLIES_PER_MINUTE);
  expect(keys.filter((k) => k.endsWith(':0'))).toEqual(Array.from({ length: 20 }, (_, i) => replyKey(`tg:g${i}`, 0)));
  // The notice comes from the first event over the cap, and only from it.
  expect(keys.filter((k) => k.startsWith('slow-down:'))).toEqual([slowDownKey('tg:g20')]);
  expect(await keysOf('501')).toEqual([replyKey('tg:a', 0)]);
  expect(await keysOf('502')).toEqual([0, 1, 2].map((n) => replyKey('tg:b', n)));
});

it('events of different chats share one statement', async () => {
  expect(await run(Array.from({ length: 40 }, (_, i) => event(`tg:p${i}`, String(7000 + i))))).toBe(1);
  const n = await db.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE 'reply:%'`);
  expect(Number(n[0]!.n)).toBe(40);
});

it('a chat answered 19 times this minute gets one more answer and the notice from the same batch, then nothing', async () => {
  await run(Array.from({ length: 19 }, (_, i) => event(`tg:e${i}`, '-100901')), new Date(AT.getTime() - 30_000));
  await run([event('tg:x', '-100901'), event('tg:y', '-100901'), event('tg:z', '-100901')]);
  const keys = await keysOf('-100901');
  expect(keys.slice(19)).toEqual([replyKey('tg:x', 0), slowDownKey('tg:y')]);
  // A minute after the first answers, the chat is answered again.
  await run([event('tg:later', '-100901')], new Date(AT.getTime() + 31_000));
  expect((await keysOf('-100901')).at(-1)).toBe(replyKey('tg:later', 0));
});

it('an event handled again (a retry) is not counted against itself, and adds no row twice', async () => {
  await run(Array.from({ length: 19 }, (_, i) => event(`tg:r${i}`, '-100902')));
  await run([event('tg:last', '-100902', 2)]);
  await run([event('tg:last', '-100902', 2)]);
  const keys = await keysOf('-100902');
  expect(keys.slice(19)).toEqual([replyKey('tg:last', 0), replyKey('tg:last', 1)]);
});

it('the same chat id on the other platform is another chat', async () => {
  await run(Array.from({ length: 20 }, (_, i) => event(`tg:s${i}`, '12345')));
  await run([event('zl:s', '12345', 1, 'zalo')]);
  expect(await keysOf('12345')).toContain(replyKey('zl:s', 0));
});

it('counts through the partial reply index, never by reading the outbox', async () => {
  const [q] = insertCappedRepliesQueries(db.db, [{ replies: event('tg:plan', '42'), at: AT }]);
  const { sql: text, params } = q!.getQuery();
  const plan = (await db.client.execute({ sql: `EXPLAIN QUERY PLAN ${text}`, args: params as never })).rows.map((r) => String(r.detail));
  expect(plan.filter((l) => /outbox_chat_replies_idx/.test(l)).length, plan.join(' | ')).toBeGreaterThanOrEqual(2);
  expect(plan.filter((l) => /^SCAN o\b/.test(l)), plan.join(' | ')).toEqual([]);
});
