// The console's large data set (npm run bench:console, and at a small scale the EXPLAIN QUERY PLAN
// test): members with Telegram and Zalo identities, MCNs, campaigns with posts, a year of digests
// with articles, picks and the outbox fan-out of the latest ones, announcements, briefings with
// RSVPs and an audit log. Bulk INSERT … SELECT over recursive CTEs: 100,000 members and 1,000,000
// posts take seconds, not minutes. Every time is UTC epoch ms, dates are local (`today`).
import { performance } from 'node:perf_hooks';

export interface SqlRunner {
  execute(sql: string): Promise<{ rows: ArrayLike<ArrayLike<unknown>> }>;
}

export interface ConsoleSeed {
  members: number;
  posts: number;
  /** How many of the latest digests get their full outbox fan-out. */
  fanoutDays: number;
  auditEntries: number;
  now: number;
  /** Local date of `now` (YYYY-MM-DD). */
  today: string;
  /** The official who wrote articles, announcements and briefings. */
  officialId: number;
  /** Progress lines (nothing when omitted). */
  progress?: (line: string) => void;
}

const DAY = 86_400_000;
const seq = (n: number) => `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})`;

export async function seedConsoleData(c: SqlRunner, o: ConsoleSeed): Promise<void> {
  const { now, today, officialId } = o;
  const M = o.members;
  const year = now - 365 * DAY;
  const every = Math.max(1, Math.floor((365 * DAY) / M));
  /** The local date `k` days before today (k may be negative). */
  const dateAt = (k: string) => `date('${today}', (-(${k})) || ' days')`;
  const step = async (label: string, sql: string | string[]) => {
    const t0 = performance.now();
    for (const q of Array.isArray(sql) ? sql : [sql]) await c.execute(q);
    o.progress?.(`  seed ${label.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };

  await step('200 MCNs', `${seq(200)} INSERT INTO mcns (name, name_key, code, created_at) SELECT 'MCN số ' || i, 'mcn so ' || i, 'MCN' || i, ${year} FROM s`);
  await step(
    `${M.toLocaleString('en')} members`,
    `${seq(M)} INSERT INTO members (full_name, phone, role, mcn_id, lang, status, registered_at, consent_at, consent_version, created_at)
     SELECT 'Thành viên ' || i, '09' || printf('%08d', i),
            CASE WHEN i % 500 = 0 THEN 'mcn_lead' ELSE 'creator' END,
            CASE WHEN i % 3 = 0 THEN NULL ELSE 1 + i % 200 END,
            CASE WHEN i % 10 = 0 THEN 'en' ELSE 'vi' END,
            CASE WHEN i % 97 = 0 THEN 'stopped' ELSE 'active' END,
            ${year} + i * ${every}, ${year} + i * ${every}, 'bench', ${year}
     FROM s`,
  );
  await step('chat identities (Telegram ⅔, Zalo ½)', [
    `INSERT INTO chat_identities (platform, external_id, chat_id, member_id, last_inbound_at, private_chat_at, created_at)
     SELECT 'telegram', CAST(5000000 + id AS TEXT), CAST(5000000 + id AS TEXT), id, ${now} - (id % 30) * ${DAY}, CASE WHEN id % 5 = 0 THEN NULL ELSE ${year} END, ${year}
     FROM members WHERE id % 3 <> 0 AND role <> 'official'`,
    `INSERT INTO chat_identities (platform, external_id, chat_id, member_id, last_inbound_at, created_at)
     SELECT 'zalo', 'z' || id, 'z' || id, id, ${now} - (id % 14) * ${DAY}, ${year}
     FROM members WHERE id % 2 = 0 AND role <> 'official'`,
  ]);
  await step('12 campaigns', [
    `${seq(12)} INSERT INTO campaigns (name, hashtags, starts_on, ends_on, status, create_key, created_at)
     SELECT 'Chiến dịch ' || i, json_array('#ChienDich' || i), ${dateAt('(12 - i) * 30 + 30')}, ${dateAt('(12 - i) * 30 - 5')},
            CASE WHEN i >= 11 THEN 'open' ELSE 'closed' END, 'bench-' || i, ${year} FROM s`,
    `INSERT INTO campaign_hashtags (campaign_id, tag, tag_key, active) SELECT id, '#ChienDich' || id, 'chiendich' || id, CASE WHEN status = 'open' THEN 1 ELSE 0 END FROM campaigns`,
  ]);
  // Posts in id order over the year, each campaign taking the month it ran (≈ 83,000 a campaign
  // at 1,000,000): ⅐ Facebook, ⅐ YouTube, the rest TikTok; ⅕ valid, some invalid, the rest pending.
  await step(
    `${o.posts.toLocaleString('en')} posts`,
    `${seq(o.posts)} INSERT INTO posts (campaign_id, url, raw_url, host, platform, content_id, member_id, identity_id, reporter_platform, mcn_id, reported_at, event_key, status)
     SELECT (SELECT min(id) FROM campaigns) + ((i - 1) * 12) / ${o.posts}, 'https://www.tiktok.com/@kenh/video/' || i, 'https://www.tiktok.com/@kenh/video/' || i, 'tiktok.com',
            CASE i % 7 WHEN 0 THEN 'facebook' WHEN 1 THEN 'youtube' ELSE 'tiktok' END, CAST(i AS TEXT),
            1 + i % ${M}, 1 + i % ${M}, 'telegram', CASE WHEN i % 3 = 0 THEN NULL ELSE 1 + i % 200 END,
            ${year} + i * ${Math.max(1, Math.floor((365 * DAY) / o.posts))}, 'bench:' || (i / 50),
            CASE WHEN i % 5 = 0 THEN 'valid' WHEN i % 23 = 0 THEN 'invalid' ELSE 'pending' END
     FROM s`,
  );
  await step('365 digests, 1,825 articles, picks', [
    `${seq(365)} INSERT INTO digests (date, status, article_ids, trigger, recipients, queued_at, updated_at)
     SELECT ${dateAt('i')}, 'queued', '[]', 'schedule', ${M}, ${now} - i * ${DAY}, ${now} - i * ${DAY} FROM s`,
    `${seq(365 * 5)} INSERT INTO articles (digest_date, url, url_key, title, outlet, position, source, added_by_member_id, added_at)
     SELECT ${dateAt('(i - 1) / 5 + 1')}, 'https://vnexpress.net/bai-' || i || '.html', 'vnexpress.net/bai-' || i || '.html',
            'Bài báo số ' || i || ' về lễ hội áo dài', 'VnExpress', (i - 1) % 5 + 1, 'chat', ${officialId}, ${now} - ((i - 1) / 5 + 1) * ${DAY} FROM s`,
    // Tomorrow's digest being curated (5 articles, not yet queued).
    `${seq(5)} INSERT INTO articles (digest_date, url, url_key, title, outlet, position, source, added_by_member_id, added_at)
     SELECT ${dateAt('-1')}, 'https://tuoitre.vn/mai-' || i, 'tuoitre.vn/mai-' || i, 'Tin ngày mai số ' || i, 'Tuổi Trẻ', i, 'chat', ${officialId}, ${now} FROM s`,
    `UPDATE digests SET article_ids = (SELECT json_group_array(id) FROM articles WHERE digest_date = digests.date)`,
    `INSERT INTO digest_picks (digest_date, article_id, member_id, mcn_id, platform, picked_at)
     SELECT a.digest_date, a.id, m.id, m.mcn_id, 'telegram', a.added_at + ${DAY / 2} FROM articles a JOIN members m ON m.id % 400 = a.id % 400 AND m.id <= ${Math.min(M, 20_000)}
     WHERE a.digest_date <= '${today}'`,
  ]);
  await step(`outbox: ${o.fanoutDays} digests × fan-out`, [
    `INSERT INTO outbox_bodies (key, message, created_at) VALUES ('bench-digest', '{"text":"Điểm tin"}', ${now})`,
    `WITH RECURSIVE d(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM d WHERE k < ${o.fanoutDays})
     INSERT INTO outbox (idempotency_key, ref, platform, chat_id, identity_id, member_id, body_id, status, last_error, next_attempt_at, created_at, sent_at)
     SELECT 'digest:' || ${dateAt('d.k')} || ':' || ci.id, 'digest:' || ${dateAt('d.k')}, ci.platform, ci.chat_id, ci.id, ci.member_id,
            (SELECT max(id) FROM outbox_bodies),
            CASE WHEN ci.platform = 'telegram' AND ci.private_chat_at IS NULL THEN 'skipped'
                 WHEN ci.platform = 'zalo' AND ci.last_inbound_at < ${now} - 7 * ${DAY} THEN 'skipped'
                 WHEN ci.id % 1000 = 0 THEN 'failed' ELSE 'sent' END,
            CASE WHEN ci.platform = 'telegram' AND ci.private_chat_at IS NULL THEN 'telegram_no_private_chat'
                 WHEN ci.platform = 'zalo' AND ci.last_inbound_at < ${now} - 7 * ${DAY} THEN 'zalo_outside_window'
                 WHEN ci.id % 1000 = 0 THEN 'blocked' ELSE NULL END,
            ${now} - d.k * ${DAY}, ${now} - d.k * ${DAY}, ${now} - d.k * ${DAY}
     FROM d CROSS JOIN chat_identities ci WHERE ci.member_id IS NOT NULL AND ci.member_id <> ${officialId}`,
  ]);
  await step('104 announcements, 52 briefings, RSVPs', [
    `${seq(52)} INSERT INTO briefings (title, starts_at, place, audience, status, created_by_member_id, source_event_key, created_at, announced_at)
     SELECT 'Họp báo tuần ' || i, ${now} + (i - 48) * 7 * ${DAY}, 'Hội trường A', '{"kind":"all"}', 'scheduled', ${officialId}, 'bench-b-' || i, ${year}, ${year} FROM s`,
    `${seq(104)} INSERT INTO announcements (kind, briefing_id, created_by_member_id, text, audience, status, preview_counts, counts, source_event_key, created_at, expires_at, sent_at)
     SELECT CASE WHEN i % 2 = 0 THEN 'briefing' ELSE 'announcement' END, CASE WHEN i % 2 = 0 THEN (SELECT min(id) FROM briefings) + i / 2 - 1 ELSE NULL END, ${officialId}, 'Thông báo số ' || i,
            '{"kind":"all"}', 'sent', '{}', '{}', 'bench-a-' || i, ${now} - (104 - i) * 3 * ${DAY}, ${now} + ${DAY}, ${now} - (104 - i) * 3 * ${DAY} FROM s`,
    `INSERT INTO briefing_rsvps (briefing_id, member_id, answer, platform, answered_at)
     SELECT b.id, m.id, CASE WHEN m.id % 4 = 0 THEN 'no' ELSE 'yes' END, 'telegram', b.created_at FROM briefings b JOIN members m ON m.id % 52 = b.id % 52 AND m.id <= ${Math.min(M, 26_000)} AND m.role <> 'official'`,
  ]);
  await step(
    `${o.auditEntries.toLocaleString('en')} audit entries`,
    `${seq(o.auditEntries)} INSERT INTO audit_log (actor_member_id, action, target_member_id, detail, created_at)
     SELECT CASE WHEN i % 4 = 0 THEN ${officialId} ELSE NULL END, CASE i % 5 WHEN 0 THEN 'article_added' WHEN 1 THEN 'digest_sent' WHEN 2 THEN 'announcement_sent' WHEN 3 THEN 'console_signed_in' ELSE 'member_registered' END,
            1 + i % ${M}, '{}', ${year} + i * 300000 FROM s`,
  );
}
