// /healthz, /metrics and the dispatcher's progress lines read the queue's backlog while a digest
// to a million members is queued: the read must stay bounded (no count of every due row) and
// still exact. These compare it with counting the rows one by one, below and above the cap.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { BACKLOG_INDEX_COUNT_CAP, queueBacklog } from '../../../db/queries/outbox-backlog';
import { createTempDb, type TempDb } from '../../support/temp-db';

let db: TempDb;
beforeEach(async () => {
  db = await createTempDb();
});
afterEach(() => db.destroy());

const NOW = new Date('2026-12-06T03:00:00Z').getTime();

/** `n` outbox rows of one kind, made by SQLite (a recursive counter). */
async function rows(n: number, o: { ref: string; platform: 'telegram' | 'zalo'; status?: string; priority?: 0 | 1; dueAt: number }) {
  await db.db.run(sql`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${n})
    INSERT INTO outbox (idempotency_key, ref, platform, chat_id, status, priority, next_attempt_at, created_at, message)
    SELECT ${o.ref + ':' + o.platform + ':'} || i, ${o.ref}, ${o.platform}, CAST(i AS TEXT), ${o.status ?? 'queued'}, ${o.priority ?? 1}, ${o.dueAt} + i, ${NOW}, '{"lines":["x"]}' FROM c`);
}

/** The backlog counted row by row. */
async function counted(platforms = ['telegram', 'zalo']) {
  const [r] = await db.db.all<{ n: number; oldest: number | null }>(sql`SELECT count(*) AS n, min(next_attempt_at) AS oldest FROM outbox
    WHERE platform IN (${sql.join(platforms.map((p) => sql`${p}`), sql`, `)}) AND status = 'queued' AND next_attempt_at <= ${NOW}`);
  return { due: Number(r!.n), oldestDueAt: Number(r!.n) > 0 ? new Date(Number(r!.oldest)) : null };
}

it('an empty queue, and one with only rows due later: nothing due', async () => {
  expect(await queueBacklog(db.db, new Date(NOW))).toEqual({ due: 0, oldestDueAt: null });
  await rows(5, { ref: 'reminder:1', platform: 'telegram', dueAt: NOW + 60_000 });
  expect(await queueBacklog(db.db, new Date(NOW))).toEqual({ due: 0, oldestDueAt: null });
});

it('below the cap: the due rows of both priorities, not the sent, sending or later ones', async () => {
  await rows(30, { ref: 'digest:2026-12-06', platform: 'telegram', dueAt: NOW - 10_000 });
  await rows(7, { ref: 'reply', platform: 'zalo', priority: 0, dueAt: NOW - 20_000 });
  await rows(9, { ref: 'digest:2026-12-05', platform: 'zalo', status: 'sent', dueAt: NOW - 90_000 });
  await rows(4, { ref: 'digest:2026-12-06', platform: 'zalo', status: 'sending', dueAt: NOW - 90_000 });
  await rows(6, { ref: 'reminder:1', platform: 'telegram', dueAt: NOW + 60_000 });
  const b = await queueBacklog(db.db, new Date(NOW));
  expect(b).toEqual(await counted());
  expect(b.due).toBe(37);
  expect(b.oldestDueAt).toEqual(new Date(NOW - 20_000 + 1));
  expect(await queueBacklog(db.db, new Date(NOW), ['telegram'])).toEqual(await counted(['telegram']));
});

it('above the cap: still exact, from the kept counts minus the rows not due yet', async () => {
  await rows(BACKLOG_INDEX_COUNT_CAP + 500, { ref: 'digest:2026-12-06', platform: 'telegram', dueAt: NOW - 50_000 });
  await rows(1200, { ref: 'digest:2026-12-06', platform: 'zalo', dueAt: NOW - 600 }); // 600 due, 600 later
  await rows(300, { ref: 'reply', platform: 'zalo', priority: 0, dueAt: NOW - 1000 });
  await rows(50, { ref: 'digest:2026-12-05', platform: 'telegram', status: 'sent', dueAt: NOW - 90_000 });
  // Some sent since they were queued: the kept counts follow status changes.
  await db.db.run(sql`UPDATE outbox SET status = 'sent' WHERE ref = 'digest:2026-12-06' AND platform = 'telegram' AND chat_id IN ('1', '2', '3')`);
  const b = await queueBacklog(db.db, new Date(NOW));
  expect(b).toEqual(await counted());
  expect(b.due).toBe(BACKLOG_INDEX_COUNT_CAP + 500 - 3 + 600 + 300);
  expect(await queueBacklog(db.db, new Date(NOW), ['zalo'])).toEqual(await counted(['zalo']));
  expect(await queueBacklog(db.db, new Date(NOW), ['telegram'])).toEqual(await counted(['telegram']));
});

it('reads the outbox only through the claim index, never by scanning it', async () => {
  // The statement as queueBacklog builds it, read back from the client's statement log.
  const seen: string[] = [];
  const client = db.client as unknown as { execute: (...a: unknown[]) => Promise<unknown> };
  const execute = client.execute.bind(client);
  client.execute = (...a: unknown[]) => {
    seen.push(JSON.stringify(a[0]));
    return execute(...a);
  };
  await queueBacklog(db.db, new Date(NOW));
  client.execute = execute;
  const stmt = JSON.parse(seen.at(-1)!) as { sql: string; args: unknown[] };
  const plan = (await db.client.execute({ sql: `EXPLAIN QUERY PLAN ${stmt.sql}`, args: stmt.args as never })).rows.map((r) => String(r.detail));
  expect(plan.filter((l) => /^SCAN outbox\b/.test(l)), plan.join(' | ')).toEqual([]);
  expect(plan.filter((l) => /outbox_claim_prio_idx/.test(l)).length, plan.join(' | ')).toBeGreaterThanOrEqual(6);
});
