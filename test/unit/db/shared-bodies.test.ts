// A message several outbox rows send is stored once (outbox_bodies) and still reaches each row
// whole when claimed; a row's own message stays in the row; a retried fan-out adds nothing.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { claimDueRows, type OutboxInsert } from '../../../db/queries/outbox';
import { commitFanOut } from '../../../src/core/use-cases/commit-fan-out';
import type { OutboundMessage } from '../../../src/core/types';
import { createTempDb, type TempDb } from '../../support/temp-db';

let db: TempDb;
beforeEach(async () => {
  db = await createTempDb();
});
afterEach(() => db.destroy());

const now = new Date('2026-11-21T08:00:00Z');
const row = (chat: string, message: OutboundMessage): OutboxInsert => ({ idempotencyKey: `t:${chat}`, ref: 'announcement:1', platform: 'telegram', chatId: chat, message });

it('stores a shared message once and hands it to every row it belongs to', async () => {
  const shared: OutboundMessage = { lines: ['Thông báo chung', 'cho mọi người & "MCN"'] };
  const own: OutboundMessage = { lines: ['Chỉ một người'] };
  const rows = [row('1', shared), row('2', shared), row('3', own)];
  expect(await commitFanOut(db.db, rows, now)).toBe(3);
  expect(await commitFanOut(db.db, rows, now)).toBe(0); // retried: nothing new

  const stored = await db.db.all<{ chat_id: string; message: string | null; body_id: number | null }>(
    sql`SELECT chat_id, message, body_id FROM outbox ORDER BY chat_id`,
  );
  expect(stored.map((r) => [r.message === null, r.body_id !== null])).toEqual([
    [true, true],
    [true, true],
    [false, false],
  ]);
  expect(stored[0]!.body_id).toBe(stored[1]!.body_id);
  expect(await db.db.all(sql`SELECT count(*) AS n FROM outbox_bodies`)).toEqual([{ n: 1 }]);

  const claimed = await claimDueRows(db.db, now, new Date(now.getTime() + 60_000), 10, 'telegram', 'test');
  expect(claimed.map((c) => [c.chatId, JSON.parse(c.messageJson)])).toEqual([
    ['1', shared],
    ['2', shared],
    ['3', own],
  ]);
});
