// /xoa and a dropped registration touch one person's rows. The outbox grows by a digest a day, so
// these statements must find the rows through an index, never by reading the whole table: a scan
// measured 134 ms per 1,000,000 outbox rows with the event loop blocked.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { deleteMemberDataQueries, forgetDeliveredRepliesQuery } from '../../../db/queries/members';
import { createTempDb, type TempDb } from '../../support/temp-db';

let db: TempDb;
beforeEach(async () => {
  db = await createTempDb();
});
afterEach(() => db.destroy());

async function planOf(query: unknown): Promise<string[]> {
  const { sql, params } = (query as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
  const plan = await db.client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never });
  return plan.rows.map((r) => String(r.detail));
}

it('/xoa reaches the person’s outbox rows, events and records through indexes', async () => {
  const queries = deleteMemberDataQueries(db.db, {
    memberId: 7,
    identities: [
      { id: 7, platform: 'telegram', externalId: '1001' },
      { id: 8, platform: 'zalo', externalId: '2002' },
    ],
    now: new Date('2026-12-04T10:00:00Z'),
  });
  expect(queries.length).toBeGreaterThanOrEqual(5);
  for (const q of queries) {
    const plan = await planOf(q);
    expect(plan.filter((line) => line.startsWith('SCAN ')), plan.join(' | ')).toEqual([]);
  }
});

it('forgetting a dropped registration’s replies reads only that person’s rows', async () => {
  expect(await planOf(forgetDeliveredRepliesQuery(db.db, 7))).toEqual(['SEARCH outbox USING INDEX outbox_identity_ref_idx (identity_id=? AND ref=?)']);
});

it('welcome back finds one person’s row of a digest without walking their other rows', async () => {
  const { welcomeBackQuery } = await import('../../../db/queries/digests');
  const plan = await planOf(welcomeBackQuery(db.db, { ref: 'digest:2026-12-04', identityId: 7, privateChat: true, now: new Date('2026-12-04T10:00:00Z') }));
  expect(plan[0]).toBe('SEARCH outbox USING INDEX outbox_identity_ref_idx (identity_id=? AND ref=?)');
  expect(plan.filter((line) => line.startsWith('SCAN ')), plan.join(' | ')).toEqual([]);
});
