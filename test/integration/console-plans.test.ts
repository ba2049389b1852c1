// No console page query scans a large table (issue 15, "Benchmarks"): every console page is
// requested over HTTP on a migrated database with the bench's data set at a small scale
// (scripts/bench/console-seed.ts; no ANALYZE, as in production); each SELECT the app ran for those pages is
// recorded at the database client and explained with its own arguments. A `SCAN <table>` of a
// large table without an index fails the test (a SCAN of a small table such as mcns or digests'
// 365 rows is fine; a SEARCH or a SCAN … USING INDEX is not a full-table read). There are no
// exceptions: the push audience is counted from audience_counts, a briefing's silent members are
// read a page at a time by member number.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InArgs, InStatement } from '@libsql/client';
import { startHarness, type Harness } from '../support/harness';
import { open, signInOfficial } from '../support/console';
import { seedConsoleData } from '../../scripts/bench/console-seed';
import { localDate } from '../../src/core/time';

const LARGE = ['members', 'chat_identities', 'posts', 'outbox', 'outbox_bodies', 'audit_log', 'digest_picks', 'briefing_rsvps', 'articles', 'announcements', 'inbound_events', 'console_sessions', 'console_login_tokens', 'audience_counts', 'outbox_counts'];
const DAY = 86_400_000;

let h: Harness;

afterEach(async () => {
  await h?.close();
});

/** Newest-first pages (ORDER BY id DESC LIMIT, no WHERE): a SCAN that stops after LIMIT rows. */
const BOUNDED = /^select [^;]+ from "(\w+)" order by "\1"\."id" desc limit \?(?: offset \?)?$/;

/** Full-table reads of large tables in one statement's plan. */
function largeScans(plan: string[], sql = ''): string[] {
  if (BOUNDED.test(sql)) return [];
  return plan.filter((d) => {
    const m = /^SCAN (\w+)(?: AS \w+)?(.*)$/.exec(d);
    return m != null && LARGE.includes(m[1]!) && !/USING (?:COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(m[2]!);
  });
}

describe('console query plans', () => {
  beforeEach(async () => {
    h = await startHarness({ env: { OFFICIALS: 'telegram:900' } });
  });

  it('every console page reads large tables through an index (EXPLAIN QUERY PLAN of each SELECT it runs)', async () => {
    const cookie = await signInOfficial(h, 900);
    const officialId = Number((await h.db.client.execute(`SELECT id FROM members WHERE role = 'official'`)).rows[0]![0]);
    const now = h.clock.now().getTime();
    await seedConsoleData(h.db.client, { members: 3000, posts: 20_000, fanoutDays: 3, auditEntries: 2000, now, today: localDate(new Date(now), 'Asia/Ho_Chi_Minh'), officialId });

    // The app's own client: record every statement it runs while the pages render.
    const client = h.runtime.core.db.$client;
    const seen: { sql: string; args: InArgs }[] = [];
    const execute = client.execute.bind(client) as (s: InStatement | string, a?: InArgs) => ReturnType<typeof client.execute>;
    (client as { execute: unknown }).execute = (s: InStatement | string, a?: InArgs) => {
      const st = typeof s === 'string' ? { sql: s, args: a ?? [] } : { sql: s.sql, args: s.args ?? [] };
      if (/^\s*(WITH|SELECT)\b/i.test(st.sql)) seen.push(st);
      return execute(s, a);
    };

    const one = async (q: string) => (await h.db.client.execute(q)).rows[0]![0];
    const ann = await one(`SELECT max(id) FROM announcements WHERE kind = 'announcement'`);
    const br = await one(`SELECT id FROM briefings WHERE starts_at > ${now} ORDER BY starts_at LIMIT 1`);
    const tomorrow = localDate(new Date(now + DAY), 'Asia/Ho_Chi_Minh');
    const campaign = await one(`SELECT max(id) FROM campaigns WHERE status = 'open'`);
    const old = await one(`SELECT min(id) FROM campaigns`);
    const member = await one(`SELECT member_id FROM posts WHERE campaign_id = ${campaign} LIMIT 1`);
    const cursor = await one(`SELECT reported_at || '.' || id FROM posts WHERE campaign_id = ${campaign} ORDER BY reported_at DESC, id DESC LIMIT 1 OFFSET 49`);
    const fromDay = localDate(new Date(now - 10 * DAY), 'Asia/Ho_Chi_Minh').split('-').reverse().join('/');
    const toDay = localDate(new Date(now - 8 * DAY), 'Asia/Ho_Chi_Minh').split('-').reverse().join('/');
    const posts = `/console/campaigns/${campaign}/posts`;
    const busyMember = await one(`SELECT member_id FROM briefing_rsvps WHERE member_id IN (SELECT member_id FROM posts) LIMIT 1`);
    const pages = [
      '/console/campaigns',
      `/console/campaigns/${campaign}`,
      `/console/campaigns/${old}`,
      posts,
      `${posts}?before=${cursor}`,
      `${posts}?status=pending`,
      `${posts}?status=valid`,
      `${posts}?platform=youtube`,
      `${posts}?mcn=5`,
      `${posts}?mcn=0`,
      `${posts}?member=${member}`,
      `${posts}?from=${fromDay}&to=${toDay}`,
      `${posts}?status=valid&platform=facebook&mcn=5`,
      `${posts}?status=pending&from=${fromDay}`,
      `/console/campaigns/${campaign}/posts.csv`,
      '/console',
      `/console/digest?date=${tomorrow}`,
      `/console/digest/preview?date=${tomorrow}`,
      `/console/digest/send?date=${tomorrow}`,
      '/console/announcements',
      '/console/announcements/counts?audience=mcn&mcn=1',
      `/console/announcements/${ann}`,
      '/console/briefings',
      `/console/briefings/${br}`,
      `/console/briefings/${br}/attendees.csv`,
      '/console/audit',
      `/console/audit?actor=${officialId}`,
      `/console/audit?kind=digest_sent`,
      // Thành viên and MCN (issue 16): every kind of search, a member's record, the MCN list and a merge preview.
      '/console/members',
      '/console/members?before=2000',
      `/console/members?q=${encodeURIComponent('Thành viên 42')}`,
      '/console/members?q=vien',
      '/console/members?q=0912345678',
      '/console/members?q=1234',
      '/console/members?mcn=5',
      '/console/members?mcn=5&q=vien&role=creator',
      '/console/members?role=mcn_lead',
      `/console/members/${busyMember}`,
      '/console/mcns',
      '/console/mcns/merge?from=1&into=2',
    ];
    for (const p of pages) {
      const res = await open(h, p, { headers: { cookie } }).catch((e: Error) => {
        throw new Error(`${p}: ${e.message}`);
      });
      expect(res.status, p).toBe(200);
      await res.arrayBuffer();
    }
    (client as { execute: unknown }).execute = execute;
    expect(seen.length).toBeGreaterThan(20);

    const offenders: string[] = [];
    for (const st of seen) {
      const plan = await h.db.client.execute({ sql: `EXPLAIN QUERY PLAN ${st.sql}`, args: st.args });
      const scans = largeScans(plan.rows.map((r) => String(r.detail)), st.sql);
      if (scans.length) offenders.push(`${scans.join(', ')} ← ${st.sql.slice(0, 200)}`);
    }
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('the scan check itself: a full read of members is caught, an index search is not', () => {
    expect(largeScans(['SCAN members'])).toEqual(['SCAN members']);
    expect(largeScans(['SCAN members USING INDEX members_registered_idx'])).toEqual([]);
    expect(largeScans(['SEARCH members USING INDEX members_registered_idx (registered_at>?)'])).toEqual([]);
    expect(largeScans(['SCAN mcns'])).toEqual([]);
    expect(largeScans(['SCAN audit_log'], 'select "id" from "audit_log" order by "audit_log"."id" desc limit ?')).toEqual([]);
    expect(largeScans(['SCAN audit_log'], 'select "id" from "audit_log" where "audit_log"."actor_member_id" = ? order by "audit_log"."id" desc limit ?')).toEqual(['SCAN audit_log']);
  });
});
