// Campaigns end to end: the admin API (create, list, close, posts review, CSV), /chiendich,
// /thongke for each role, and /xuat with its signed, expiring download links.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startHarness, tgText, zaloText, ADMIN_TOKEN, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { mcns } from '../../db/schema';

const PUBLIC_URL = 'https://loa.so-vhtt.example.vn';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:900', PUBLIC_URL } });
});
afterEach(async () => {
  await h.close();
});

const all = <T>(q: string) => h.db.db.all<T>(sql.raw(q));
const texts = (chatId: string | number) => h.tg.sent(String(chatId)).map((p) => String(p.text ?? p.caption ?? ''));
const lastText = (chatId: string | number) => texts(chatId).at(-1) ?? '';

async function send(tgId: number, text: string) {
  expect((await h.telegram(tgText(tgId, text))).status).toBe(200);
  await h.settle();
}

async function createCampaign(body: unknown) {
  const res = await h.api('POST', '/api/campaigns', body);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies read field by field in assertions
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** The app's own URL for a link made with PUBLIC_URL. */
const local = (url: string) => url.replace(PUBLIC_URL, h.url);


describe('admin API: campaigns', () => {
  it('needs the bearer token (401)', async () => {
    for (const [method, path] of [
      ['GET', '/api/campaigns'],
      ['POST', '/api/campaigns'],
      ['POST', '/api/campaigns/1/close'],
      ['GET', '/api/campaigns/1/posts.csv'],
      ['GET', '/api/posts'],
      ['PATCH', '/api/posts/1'],
    ] as const) {
      const res = await fetch(`${h.url}${path}`, { method, headers: { authorization: 'Bearer wrong-token-123456789' } });
      expect(res.status, `${method} ${path}`).toBe(401);
      const bare = await fetch(`${h.url}${path}`, { method });
      expect(bare.status, `${method} ${path}`).toBe(401);
    }
  });

  it('creates, lists and closes campaigns; hashtags with or without #; a folded hashtag is unique among open campaigns', async () => {
    const a = await createCampaign({ name: 'Mỹ Hồ Chí Minh', hashtags: ['MyHoChiMinh', '#TuHaoHCM'], startsOn: '2026-11-01', endsOn: '2026-11-30' });
    expect(a.status).toBe(201);
    expect(a.body.campaign).toMatchObject({ name: 'Mỹ Hồ Chí Minh', hashtags: ['#MyHoChiMinh', '#TuHaoHCM'], status: 'open', state: 'running', postCount: 0 });

    const clash = await createCampaign({ name: 'Khác', hashtags: ['#myhồchíminh'], startsOn: '2026-12-01', endsOn: '2026-12-31' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('conflict');
    expect(clash.body.details).toEqual([{ hashtag: '#myhồchíminh', campaignId: a.body.campaign.id }]);

    const list = await (await h.api('GET', '/api/campaigns')).json();
    expect(list.campaigns.map((c: { id: number }) => c.id)).toEqual([a.body.campaign.id]);

    const closed = await h.api('POST', `/api/campaigns/${a.body.campaign.id}/close`);
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ campaign: { status: 'closed', state: 'closed' }, alreadyClosed: false });
    expect((await (await h.api('POST', `/api/campaigns/${a.body.campaign.id}/close`)).json()).alreadyClosed).toBe(true);
    expect((await h.api('POST', '/api/campaigns/999/close')).status).toBe(404);

    // Closed: its hashtag is free again.
    const again = await createCampaign({ name: 'Mỹ Hồ Chí Minh 2027', hashtags: ['#MyHoChiMinh'], startsOn: '2027-01-01', endsOn: '2027-01-31' });
    expect(again.status).toBe(201);
    expect((await (await h.api('GET', '/api/campaigns?status=open')).json()).campaigns).toHaveLength(1);
  });

  it('validates bodies (400)', async () => {
    const ok = { name: 'Tết', hashtags: ['Tet'], startsOn: '2026-12-01', endsOn: '2026-12-31' };
    const bad: unknown[] = [
      {},
      { ...ok, name: '' },
      { ...ok, hashtags: [] },
      { ...ok, hashtags: 'Tet' },
      { ...ok, hashtags: ['#'] },
      { ...ok, hashtags: ['Tết 2026'] },
      { ...ok, hashtags: ['2026'] },
      { ...ok, startsOn: '01/12/2026' },
      { ...ok, endsOn: '2026-02-30' },
      { ...ok, startsOn: '2026-12-31', endsOn: '2026-12-01' },
      { ...ok, startsOn: '2025-01-01', endsOn: '2025-01-31' },
    ];
    for (const body of bad) {
      const res = await createCampaign(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_error');
    }
    const notJson = await fetch(`${h.url}/api/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(notJson.status).toBe(400);
    expect((await h.api('GET', '/api/campaigns?status=maybe')).status).toBe(400);
    expect(await all('SELECT * FROM campaigns')).toHaveLength(0);
  });
});

describe('admin API: posts review and CSV', () => {
  it('lists posts with filters, marks them valid/invalid, and exports a CSV Excel reads in Vietnamese', async () => {
    const [mcn] = await h.db.db.insert(mcns).values({ name: 'Công ty TNHH Sao Việt', nameKey: 'sao viet', code: 'SAOVIET' }).returning();
    await seedMember(h.db.db, { name: 'Nguyễn Thị Ánh Tuyết', mcnId: mcn!.id, identities: [{ platform: 'telegram', externalId: '401' }] });
    await seedMember(h.db.db, { name: '=HYPERLINK("http://evil.example","x")', identities: [{ platform: 'telegram', externalId: '402' }] });
    const { body } = await createCampaign({ name: 'Mỹ Hồ Chí Minh, "mùa 2"', hashtags: ['MyHoChiMinh'], startsOn: '2026-11-01', endsOn: '2026-11-30' });
    const id = body.campaign.id as number;
    await send(401, '#MyHoChiMinh https://www.tiktok.com/@tuyet/video/7345678901234567890 https://youtu.be/dQw4w9WgXcQ');
    await send(402, 'https://www.facebook.com/reel/1122334455667788');

    const list = await (await h.api('GET', `/api/posts?campaignId=${id}`)).json();
    expect(list.posts).toHaveLength(3);
    expect(list.posts[0]).toMatchObject({ campaignId: id, platform: 'tiktok', status: 'pending', memberName: 'Nguyễn Thị Ánh Tuyết', mcnName: 'Công ty TNHH Sao Việt' });
    expect((await (await h.api('GET', `/api/posts?campaignId=${id}&platform=youtube`)).json()).posts).toHaveLength(1);
    expect((await (await h.api('GET', `/api/posts?mcnId=${mcn!.id}`)).json()).posts).toHaveLength(2);
    expect((await (await h.api('GET', '/api/posts?mcnId=0')).json()).posts).toHaveLength(1);
    const paged = await (await h.api('GET', `/api/posts?campaignId=${id}&limit=2`)).json();
    expect(paged.posts).toHaveLength(2);
    expect((await (await h.api('GET', `/api/posts?campaignId=${id}&afterId=${paged.nextAfterId}`)).json()).posts).toHaveLength(1);
    expect((await h.api('GET', '/api/posts?status=ok')).status).toBe(400);
    expect((await h.api('GET', '/api/posts?platform=myspace')).status).toBe(400);

    const postId = list.posts[0].id as number;
    const patched = await h.api('PATCH', `/api/posts/${postId}`, { status: 'invalid', note: '=cmd|" /C calc"!A0 — video đã bị gỡ' });
    expect(patched.status).toBe(200);
    expect((await patched.json()).post).toMatchObject({ id: postId, status: 'invalid' });
    expect((await h.api('PATCH', `/api/posts/${list.posts[1].id}`, { status: 'valid' })).status).toBe(200);
    expect((await h.api('PATCH', `/api/posts/${postId}`, { status: 'maybe' })).status).toBe(400);
    expect((await h.api('PATCH', `/api/posts/${postId}`, {})).status).toBe(400);
    expect((await h.api('PATCH', '/api/posts/99999', { status: 'valid' })).status).toBe(404);
    expect((await (await h.api('GET', '/api/posts?status=invalid')).json()).posts.map((p: { id: number }) => p.id)).toEqual([postId]);

    const csvRes = await h.api('GET', `/api/campaigns/${id}/posts.csv`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    expect(csvRes.headers.get('content-disposition')).toContain(`chien-dich-${id}-my-ho-chi-minh-mua-2.csv`);
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Mã \/ ID,Chiến dịch \/ Campaign,/);
    expect(lines).toHaveLength(1 + 3 + 1); // header, 3 posts, trailing CRLF
    expect(csv).toContain('Nguyễn Thị Ánh Tuyết');
    expect(csv).toContain('"Mỹ Hồ Chí Minh, ""mùa 2"""');
    expect(csv).toContain(`"'=cmd|"" /C calc""!A0 — video đã bị gỡ"`);
    expect(csv).toContain('Không hợp lệ / Invalid');
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect((await h.api('GET', '/api/campaigns/999/posts.csv')).status).toBe(404);
  });
});

describe('/chiendich in chat', () => {
  it('lets officials create, list and close campaigns, with Vietnamese errors', async () => {
    await send(900, '/chiendich Mỹ Hồ Chí Minh #MyHoChiMinh #TuHao | 01/11/2026 | 30/11/2026');
    expect(lastText(900)).toContain('Đã tạo chiến dịch [1] Mỹ Hồ Chí Minh');
    expect(lastText(900)).toContain('01/11/2026 – 30/11/2026');
    const [row] = await all<{ created_by_member_id: number | null; hashtags: string }>('SELECT created_by_member_id, hashtags FROM campaigns');
    expect(row!.created_by_member_id).not.toBeNull();
    expect(JSON.parse(row!.hashtags)).toEqual(['#MyHoChiMinh', '#TuHao']);

    await send(900, 'chien dich Áo dài #myhochiminh | 01/12/2026 | 31/12/2026');
    expect(lastText(900)).toContain('Hashtag #myhochiminh đang thuộc chiến dịch [1] Mỹ Hồ Chí Minh');
    await send(900, '/chiendich Áo dài #AoDai | 31/12/2026 | 01/12/2026');
    expect(lastText(900)).toContain('Ngày kết thúc phải bằng hoặc sau ngày bắt đầu');
    await send(900, '/chiendich Áo dài #AoDai | 32/12/2026 | 01/01/2027');
    expect(lastText(900)).toContain('"32/12/2026" không phải ngày hợp lệ');
    await send(900, '/chiendich Áo dài | 01/12/2026 | 31/12/2026');
    expect(lastText(900)).toContain('ít nhất một hashtag');
    await send(900, '/chiendich Áo dài #AoDai 01/12/2026');
    expect(lastText(900)).toContain('Cần đủ 3 phần');

    await send(900, '/chiendich');
    expect(lastText(900)).toContain('[1] Mỹ Hồ Chí Minh #MyHoChiMinh #TuHao: 01/11/2026 – 30/11/2026, đang chạy, 0 bài');
    await send(900, '/chiendich đóng #tuhao');
    expect(lastText(900)).toContain('Đã đóng chiến dịch [1]');
    await send(900, '/chiendich dong 1');
    expect(lastText(900)).toContain('đã đóng từ trước');
    await send(900, '/chiendich Áo dài #MyHoChiMinh | 01/12/2026 | 31/12/2026');
    expect(lastText(900)).toContain('Đã tạo chiến dịch [2] Áo dài');

    await seedMember(h.db.db, { identities: [{ platform: 'telegram', externalId: '410' }] });
    await send(410, '/chiendich Của tôi #CuaToi | 01/12/2026 | 31/12/2026');
    expect(lastText(410)).toContain('chỉ dành cho cán bộ');
    expect(await all('SELECT * FROM campaigns')).toHaveLength(2);
  });
});

describe('/thongke', () => {
  it('shows a creator their own posts, a lead their MCN per creator, an official per MCN, platform and day', async () => {
    const [mcn] = await h.db.db.insert(mcns).values({ name: 'Sao Việt', nameKey: 'sao viet', code: 'SV' }).returning();
    const tuyet = await seedMember(h.db.db, { name: 'Nguyễn Thị Ánh Tuyết', mcnId: mcn!.id, identities: [{ platform: 'telegram', externalId: '421' }] });
    const lead = await seedMember(h.db.db, { name: 'Phạm Văn Trưởng', role: 'mcn_lead', mcnId: mcn!.id, identities: [{ platform: 'telegram', externalId: '422' }] });
    await seedMember(h.db.db, { name: 'Độc Lập', identities: [{ platform: 'telegram', externalId: '423' }] });
    await send(421, 'trước chiến dịch https://vnexpress.net/bai-4800000.html');
    const { body } = await createCampaign({ name: 'Mỹ Hồ Chí Minh', hashtags: ['MyHoChiMinh'], startsOn: '2026-11-01', endsOn: '2026-11-30' });
    const id = body.campaign.id as number;

    await send(421, '#MyHoChiMinh https://www.tiktok.com/@t/video/7000000000000000001 https://youtu.be/dQw4w9WgXcQ');
    h.clock.advance(24 * 3600_000);
    await send(422, '#MyHoChiMinh https://www.facebook.com/reel/1122334455667788');
    await send(423, '#MyHoChiMinh https://www.tiktok.com/@d/video/7000000000000000009');
    const [first] = (await (await h.api('GET', `/api/posts?campaignId=${id}`)).json()).posts;
    await h.api('PATCH', `/api/posts/${first.id}`, { status: 'valid' });

    await send(421, '/thongke');
    const own = lastText(421);
    expect(own).toContain('Bài đăng bạn đã báo cáo');
    expect(own).toContain(`[${id}] Mỹ Hồ Chí Minh #MyHoChiMinh: 2 bài (hợp lệ 1, không hợp lệ 0, chờ duyệt 1)`);
    expect(own).toContain('Chưa gắn chiến dịch: 1 bài');

    await send(422, 'thong ke');
    const leadText = lastText(422);
    expect(leadText).toContain('Bài đăng của MCN Sao Việt');
    expect(leadText).toContain(`[${tuyet.memberId}] Nguyễn Thị Ánh Tuyết: 2 bài (hợp lệ 1)`);
    expect(leadText).toContain(`[${lead.memberId}] Phạm Văn Trưởng: 1 bài`);
    expect(leadText).not.toContain('Độc Lập');

    await send(900, '/thongke');
    const off = lastText(900);
    expect(off).toContain(`Chiến dịch [${id}] Mỹ Hồ Chí Minh #MyHoChiMinh (01/11/2026 – 30/11/2026, đang chạy)`);
    expect(off).toContain('Tổng: 4 bài (hợp lệ 1, không hợp lệ 0, chờ duyệt 3); 3 người báo cáo');
    expect(off).toContain('• Sao Việt: 3');
    expect(off).toContain('• Độc lập (không thuộc MCN): 1');
    expect(off).toContain('• TikTok: 2');
    expect(off).toContain('• 21/11/2026: 2');
    expect(off).toContain('• 22/11/2026: 2');
    await send(900, '/thongke #khongco');
    expect(lastText(900)).toContain('Không tìm thấy chiến dịch');
    // Names are shown to the lead and the official, never logged.
    expect(h.logs.join('\n')).not.toContain('Tuyết');
  });
});

describe('/xuat and signed downloads', () => {
  async function setup() {
    await seedMember(h.db.db, { name: 'Nguyễn Thị Ánh Tuyết', identities: [{ platform: 'telegram', externalId: '431' }] });
    const { body } = await createCampaign({ name: 'Mỹ Hồ Chí Minh', hashtags: ['MyHoChiMinh'], startsOn: '2026-11-01', endsOn: '2026-11-30' });
    await send(431, '#MyHoChiMinh https://www.tiktok.com/@t/video/7000000000000000001 https://youtu.be/dQw4w9WgXcQ');
    return body.campaign.id as number;
  }

  it('sends the export on Telegram as an uploaded CSV file (no public URL needed)', async () => {
    const id = await setup();
    await send(900, '/xuat #myhochiminh');
    const docs = h.tg.calls.filter((c) => c.method === 'sendDocument');
    expect(docs).toHaveLength(1);
    const file = docs[0]!.payload.document as { filename: string; type: string; content: string };
    expect(file.filename).toBe(`chien-dich-${id}-my-ho-chi-minh.csv`);
    expect(file.type).toBe('text/csv');
    expect(file.content.startsWith('\uFEFF')).toBe(true);
    expect(file.content).toContain('Mã / ID');
    expect(file.content).toContain('Nguyễn Thị Ánh Tuyết');
    expect(texts(900).join('\n')).toContain(`Báo cáo chiến dịch [${id}] Mỹ Hồ Chí Minh: 2 bài`);
  });

  it('sends a CSV download link as text on Zalo; the link expires and rejects tampering', async () => {
    const id = await setup();
    await seedMember(h.db.db, { role: 'official', identities: [{ platform: 'zalo', externalId: '8001' }] });
    await h.zaloEvent(zaloText('8001', `xuat ${id}`, h.clock.now()));
    await h.settle();
    const text = h.zalo.sent().at(-1)?.text ?? '';
    expect(text).toContain('Tải file CSV (mở bằng Excel): ');
    const url = /https:\/\/\S+/.exec(text.slice(text.indexOf('Tải file CSV')))![0];
    expect(url.endsWith('.csv')).toBe(true);

    const ok = await fetch(local(url));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/csv');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await ok.arrayBuffer()));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);

    // Tampered: another campaign id, another expiry, another signature.
    const [, token] = /\/downloads\/([^/]+)\//.exec(url)!;
    const [cid, exp, sig] = token!.split('.');
    for (const bad of [`${Number(cid) + 1}.${exp}.${sig}`, `${cid}.${Number(exp) + 3600}.${sig}`, `${cid}.${exp}.${sig!.slice(0, -2)}AA`, 'garbage']) {
      const res = await fetch(`${h.url}/downloads/${bad}/x.csv`);
      expect(res.status, bad).toBe(403);
      expect((await res.json()).code).toBe('invalid_token');
    }
    h.clock.advance(24 * 3600_000 + 1000);
    const expired = await fetch(local(url));
    expect(expired.status).toBe(410);
    expect((await expired.json()).code).toBe('link_expired');
  });

  it('on Zalo says exports need PUBLIC_URL when it is unset; Telegram still gets the file', async () => {
    await h.close();
    h = await startHarness({ env: { OFFICIALS: 'telegram:900,zalo:8002' } });
    await createCampaign({ name: 'Mỹ Hồ Chí Minh', hashtags: ['MyHoChiMinh'], startsOn: '2026-11-01', endsOn: '2026-11-30' });
    await h.zaloEvent(zaloText('8002', 'xuat #MyHoChiMinh', h.clock.now()));
    await h.settle();
    expect(h.zalo.sent().at(-1)?.text).toContain('PUBLIC_URL');
    await send(900, '/xuat');
    expect(h.tg.calls.filter((c) => c.method === 'sendDocument')).toHaveLength(1);
  });
});
