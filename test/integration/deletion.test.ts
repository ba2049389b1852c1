// SPEC §6 "Deletion is complete": after /xoa (Telegram) or user_withdraw (Zalo) nothing of the
// person stays, and a redelivered webhook from them (the same update or event again) creates
// nothing; a new message afterwards is a new person.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startHarness, tgText, ZALO_APP_ID, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { sqlCount, sqlRows } from '../support/read';
import { auditLog, inboundEvents, mcns, outbox, outboxBodies } from '../../db/schema';
import { DAY_MS } from '../../db/queries/retention';
import { jobs } from '../../src/jobs/schedule';
import { telegramChat, zaloChat } from './members-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:9001' } });
});
afterEach(async () => {
  await h.close();
});

const NAME = 'Nguyễn Thị Xoaxoa';
/** 0912 345 678 as typed; stored as +84912345678. */
const PHONE_TYPED = '0912 345 678';
const PHONE_STORED = '+84912345678';

const withdrawEvent = (userId: string, at: Date) => ({
  app_id: ZALO_APP_ID,
  sender: { id: userId },
  user_id_by_app: `app-${userId}`,
  recipient: { id: '4150937291048362718' },
  event_name: 'user_withdraw',
  timestamp: String(at.getTime()),
});

/** What there is of a person, by their platform id: identities, outbox rows, audit rows. */
async function traces(externalId: string) {
  return {
    identities: await sqlCount(h, `SELECT count(*) AS n FROM chat_identities WHERE external_id = '${externalId}'`),
    outbox: await sqlCount(h, `SELECT count(*) AS n FROM outbox`),
    audit: await sqlCount(h, `SELECT count(*) AS n FROM audit_log`),
  };
}

describe('a redelivered event from a deleted person creates nothing', () => {
  it('Zalo: user_withdraw delivered twice leaves no identity; a new message later is a new person', async () => {
    const zl = zaloChat(h, '8701');
    for (const a of ['dang ky', NAME, '1', 'không', 'https://tiktok.com/@xoaxoa', PHONE_TYPED, 'đồng ý', 'xác nhận']) await zl.say(a);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM members WHERE full_name = '${NAME}' AND phone = '${PHONE_STORED}'`)).toBe(1);

    const withdraw = withdrawEvent('8701', h.clock.now());
    expect((await h.zaloEvent(withdraw)).status).toBe(200);
    await h.settle();
    const after = await traces('8701');
    expect(after.identities).toBe(0);

    // Zalo delivers at least once: the same event again.
    expect((await h.zaloEvent(withdraw)).status).toBe(200);
    await h.settle();
    expect(await traces('8701')).toEqual(after);

    // A new message is a new person: an identity without a member.
    await zl.say('xin chào');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM chat_identities WHERE external_id = '8701' AND member_id IS NULL`)).toBe(1);
  });

  it('Telegram: updates redelivered after /xoa (the confirmation, an earlier message) create nothing', async () => {
    const me = telegramChat(h, 4701);
    for (const a of ['dang ky', NAME, '1', 'không', 'https://tiktok.com/@xoaxoa', PHONE_TYPED, 'đồng ý', 'xác nhận']) await me.say(a);
    const earlier = tgText(4701, '/trogiup');
    expect((await h.telegram(earlier)).status).toBe(200);
    await h.settle();
    await me.say('/xoa');
    const confirm = tgText(4701, 'Xác nhận xoá');
    expect((await h.telegram(confirm)).status).toBe(200);
    await h.settle();
    const after = await traces('4701');
    expect(after.identities).toBe(0);
    const sent = h.tg.sent(4701).length;

    for (const update of [confirm, earlier]) expect((await h.telegram(update)).status).toBe(200);
    await h.settle();
    expect(await traces('4701')).toEqual(after);
    expect(h.tg.sent(4701)).toHaveLength(sent);

    await me.say('/trogiup');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM chat_identities WHERE external_id = '4701' AND member_id IS NULL`)).toBe(1);
  });
});

/**
 * Every place in the database that still holds one of `needles`: every column of every table
 * (read from the schema, so a table added later is scanned too), then the raw bytes of the
 * database file and its WAL after a checkpoint (deleted values must not stay readable).
 */
async function leftovers(needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  const tables = await sqlRows<{ name: string }>(h, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  expect(tables.length).toBeGreaterThan(10);
  for (const { name } of tables) {
    const cols = await sqlRows<{ name: string; type: string }>(h, `PRAGMA table_info("${name}")`);
    for (const c of cols) {
      for (const needle of needles) {
        const [row] = await h.db.db.all<{ n: number }>(
          sql`SELECT count(*) AS n FROM ${sql.identifier(name)} WHERE instr(CAST(${sql.identifier(c.name)} AS TEXT), ${needle}) > 0`,
        );
        if (Number(row!.n) > 0) hits.push(`${name}.${c.name}: ${needle}`);
      }
    }
  }
  await h.db.db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  const file = join(h.db.dir, 'loa.db');
  for (const path of [file, `${file}-wal`]) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) hits.push(`${path.slice(h.db.dir.length + 1)} bytes: ${needle}`);
  }
  return hits;
}

describe('deletion is complete (a generic scan of every table and of the database files)', () => {
  // Values that cannot collide with anything else in the database.
  const TG_USER = 7319864205;
  const LEAD = 7319800001;
  const OFFICIAL = 9001;

  async function campaign(): Promise<number> {
    const res = await h.api('POST', '/api/campaigns', { name: 'Mùa hè xanh', hashtags: ['MuaHeXanh'], startsOn: '2026-11-01', endsOn: '2026-11-30' });
    expect(res.status).toBe(201);
    return ((await res.json()) as { campaign: { id: number } }).campaign.id;
  }

  it('Telegram /xoa: nothing of the person stays, also in what was sent to a lead and an official', async () => {
    const [mcn] = await h.db.db.insert(mcns).values({ name: 'Công ty Loa Thử', nameKey: 'loa thu', code: 'LOATHU' }).returning();
    await seedMember(h.db.db, { name: 'Trưởng Nhóm', role: 'mcn_lead', mcnId: mcn!.id, identities: [{ platform: 'telegram', externalId: String(LEAD) }], at: h.clock.now() });
    const campaignId = await campaign();

    const me = telegramChat(h, TG_USER);
    for (const a of ['dang ky', NAME, '1', 'LOATHU', 'https://tiktok.com/@xoaxoa', PHONE_TYPED, 'đồng ý', 'xác nhận']) await me.say(a);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM members WHERE full_name = '${NAME}' AND mcn_id = ${mcn!.id}`)).toBe(1);
    await me.say('#MuaHeXanh https://www.tiktok.com/@xoaxoa/video/7300000000000000001');
    await me.say('/hoi Xoaxoa hỏi: bao giờ có họp báo?');

    // The lead's stats name the creator (sent), the official's CSV export too (sent as a file).
    const lead = telegramChat(h, LEAD);
    expect((await lead.say('/thongke')).join('\n')).toContain(NAME);
    await telegramChat(h, OFFICIAL).say(`/xuat ${campaignId}`);
    const docs = h.tg.calls.filter((c) => c.method === 'sendDocument');
    expect(docs).toHaveLength(1);
    expect((docs[0]!.payload.document as { content: string }).content).toContain(NAME);
    // A second stats reply still queued when the creator leaves (the Bot API failed it once).
    h.tg.fail5xxNext(1);
    await lead.say('/thongke');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM outbox WHERE status = 'queued' AND chat_id = '${LEAD}'`)).toBe(1);

    await me.say('/xoa');
    await me.say('Xác nhận xoá');
    expect(me.all().at(-1)).toContain('Đã xóa');

    const needles = [NAME, NAME.normalize('NFD'), PHONE_STORED, '0912345678', String(TG_USER), 'Xoaxoa hỏi'];
    expect(await leftovers(needles)).toEqual([]);

    // The queued stats still reach the lead, without the name.
    h.clock.set(new Date(h.clock.now().getTime() + 3600_000));
    await h.settle();
    const last = lead.all().at(-1)!;
    expect(last).not.toContain(NAME);
    expect(last).toContain('(đã xóa dữ liệu)');
    expect(await leftovers(needles)).toEqual([]);
  });

  it('Zalo user_withdraw twice after an abandoned registration: nothing stays; the summary queued at /thoat is never sent', async () => {
    const ZALO_USER = '5517390026481937264';
    const OTHER_NAME = 'Trần Văn Bỏdở';
    const zl = zaloChat(h, ZALO_USER);
    for (const a of ['dang ky', OTHER_NAME, '1', 'không', 'https://tiktok.com/@bodo', '0912 345 679']) await zl.say(a);
    // The summary (name and phone) fails once and waits in the queue; the person leaves.
    h.zalo.failHttp(500, 1);
    await zl.say('đồng ý');
    expect(await sqlCount(h, `SELECT count(*) AS n FROM outbox WHERE status = 'queued' AND instr(message, '${OTHER_NAME}') > 0`)).toBe(1);
    await zl.say('/thoat');
    expect(await leftovers([OTHER_NAME, '+84912345679'])).toEqual([]);
    h.clock.set(new Date(h.clock.now().getTime() + 3600_000));
    await h.settle();
    expect(zl.all().join('\n')).not.toContain(OTHER_NAME);

    // Registered this time, then withdrawn (Zalo delivers the event twice).
    for (const a of ['dang ky', NAME, '1', 'không', 'https://tiktok.com/@xoaxoa', PHONE_TYPED, 'đồng ý', 'xác nhận']) await zl.say(a);
    expect(await sqlCount(h, `SELECT count(*) AS n FROM members WHERE full_name = '${NAME}'`)).toBe(1);
    const withdraw = withdrawEvent(ZALO_USER, h.clock.now());
    for (let i = 0; i < 2; i++) {
      expect((await h.zaloEvent(withdraw)).status).toBe(200);
      await h.settle();
    }
    expect(zl.all().at(-1)).toContain('Đã xóa');
    expect(await leftovers([NAME, NAME.normalize('NFD'), PHONE_STORED, '0912345678', ZALO_USER, OTHER_NAME, '+84912345679'])).toEqual([]);
  });
});

describe('retention (RETENTION_DAYS, dedupe keys 7 days, audit log 2 years)', () => {
  it('forgets sent texts, shared bodies, handled webhooks and old audit rows on time, keeps what is still due', async () => {
    await h.close();
    h = await startHarness({ env: { RETENTION_DAYS: '10' } });
    const db = h.db.db;
    const t0 = h.clock.now();
    const day = (n: number) => new Date(t0.getTime() + n * DAY_MS);
    const retention = jobs.find((j) => j.name === 'retention')!;
    const run = (at: Date) => retention.run(h.runtime.jobContext, at);

    const shared = { lines: ['Điểm tin hôm nay'] };
    const [sentBody, waitingBody] = await db
      .insert(outboxBodies)
      .values([
        { key: 'test:sent', message: shared, createdAt: t0 },
        { key: 'test:waiting', message: { lines: ['Sau'] }, createdAt: t0 },
      ])
      .returning();
    const row = (key: string, extra: Partial<typeof outbox.$inferInsert>) => ({
      idempotencyKey: key, ref: 'test', platform: 'telegram' as const, chatId: '4801', nextAttemptAt: t0, createdAt: t0, ...extra,
    });
    await db.insert(outbox).values([
      row('sent-shared', { bodyId: sentBody!.id, status: 'sent', sentAt: t0 }),
      // A row finalised before texts were cleared at the final state still holds its text.
      row('sent-own', { message: { lines: ['Chào Xoaxoa'] }, status: 'sent', sentAt: t0 }),
      row('waiting', { bodyId: waitingBody!.id, status: 'queued', nextAttemptAt: day(60) }),
    ]);
    await db.insert(inboundEvents).values([
      { eventKey: 'tg:1', platform: 'telegram', externalUserId: '4801', status: 'done', receivedAt: t0 },
      { eventKey: 'tg:2', platform: 'telegram', externalUserId: '4801', status: 'dead', receivedAt: t0, payload: null },
    ]);
    await db.insert(auditLog).values({ action: 'test', at: t0 });
    const state = async () => ({
      texts: await sqlCount(h, `SELECT count(*) AS n FROM outbox WHERE message IS NOT NULL`),
      bodies: (await sqlRows<{ key: string }>(h, `SELECT key FROM outbox_bodies ORDER BY key`)).map((r) => r.key),
      events: (await sqlRows<{ event_key: string }>(h, `SELECT event_key FROM inbound_events ORDER BY event_key`)).map((r) => r.event_key),
      audit: await sqlCount(h, `SELECT count(*) AS n FROM audit_log WHERE action = 'test'`),
    });

    await run(day(6));
    expect(await state()).toEqual({ texts: 1, bodies: ['test:sent', 'test:waiting'], events: ['tg:1', 'tg:2'], audit: 1 });
    await run(day(8)); // dedupe keys: 7 days
    expect(await state()).toEqual({ texts: 1, bodies: ['test:sent', 'test:waiting'], events: ['tg:2'], audit: 1 });
    await run(day(11)); // texts: 10 days after the final state; a body still to send stays
    expect(await state()).toEqual({ texts: 0, bodies: ['test:waiting'], events: [], audit: 1 });
    await run(day(11)); // idempotent
    expect(await state()).toEqual({ texts: 0, bodies: ['test:waiting'], events: [], audit: 1 });
    await run(day(731)); // audit log: 2 years
    expect((await state()).audit).toBe(0);
    // The WAL, which keeps pages as they were before a deletion, is emptied by the job.
    await db.insert(auditLog).values({ action: 'test', at: day(731) });
    expect(statSync(join(h.db.dir, 'loa.db-wal')).size).toBeGreaterThan(0);
    await run(day(732));
    expect(statSync(join(h.db.dir, 'loa.db-wal')).size).toBe(0);
  });
});
