// The console's Chiến dịch pages over HTTP (issue 16): creating a campaign with dd/mm/yyyy dates
// (an ended one too, for late reports), refusing bad input with a clear error and nothing written,
// a foreign Origin refused (403) with nothing changed, review of one or many posts with a note
// (audited with the official's number, the same use-case as PATCH /api/posts), close, CSV.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, tgText, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { sqlRows } from '../support/read';
import { open, postForm, signInOfficial } from '../support/console';
import { mcns } from '../../db/schema';

let h: Harness;
let cookie: string;

beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:900' } });
  cookie = await signInOfficial(h, 900);
});
afterEach(async () => {
  await h.close();
});

const count = async (q: string) => Number((await sqlRows<{ n: number }>(h, q))[0]!.n);
const page = async (path: string) => {
  const res = await open(h, path, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
};
/** Creates a campaign through the console form; returns the redirect's campaign id. */
async function create(fields: Record<string, string>) {
  const res = await postForm(h, '/console/campaigns', cookie, fields);
  return { res, id: Number(/\/console\/campaigns\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1] ?? NaN) };
}

describe('console: Chiến dịch', () => {
  it('creates a campaign from dd/mm/yyyy dates, lists it, and audits the creation with the official', async () => {
    const { res, id } = await create({ name: 'Mỹ Hồ Chí Minh', hashtags: '#MyHoChiMinh TuHaoHCM', from: '01/11/2026', to: '30/11/2026' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/console/campaigns/${id}?ok=c_created&n=${id}`);
    const row = (await sqlRows<{ name: string; hashtags: string; starts_on: string; ends_on: string; created_by_member_id: number }>(h, `SELECT * FROM campaigns WHERE id = ${id}`))[0]!;
    expect(row).toMatchObject({ name: 'Mỹ Hồ Chí Minh', starts_on: '2026-11-01', ends_on: '2026-11-30' });
    expect(JSON.parse(row.hashtags)).toEqual(['#MyHoChiMinh', '#TuHaoHCM']);
    const officialId = row.created_by_member_id;
    expect(officialId).toBeGreaterThan(0);
    const audits = await sqlRows<{ actor_member_id: number; detail: string }>(h, `SELECT actor_member_id, detail FROM audit_log WHERE action = 'campaign_created'`);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_member_id).toBe(officialId);
    expect(JSON.parse(audits[0]!.detail)).toMatchObject({ campaignId: id, via: 'console' });

    const list = await page('/console/campaigns');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/console/campaigns/${id}"`);
    expect(list.html).toContain('01/11/2026–30/11/2026');
    expect(list.html).toContain('Đang chạy');
    const one = await page(`/console/campaigns/${id}?ok=c_created&n=${id}`);
    expect(one.html).toContain(`Đã tạo chiến dịch số ${id}.`);

    // The English mirror.
    expect((await postForm(h, '/console/lang', cookie, { lang: 'en', back: '/console/campaigns' })).status).toBe(303);
    const en = await page('/console/campaigns');
    expect(en.html).toContain('<h1>Campaigns</h1>');
    expect(en.html).toContain('Create a campaign');
    expect(en.html).toContain('<td>Running</td>');
    expect((await page(`/console/campaigns/${id}/posts`)).html).toContain('No posts match the filter.');
  });

  it('creates a campaign that already ended, to collect late reports by its hashtag', async () => {
    const { res, id } = await create({ name: 'Lễ hội áo dài', hashtags: '#AoDai2026', from: '01/10/2026', to: '31/10/2026' });
    expect(res.headers.get('location')).toContain('ok=c_created_ended');
    await seedMember(h.db.db, { name: 'Trần Văn Bình', identities: [{ platform: 'telegram', externalId: '401' }] });
    await h.telegram(tgText(401, '#AoDai2026 https://www.tiktok.com/@binh/video/7345678901234567890'));
    await h.settle();
    expect(await count(`SELECT count(*) AS n FROM posts WHERE campaign_id = ${id}`)).toBe(1);
    const one = await page(`/console/campaigns/${id}`);
    expect(one.html).toContain('Đã kết thúc (còn nhận báo cáo)');
    // The late report shows in the chart's table on its own day (21/11, after the campaign's end).
    expect(one.html).toMatch(/<th scope="row">21\/11\/2026<\/th><td class="num">1<\/td>/);
  });

  it('refuses bad input with a clear error, keeps what was typed, and writes nothing', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ name: 'Tết', hashtags: '#Tet', from: '2026-12-01', to: '31/12/2026' }, 400, 'Ngày bắt đầu không hợp lệ: hãy nhập theo dạng dd/mm/yyyy'],
      [{ name: 'Tết', hashtags: '#Tet', from: '01/12/2026', to: '31/02/2027' }, 400, 'Ngày kết thúc không hợp lệ'],
      [{ name: 'Tết', hashtags: '#Tet', from: '31/12/2026', to: '01/12/2026' }, 400, 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.'],
      [{ name: 'Tết', hashtags: '', from: '01/12/2026', to: '31/12/2026' }, 400, 'Hãy nhập ít nhất một hashtag.'],
      [{ name: 'Tết', hashtags: '#Tết 2026', from: '01/12/2026', to: '31/12/2026' }, 400, 'Hashtag chỉ gồm chữ, số và dấu _'],
      [{ name: 'T', hashtags: '#Tet', from: '01/12/2026', to: '31/12/2026' }, 400, 'Tên chiến dịch cần từ 2 đến 200 ký tự.'],
    ];
    for (const [fields, status, text] of cases) {
      const res = await postForm(h, '/console/campaigns', cookie, fields);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      const html = await res.text();
      expect(html, JSON.stringify(fields)).toContain(text);
      expect(html).toContain('role="alert"');
      expect(html).toContain(`value="${fields.from}"`);
    }
    expect(await count('SELECT count(*) AS n FROM campaigns')).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'campaign_created'`)).toBe(0);

    // A hashtag of an open campaign: 409 with the campaign that holds it.
    const { id } = await create({ name: 'Tết', hashtags: '#Tet', from: '01/12/2026', to: '31/12/2026' });
    const clash = await postForm(h, '/console/campaigns', cookie, { name: 'Tết 2', hashtags: '#tết', from: '01/12/2026', to: '31/12/2026' });
    expect(clash.status).toBe(409);
    expect(await clash.text()).toContain(`đang thuộc chiến dịch số ${id} (Tết)`);
    expect(await count('SELECT count(*) AS n FROM campaigns')).toBe(1);
  });

  it('a POST from another origin gets 403 and changes nothing (create, close, review)', async () => {
    const { id } = await create({ name: 'Tết', hashtags: '#Tet', from: '01/12/2026', to: '31/12/2026' });
    await seedMember(h.db.db, { name: 'Lê Thị Cúc', identities: [{ platform: 'telegram', externalId: '402' }] });
    await h.telegram(tgText(402, '#Tet https://youtu.be/dQw4w9WgXcQ'));
    await h.settle();
    const postId = Number((await sqlRows<{ id: number }>(h, 'SELECT id FROM posts'))[0]!.id);
    const auditsBefore = await count('SELECT count(*) AS n FROM audit_log');
    for (const [path, fields] of [
      ['/console/campaigns', { name: 'Khác', hashtags: '#Khac', from: '01/12/2026', to: '31/12/2026' }],
      [`/console/campaigns/${id}/close`, { confirm: 'yes' }],
      [`/console/campaigns/${id}/posts/review`, { id: String(postId), decision: 'invalid', note: 'x' }],
    ] as const) {
      for (const origin of ['https://evil.example', null]) {
        const res = await postForm(h, path, cookie, fields, origin);
        expect(res.status, `${path} ${origin}`).toBe(403);
      }
    }
    expect(await count('SELECT count(*) AS n FROM campaigns')).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM campaigns WHERE status = 'open'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM posts WHERE status = 'pending'`)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM audit_log')).toBe(auditsBefore);
  });

  it('reviews one or many posts with a note, filters by status, platform, MCN, member and date, closes, and exports', async () => {
    const [mcn] = await h.db.db.insert(mcns).values({ name: 'Công ty TNHH Sao Việt', nameKey: 'sao viet', code: 'SAOVIET' }).returning();
    const a = await seedMember(h.db.db, { name: 'Nguyễn Thị Ánh Tuyết', mcnId: mcn!.id, identities: [{ platform: 'telegram', externalId: '401' }] });
    await seedMember(h.db.db, { name: 'Phạm Minh Đức', identities: [{ platform: 'telegram', externalId: '402' }] });
    const { id } = await create({ name: 'Mỹ Hồ Chí Minh', hashtags: '#MyHoChiMinh', from: '01/11/2026', to: '30/11/2026' });
    await h.telegram(tgText(401, '#MyHoChiMinh https://www.tiktok.com/@tuyet/video/7345678901234567890 https://youtu.be/dQw4w9WgXcQ'));
    await h.settle();
    // The next local day (22/11, 01:00 in Hồ Chí Minh City), the session kept alive on the way (12 h idle).
    h.clock.advance(11 * 3600_000);
    await page('/console/campaigns');
    h.clock.advance(6 * 3600_000);
    await h.telegram(tgText(402, '#MyHoChiMinh https://www.facebook.com/reel/1122334455667788'));
    await h.settle();
    const ids = (await sqlRows<{ id: number; platform: string }>(h, `SELECT id, platform FROM posts ORDER BY id`)).map((r) => [r.platform, Number(r.id)] as const);
    const byPlatform = Object.fromEntries(ids);

    const rowsOf = (html: string) => [...html.matchAll(/data-post="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rowsOf((await page(`/console/campaigns/${id}/posts`)).html)).toEqual([byPlatform.facebook, byPlatform.youtube, byPlatform.tiktok]);
    expect(rowsOf((await page(`/console/campaigns/${id}/posts?platform=youtube`)).html)).toEqual([byPlatform.youtube]);
    expect(rowsOf((await page(`/console/campaigns/${id}/posts?mcn=${mcn!.id}`)).html)).toEqual([byPlatform.youtube, byPlatform.tiktok]);
    expect(rowsOf((await page(`/console/campaigns/${id}/posts?mcn=0`)).html)).toEqual([byPlatform.facebook]);
    expect(rowsOf((await page(`/console/campaigns/${id}/posts?member=${a.memberId}`)).html)).toEqual([byPlatform.youtube, byPlatform.tiktok]);
    expect(rowsOf((await page(`/console/campaigns/${id}/posts?from=22/11/2026&to=22/11/2026`)).html)).toEqual([byPlatform.facebook]);
    expect(rowsOf((await page(`/console/campaigns/${id}/posts?to=21/11/2026`)).html)).toEqual([byPlatform.youtube, byPlatform.tiktok]);
    const badDate = await page(`/console/campaigns/${id}/posts?from=32/11/2026`);
    expect(badDate.html).toContain('Ngày lọc không hợp lệ');
    expect(rowsOf(badDate.html)).toHaveLength(3);
    // A post links to the member who reported it.
    expect((await page(`/console/campaigns/${id}/posts`)).html).toContain(`<a href="/console/members/${a.memberId}">Nguyễn Thị Ánh Tuyết · số ${a.memberId}</a>`);

    // Reject two with a note (bulk), approve one with its own row button.
    const back = `/console/campaigns/${id}/posts?mcn=${mcn!.id}`;
    const res = await open(h, `/console/campaigns/${id}/posts/review`, {
      method: 'POST',
      headers: { cookie, origin: h.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['back', back],
        ['id', String(byPlatform.tiktok)],
        ['id', String(byPlatform.youtube)],
        ['note', 'Video đã bị gỡ'],
        ['decision', 'invalid'],
      ]).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${back}&ok=c_reviewed&n=2-invalid`);
    const one = await postForm(h, `/console/campaigns/${id}/posts/review?only=${byPlatform.facebook}`, cookie, { decision: 'valid', id: String(byPlatform.tiktok), note: '' });
    expect(one.headers.get('location')).toContain('n=1-valid');
    const rows = await sqlRows<{ id: number; status: string; review_note: string | null }>(h, 'SELECT id, status, review_note FROM posts ORDER BY id');
    expect(rows.map((r) => [Number(r.id), r.status, r.review_note])).toEqual([
      [byPlatform.tiktok, 'invalid', 'Video đã bị gỡ'],
      [byPlatform.youtube, 'invalid', 'Video đã bị gỡ'],
      [byPlatform.facebook, 'valid', null],
    ]);
    const audits = await sqlRows<{ action: string; actor_member_id: number | null; detail: string }>(h, `SELECT action, actor_member_id, detail FROM audit_log WHERE action LIKE 'posts_%' ORDER BY id`);
    expect(audits.map((x) => x.action)).toEqual(['posts_rejected', 'posts_approved']);
    expect(audits.every((x) => x.actor_member_id != null)).toBe(true);
    expect(JSON.parse(audits[0]!.detail)).toEqual({ campaignId: id, postIds: [byPlatform.tiktok, byPlatform.youtube], count: 2, withNote: true, via: 'console' });
    expect(audits[0]!.detail).not.toContain('gỡ');

    const filtered = await page(`/console/campaigns/${id}/posts?status=invalid&ok=c_reviewed&n=2-invalid`);
    expect(rowsOf(filtered.html)).toEqual([byPlatform.youtube, byPlatform.tiktok]);
    expect(filtered.html).toContain('Đã đánh dấu 2 bài là không hợp lệ.');
    expect(filtered.html).toContain('Theo bộ lọc: 2 bài');

    // Bad review input: nothing chosen, an unknown decision, a post of another campaign, a long note.
    const { id: other } = await create({ name: 'Khác', hashtags: '#Khac', from: '01/11/2026', to: '30/11/2026' });
    for (const [fields, err] of [
      [{ decision: 'invalid' }, 'c_review_no_posts'],
      [{ decision: 'maybe', id: String(byPlatform.facebook) }, 'c_review_bad_decision'],
      [{ decision: 'invalid', id: String(byPlatform.facebook), note: 'x'.repeat(501) }, 'c_review_note_too_long'],
    ] as const) {
      const r = await postForm(h, `/console/campaigns/${id}/posts/review`, cookie, fields);
      expect(r.headers.get('location')).toContain(`err=${err}`);
    }
    const foreign = await postForm(h, `/console/campaigns/${other}/posts/review`, cookie, { decision: 'invalid', id: String(byPlatform.facebook) });
    expect(foreign.headers.get('location')).toContain('err=c_review_not_found');
    expect(await count(`SELECT count(*) AS n FROM posts WHERE status = 'valid'`)).toBe(1);

    // The trigger-kept counts equal a count of the posts (intake, bulk and single review).
    const kept = await sqlRows(h, `SELECT campaign_id, status, n FROM campaign_post_counts WHERE n > 0 ORDER BY campaign_id, status`);
    const counted = await sqlRows(h, `SELECT campaign_id, status, count(*) AS n FROM posts GROUP BY campaign_id, status ORDER BY campaign_id, status`);
    expect(kept).toEqual(counted);
    expect(kept).toHaveLength(2);

    // The campaign's page: counts, rankings of valid posts, the per-day table.
    const summary = (await page(`/console/campaigns/${id}`)).html;
    expect(summary).toContain('<span data-count="total">3</span>');
    expect(summary).toContain('<span data-count="invalid">2</span>');
    expect(summary).toMatch(/data-table="rank-creators"[\s\S]*Phạm Minh Đức · số/);
    expect(summary).toMatch(/data-table="rank-mcn"[\s\S]*Độc lập \(không MCN\)<\/td><td class="num">1</);
    // Columns: TikTok, Facebook, YouTube, total.
    expect(summary).toContain('<th scope="row">21/11/2026</th><td class="num">1</td><td class="num">0</td><td class="num">1</td><td class="num">2</td>');
    expect(summary).toContain('<th scope="row">22/11/2026</th><td class="num">0</td><td class="num">1</td><td class="num">0</td><td class="num">1</td>');

    // CSV: the review shows.
    const csv = await open(h, `/console/campaigns/${id}/posts.csv`, { headers: { cookie } });
    expect(csv.headers.get('content-disposition')).toContain(`chien-dich-${id}-my-ho-chi-minh.csv`);
    const text = await csv.text();
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(text.match(/Video đã bị gỡ/g)).toHaveLength(2);

    // Close: audited, hashtag freed, the button gone.
    const closed = await postForm(h, `/console/campaigns/${id}/close`, cookie, { confirm: 'yes' });
    expect(closed.headers.get('location')).toContain('ok=c_closed');
    expect(await count(`SELECT count(*) AS n FROM campaigns WHERE id = ${id} AND status = 'closed'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'campaign_closed' AND actor_member_id IS NOT NULL`)).toBe(1);
    expect((await page(`/console/campaigns/${id}`)).html).not.toContain(`/console/campaigns/${id}/close`);
    expect((await page('/console/campaigns/99999')).status).toBe(303);
  });

  it('PATCH /api/posts goes through the same use-case and is audited', async () => {
    await create({ name: 'Tết', hashtags: '#Tet', from: '01/12/2026', to: '31/12/2026' });
    await seedMember(h.db.db, { name: 'Lê Thị Cúc', identities: [{ platform: 'telegram', externalId: '402' }] });
    await h.telegram(tgText(402, '#Tet https://youtu.be/dQw4w9WgXcQ'));
    await h.settle();
    const postId = Number((await sqlRows<{ id: number }>(h, 'SELECT id FROM posts'))[0]!.id);
    expect((await h.api('PATCH', `/api/posts/${postId}`, { status: 'invalid', note: 'trùng' })).status).toBe(200);
    const audits = await sqlRows<{ actor_member_id: number | null; detail: string }>(h, `SELECT actor_member_id, detail FROM audit_log WHERE action = 'posts_rejected'`);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_member_id).toBeNull();
    expect(JSON.parse(audits[0]!.detail)).toMatchObject({ postIds: [postId], via: 'api' });
  });
});
