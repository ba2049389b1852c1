// npm run bench:secure-delete: what `PRAGMA secure_delete = ON` (db/client.ts; SPEC §6 "deleted
// values do not remain readable in the database file") costs on the write path every event and
// every message takes: store events (1 KB payload), mark them done (payload cleared), queue one
// reply each, claim them, record them sent (text cleared), then delete the handled events (the
// retention job). Same code and data with secure_delete ON and OFF, alternating, BENCH_ROUNDS
// rounds (default 3) of BENCH_EVENTS events (default 20,000), in batches of 200 like a busy inbox.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { migrateFromFolder } from '../../db/migrate-from-folder';
import { insertInboundEventsQuery, markEventsDoneQuery } from '../../db/queries/inbound-events';
import { claimDueRows, insertOutboxQuery, recordOutcomes } from '../../db/queries/outbox';
import type { InboundMessage } from '../../src/core/types';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 200;

async function once(secure: boolean, round: number): Promise<{ ms: number; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-sd-'));
  const handle = await createDb({ url: `file:${join(dir, 'loa.db')}` });
  await migrateFromFolder(handle.db);
  await handle.client.execute(`PRAGMA secure_delete=${secure ? 'ON' : 'OFF'}`);
  const db = handle.db;
  const filler = 'Nguyễn Thị Xoaxoa đăng ký, số 0912 345 678, kênh https://tiktok.com/@xoaxoa. '.repeat(12);
  const now = new Date('2026-11-21T01:00:00Z');
  const start = performance.now();
  for (let b = 0; b < EVENTS; b += BATCH) {
    const msgs: InboundMessage[] = [];
    for (let i = b; i < b + BATCH; i++) {
      msgs.push({ platform: 'telegram', eventKey: `tg:${round}:${i}`, kind: 'text', externalUserId: String(7_000_000_000 + i), chatId: String(7_000_000_000 + i), isPrivate: true, text: filler, attachmentUrls: [], sentAt: now.toISOString() });
    }
    const stored = (await insertInboundEventsQuery(db, msgs, now)) as unknown as { id: number }[];
    const ids = stored.map((r) => Number(r.id));
    await db.batch([
      markEventsDoneQuery(db, ids.map((id) => ({ id })), now),
      insertOutboxQuery(
        db,
        msgs.map((m) => ({ idempotencyKey: `reply:${m.eventKey}:0`, ref: 'reply', platform: 'telegram', chatId: m.chatId, message: { lines: [filler.slice(0, 400)] } })),
        now,
      ),
    ]);
    const claimed = await claimDueRows(db, now, new Date(now.getTime() + 60_000), BATCH, 'telegram', 'bench');
    await recordOutcomes(db, claimed.map((c) => ({ id: c.id, status: 'sent', at: now, partsSent: 1 })), 'bench');
  }
  await db.run(sql`DELETE FROM inbound_events WHERE status = 'done'`);
  const ms = performance.now() - start;
  await handle.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  const bytes = statSync(join(dir, 'loa.db')).size;
  handle.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms, bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  await once(true, -1); // warm-up (JIT, page cache)
  const on: number[] = [];
  const off: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const secure of r % 2 ? [true, false] : [false, true]) {
      const { ms, bytes } = await once(secure, r);
      (secure ? on : off).push(ms);
      console.log(`round ${r + 1} secure_delete=${secure ? 'ON ' : 'OFF'} ${EVENTS} events: ${ms.toFixed(0)} ms (${((ms * 1000) / EVENTS).toFixed(1)} µs/event), file ${(bytes / 1e6).toFixed(1)} MB`);
    }
  }
  const a = median(off);
  const b = median(on);
  console.log(`median: OFF ${((a * 1000) / EVENTS).toFixed(1)} µs/event, ON ${((b * 1000) / EVENTS).toFixed(1)} µs/event, cost ${(((b - a) / a) * 100).toFixed(1)} %`);
}

void main();
