// The console's trigger-kept counts (db/schema/console-counts.ts, migration *_console_counts_triggers) stay equal to
// counting from scratch after every kind of write the app makes, including the ones that skip a
// trigger's pair (an upsert that becomes an update, an ignored insert): audience counts against
// countRecipients(pushRecipients()) for each audience and Zalo-window edge, registered members
// against GROUP BY over members, outbox counts against GROUP BY over the outbox.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTempDb, type TempDb } from '../support/temp-db';
import { seedConsoleData } from '../../scripts/bench/console-seed';
import { audienceCountsOf, membersPerMcn, membersPerPlatform, membersPerRole } from '../../db/queries/audience-counts';
import { pushRecipients, type RecipientFilter } from '../../db/queries/recipients';
import { deliveryCounts } from '../../db/queries/digests';
import { deliveryCountsByRef } from '../../db/queries/announcements';
import { countRecipients } from '../../src/core/use-cases/announcement-audience';
import { zaloWindowCutoff } from '../../src/core/use-cases/queue-digest';
import { MIGRATIONS_FOLDER } from '../../db/migrate-from-folder';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 5, 3, 0, 0);

let db: TempDb;
beforeEach(async () => {
  db = await createTempDb();
});
afterEach(() => db?.destroy());

const run = (q: string) => db.client.execute(q);
const rows = async <T,>(q: string) => (await db.client.execute(q)).rows as unknown as T[];

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function expectAudienceExact(label: string) {
  const mcns = (await rows<{ id: number }>('SELECT id FROM mcns ORDER BY id LIMIT 3')).map((r) => Number(r.id));
  const filters: RecipientFilter[] = [{}, { roles: ['creator'] }, { roles: ['mcn_lead'] }, { roles: ['creator', 'mcn_lead'] }, ...mcns.map((mcnId) => ({ mcnId })), { roles: ['creator'], mcnId: mcns[0] }];
  // Window edges inside a day, on a day boundary, and a cohort's exact time.
  const nows = [NOW, NOW + 7 * DAY - 5 * 60_000, Math.ceil(NOW / DAY) * DAY, NOW + 3 * DAY + 3_600_000];
  for (const f of filters) {
    const recipients = await pushRecipients(db.db, f);
    for (const now of nows) {
      const expected = countRecipients(recipients, new Date(now));
      const got = await audienceCountsOf(db.db, f, zaloWindowCutoff(new Date(now)));
      expect(got, `${label}: ${JSON.stringify(f)} at ${new Date(now).toISOString()}`).toEqual(expected);
    }
  }
  const reg = `m.registered_at IS NOT NULL AND m.status <> 'deleted'`;
  const byRole = await rows<{ role: string; n: number }>(`SELECT role, count(*) AS n FROM members m WHERE ${reg} GROUP BY role ORDER BY role`);
  expect((await membersPerRole(db.db)).sort((a, b) => a.role.localeCompare(b.role)), `${label}: per role`).toEqual(byRole.map((r) => ({ role: r.role, n: Number(r.n) })));
  const byPlatform = await rows<{ platform: string; n: number }>(
    `SELECT i.platform, count(DISTINCT m.id) AS n FROM chat_identities i JOIN members m ON m.id = i.member_id WHERE ${reg} GROUP BY i.platform ORDER BY i.platform`,
  );
  expect((await membersPerPlatform(db.db)).sort((a, b) => a.platform.localeCompare(b.platform)), `${label}: per platform`).toEqual(
    byPlatform.map((r) => ({ platform: r.platform, n: Number(r.n) })),
  );
  const byMcn = await rows<{ mcn: number | null; n: number }>(`SELECT m.mcn_id AS mcn, count(*) AS n FROM members m WHERE ${reg} GROUP BY m.mcn_id`);
  const got = await membersPerMcn(db.db, 10_000);
  expect(new Map(got.map((r) => [r.mcnId, r.n])), `${label}: per MCN`).toEqual(new Map(byMcn.map((r) => [r.mcn == null ? null : Number(r.mcn), Number(r.n)])));
}

async function expectOutboxExact(label: string) {
  const refs = (await rows<{ ref: string }>('SELECT DISTINCT ref FROM outbox')).map((r) => r.ref);
  for (const ref of refs) {
    const expected = await rows<{ platform: string; status: string; reason: string | null; n: number }>(
      `SELECT platform, status, last_error AS reason, count(*) AS n FROM outbox WHERE ref = '${ref.replace(/'/g, "''")}' GROUP BY 1, 2, 3`,
    );
    const key = (r: { platform: string; status: string; reason: string | null }) => `${r.platform}/${r.status}/${r.reason}`;
    const got = await deliveryCounts(db.db, ref);
    expect(new Map(got.map((r) => [key(r), r.n])), `${label}: ${ref}`).toEqual(new Map(expected.map((r) => [key(r), Number(r.n)])));
  }
  // Per part (a briefing's invite, reminders), as deliveryCountsByRef reported it from the outbox.
  const part = `substr(idempotency_key, length(ref) + 2, max(0, instr(idempotency_key, ':member:') - length(ref) - 2))`;
  const byPart = await rows<{ ref: string; part: string; status: string; n: number }>(`SELECT ref, ${part} AS part, status, count(*) AS n FROM outbox GROUP BY 1, 2, 3`);
  const expected = new Map<string, { total: Record<string, number>; parts: Record<string, Record<string, number>> }>();
  for (const r of byPart) {
    const e = expected.get(r.ref) ?? { total: {}, parts: {} };
    expected.set(r.ref, e);
    e.total[r.status] = (e.total[r.status] ?? 0) + Number(r.n);
    if (r.part) (e.parts[r.part] ??= {})[r.status] = Number(r.n);
  }
  expect(await deliveryCountsByRef(db.db, refs), `${label}: per part`).toEqual(expected);
}

describe('console counts kept by triggers', () => {
  it('equal counting from scratch after the seed and after every kind of change to members, identities and the outbox', async () => {
    const official = Number((await run(`INSERT INTO members (full_name, role, lang, status, registered_at, consent_at, created_at) VALUES ('Cán bộ', 'official', 'vi', 'active', ${NOW}, ${NOW}, ${NOW}) RETURNING id`)).rows[0]![0]);
    await seedConsoleData(db.client, { members: 400, posts: 50, fanoutDays: 2, auditEntries: 10, now: NOW, today: '2026-12-05', officialId: official });
    // Zalo last-inbound times spread over the day, so the window's edge day is partly inside.
    await run(`UPDATE chat_identities SET last_inbound_at = last_inbound_at - (id * 7919 % ${DAY}) WHERE platform = 'zalo'`);
    // Briefing invitation rows with parts, as the fan-out writes them.
    await run(
      `INSERT INTO outbox (idempotency_key, ref, platform, chat_id, identity_id, member_id, status, next_attempt_at, created_at)
       SELECT 'briefing:1:' || p.part || ':member:' || i.member_id || ':' || i.platform, 'briefing:1', i.platform, i.chat_id, i.id, i.member_id, 'queued', ${NOW}, ${NOW}
       FROM chat_identities i CROSS JOIN (SELECT 'invite' AS part UNION ALL SELECT 'reminder:24h') p WHERE i.member_id % 7 = 0 AND i.private_chat_at IS NOT NULL`,
    );
    await expectAudienceExact('seeded');
    await expectOutboxExact('seeded');

    const r = rng(15);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const memberIds = (await rows<{ id: number }>('SELECT id FROM members')).map((x) => Number(x.id));
    const someMember = () => pick(memberIds);
    let ext = 1;
    const changes: (() => Promise<unknown>)[] = [
      // members
      () => run(`UPDATE members SET role = '${pick(['creator', 'mcn_lead'])}' WHERE id = ${someMember()} AND role <> 'official'`),
      () => run(`UPDATE members SET mcn_id = ${r() < 0.3 ? 'NULL' : 1 + Math.floor(r() * 3)} WHERE id = ${someMember()}`),
      () => run(`UPDATE members SET status = '${pick(['active', 'stopped', 'deleted'])}' WHERE id = ${someMember()}`),
      () => run(`UPDATE members SET registered_at = ${r() < 0.5 ? 'NULL' : NOW} WHERE id = ${someMember()}`),
      () => run(`UPDATE members SET consent_at = ${r() < 0.5 ? 'NULL' : NOW} WHERE id = ${someMember()}`),
      () => run(`UPDATE members SET full_name = 'x', lang = 'en' WHERE id = ${someMember()}`),
      () => run(`UPDATE members SET role = role, mcn_id = mcn_id, status = status WHERE id % 50 = ${Math.floor(r() * 50)}`),
      async () => {
        const id = Number((await run(`INSERT INTO members (full_name, role, mcn_id, status, registered_at, consent_at, created_at) VALUES ('Mới', 'creator', 2, 'active', ${NOW}, ${NOW}, ${NOW}) RETURNING id`)).rows[0]![0]);
        memberIds.push(id);
        await run(`INSERT INTO chat_identities (platform, external_id, chat_id, member_id, last_inbound_at, private_chat_at, created_at) VALUES ('zalo', 'new${ext}', 'new${ext}', ${id}, ${NOW - Math.floor(r() * 9 * DAY)}, ${NOW}, ${NOW})`);
        ext++;
      },
      () => run(`DELETE FROM members WHERE id = ${someMember()} AND role <> 'official'`),
      // identities: inbound upserts (new and known), ignored inserts, relinking, unfollow, private chat, delete
      () =>
        run(
          `INSERT INTO chat_identities (platform, external_id, chat_id, last_inbound_at, private_chat_at, created_at) VALUES ('zalo', 'z${2 * Math.floor(r() * 200)}', 'z', ${NOW - Math.floor(r() * 10 * DAY)}, ${NOW}, ${NOW})
           ON CONFLICT (platform, external_id) DO UPDATE SET last_inbound_at = max(coalesce(last_inbound_at, 0), excluded.last_inbound_at), private_chat_at = coalesce(private_chat_at, excluded.private_chat_at)`,
        ),
      () =>
        run(
          `INSERT INTO chat_identities (platform, external_id, chat_id, last_inbound_at, private_chat_at, created_at) VALUES ('telegram', '${5_000_000 + Math.floor(r() * 400)}', 'x', ${NOW}, ${NOW}, ${NOW})
           ON CONFLICT (platform, external_id) DO UPDATE SET private_chat_at = coalesce(private_chat_at, excluded.private_chat_at), last_inbound_at = excluded.last_inbound_at`,
        ),
      () => run(`INSERT INTO chat_identities (platform, external_id, chat_id, member_id, created_at) VALUES ('telegram', '${5_000_000 + Math.floor(r() * 400)}', 'x', ${someMember()}, ${NOW}) ON CONFLICT DO NOTHING`),
      () => run(`INSERT INTO chat_identities (platform, external_id, chat_id, created_at) VALUES ('telegram', 'stranger${ext++}', 'x', ${NOW})`),
      () => run(`UPDATE chat_identities SET member_id = ${r() < 0.2 ? 'NULL' : someMember()} WHERE id = (SELECT id FROM chat_identities ORDER BY random() LIMIT 1)`),
      () => run(`UPDATE chat_identities SET unfollowed_at = ${r() < 0.5 ? 'NULL' : NOW} WHERE member_id = ${someMember()}`),
      () => run(`UPDATE chat_identities SET private_chat_at = ${r() < 0.5 ? 'NULL' : NOW} WHERE member_id = ${someMember()} AND platform = 'telegram'`),
      () => run(`UPDATE chat_identities SET last_inbound_at = ${r() < 0.1 ? 'NULL' : NOW - Math.floor(r() * 10 * DAY)} WHERE member_id = ${someMember()}`),
      () => run(`UPDATE chat_identities SET client_lang = 'en' WHERE member_id = ${someMember()}`),
      () => run(`DELETE FROM chat_identities WHERE member_id = ${someMember()}`),
      // outbox: new rows (some turned skipped by the private-chat trigger), outcomes, retries, deletes
      () =>
        run(
          `INSERT INTO outbox (idempotency_key, ref, platform, chat_id, identity_id, member_id, status, next_attempt_at, created_at)
           SELECT 'announcement:9:member:' || i.member_id || ':' || i.id || ':' || ${ext++}, 'announcement:9', i.platform, i.external_id, i.id, i.member_id, 'queued', ${NOW}, ${NOW}
           FROM chat_identities i WHERE i.member_id IS NOT NULL ORDER BY random() LIMIT 5`,
        ),
      () => run(`UPDATE outbox SET status = '${pick(['sent', 'failed', 'skipped', 'sending'])}', last_error = ${pick(['NULL', "'blocked'", "'http 500'"])} WHERE id IN (SELECT id FROM outbox ORDER BY random() LIMIT 7)`),
      () => run(`UPDATE outbox SET attempts = attempts + 1, last_error = 'timeout' WHERE id IN (SELECT id FROM outbox WHERE status = 'queued' ORDER BY random() LIMIT 3)`),
      () => run(`UPDATE outbox SET attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox ORDER BY random() LIMIT 3)`),
      () => run(`DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY random() LIMIT 4)`),
      () => run(`INSERT INTO outbox (idempotency_key, ref, platform, chat_id, status, next_attempt_at, created_at) VALUES ('reply-${ext++}', 'reply', 'telegram', '1', 'queued', ${NOW}, ${NOW})`),
    ];
    for (let round = 1; round <= 6; round++) {
      for (let i = 0; i < 40; i++) await pick(changes)();
      await expectAudienceExact(`round ${round}`);
      await expectOutboxExact(`round ${round}`);
    }
    // Nothing was left out: every kind of change ran.
    expect(Number((await rows<{ n: number }>(`SELECT count(*) AS n FROM audience_counts WHERE n < 0`))[0]!.n)).toBe(0);
  });

  it("the migration's own backfill gives the same counts as the triggers (a database that had data before the triggers)", async () => {
    const official = Number((await run(`INSERT INTO members (full_name, role, lang, status, registered_at, consent_at, created_at) VALUES ('Cán bộ', 'official', 'vi', 'active', ${NOW}, ${NOW}, ${NOW}) RETURNING id`)).rows[0]![0]);
    await seedConsoleData(db.client, { members: 300, posts: 50, fanoutDays: 2, auditEntries: 10, now: NOW, today: '2026-12-05', officialId: official });
    const snapshot = async () => ({
      audience: await rows(`SELECT kind, platform, inbound_day, role, mcn_id, private_chat, n FROM audience_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6`),
      outbox: await rows(`SELECT ref, part, platform, status, reason, n FROM outbox_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`),
    });
    const byTriggers = await snapshot();
    expect(byTriggers.audience.length).toBeGreaterThan(10);
    const migration = readFileSync(`${MIGRATIONS_FOLDER}/${readdirSync(MIGRATIONS_FOLDER).find((f) => f.endsWith('_console_counts_triggers.sql'))}`, 'utf8').split('--> statement-breakpoint');
    const backfills = migration.filter((s) => /^\s*(--[^\n]*\n\s*)*INSERT INTO/.test(s));
    expect(backfills).toHaveLength(2);
    await db.db.run(sql`DELETE FROM audience_counts`);
    await db.db.run(sql`DELETE FROM outbox_counts`);
    for (const s of backfills) await run(s);
    expect(await snapshot()).toEqual(byTriggers);
  });
});
