// The digest fan-out reads each step's members through the member-id range, never every identity
// of a platform: with chat_identities_inbound_idx (platform = ?) a step read half the identities,
// so a million members took 30 s to queue (the steps' cost grew with the square of the audience).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { writeDigestFanout } from '../../../db/queries/digests';
import { createTempDb, type TempDb } from '../../support/temp-db';

let db: TempDb;
beforeEach(async () => {
  db = await createTempDb();
});
afterEach(() => db.destroy());

it('every statement of a fan-out step finds its identities by the step’s member range', async () => {
  const t = Date.UTC(2026, 11, 6, 1);
  await db.db.run(sql`INSERT INTO members (role, registered_at, consent_at, consent_version, created_at) VALUES ('creator', ${t}, ${t}, 'v', ${t}), ('creator', ${t}, ${t}, 'v', ${t})`);
  await db.db.run(sql`INSERT INTO chat_identities (platform, external_id, chat_id, member_id, last_inbound_at, private_chat_at, created_at)
    VALUES ('telegram', '1', '1', 1, ${t}, ${t}, ${t}), ('zalo', '2', '2', 2, ${t}, NULL, ${t})`);
  // The statements of each step, as the fan-out sends them.
  const steps: { sql: string; args: unknown }[] = [];
  const client = db.client as { batch: (...a: unknown[]) => Promise<unknown> };
  const batch = client.batch.bind(client);
  client.batch = (stmts: unknown, ...rest: unknown[]) => {
    for (const s of stmts as { sql: string; args: unknown }[]) if (/^\s*INSERT INTO "outbox"/i.test(s.sql)) steps.push(s);
    return batch(stmts, ...rest);
  };
  const now = new Date(t);
  const counts = await writeDigestFanout(db.db, {
    date: '2026-12-06', ref: 'digest:2026-12-06', articleIds: [1], trigger: 'schedule',
    messages: { vi: { lines: ['tin'] }, en: { lines: ['news'] } }, zaloCutoff: new Date(t - 7 * 86_400_000), now,
  }, { stepMembers: 1 });
  expect(counts).toMatchObject({ queued: 2, skipped: 0 });
  expect(steps).toHaveLength(6); // two steps, three kinds each (to send, outside Zalo's window, no private chat)
  for (const s of steps) {
    const plan = (await db.client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args as never })).rows.map((r) => String(r.detail));
    expect(plan, plan.join(' | ')).toEqual(['SEARCH chat_identities USING INDEX chat_identities_member_idx (member_id>? AND member_id<?)', 'SEARCH members USING INTEGER PRIMARY KEY (rowid=?)']);
  }
});
