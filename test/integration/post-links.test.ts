// Post-link intake end to end (SPEC §3 "Post links"): real webhooks into the real app, one reply
// per message, one row per (campaign, normalised URL), attribution by folded hashtag, and no
// network request to any reported URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dns from 'node:dns';
import { sql } from 'drizzle-orm';
import { startHarness, tgText, zaloText, nextUpdateId, ZALO_APP_ID, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { mcns } from '../../db/schema';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:900' } });
});
afterEach(async () => {
  await h.close();
});

const all = <T>(q: string) => h.db.db.all<T>(sql.raw(q));
const count = async (q: string) => Number((await all<{ n: number }>(q))[0]!.n);
const texts = (chatId: string | number) => h.tg.sent(String(chatId)).map((p) => String(p.text));
const lastText = (chatId: string | number) => texts(chatId).at(-1) ?? '';

async function creator(tgId: number, opts: { name?: string; mcnId?: number | null; role?: 'creator' | 'mcn_lead' } = {}) {
  return seedMember(h.db.db, {
    name: opts.name ?? 'Trần Thị B',
    role: opts.role ?? 'creator',
    mcnId: opts.mcnId ?? null,
    identities: [{ platform: 'telegram', externalId: String(tgId) }],
  });
}

async function campaign(name: string, hashtags: string[], startsOn = '2026-11-01', endsOn = '2026-11-30') {
  const res = await h.api('POST', '/api/campaigns', { name, hashtags, startsOn, endsOn });
  expect(res.status).toBe(201);
  return ((await res.json()) as { campaign: { id: number } }).campaign.id;
}

async function send(tgId: number, text: string) {
  const update = tgText(tgId, text);
  expect((await h.telegram(update)).status).toBe(200);
  await h.settle();
  return update.update_id;
}

describe('link intake', () => {
  it('counts one post once across tracking parameters, m./www. and youtu.be/shorts forms', async () => {
    await creator(301);
    const id = await campaign('Mỹ Hồ Chí Minh', ['MyHoChiMinh']);
    const yt = 'dQw4w9WgXcQ';
    await send(
      301,
      [
        '#MyHoChiMinh bài của em ạ',
        `https://www.youtube.com/watch?v=${yt}&si=AbCdEf123&feature=shared`,
        `youtu.be/${yt}?si=ZZZ`,
        `https://m.youtube.com/shorts/${yt}?utm_source=zalo`,
        'https://www.tiktok.com/@kenh.em/video/7345678901234567890?is_from_webapp=1&sender_device=pc',
        'm.tiktok.com/@kenh.em/video/7345678901234567890?_r=1&_t=8kQ2x',
        'https://www.facebook.com/SoVHTT/posts/1234567890123456?fbclid=IwAR0abc&mibextid=Nif5oz',
      ].join('\n'),
    );
    expect(await count(`SELECT count(*) AS n FROM posts WHERE campaign_id = ${id}`)).toBe(3);
    const reply = lastText(301);
    expect(reply).toContain('Mỹ Hồ Chí Minh');
    expect(reply).toContain('Mới: 3');
    expect(reply).toContain('Trùng lặp trong tin nhắn (chỉ tính một lần): 3');

    // The same posts again, in yet other forms: already known, nothing new stored.
    await send(301, `#myhochiminh https://youtube.com/watch?v=${yt}&pp=ygU https://tiktok.com/@kenh.em/video/7345678901234567890 fb.com/SoVHTT/posts/1234567890123456/`);
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(3);
    expect(lastText(301)).toContain('Mới: 0');
    expect(lastText(301)).toContain('Đã có từ trước: 3');
    const urls = (await all<{ url: string }>('SELECT url FROM posts ORDER BY id')).map((r) => r.url);
    expect(urls).toEqual([
      `https://youtube.com/watch?v=${yt}`,
      'https://tiktok.com/@kenh.em/video/7345678901234567890',
      'https://facebook.com/SoVHTT/posts/1234567890123456',
    ]);
  });

  it('answers a message with 50 links with ONE reply and stores 50 rows in one write', async () => {
    const { memberId } = await creator(302, { mcnId: null });
    const id = await campaign('Tết Việt', ['TetViet']);
    const links = Array.from({ length: 50 }, (_, i) => `https://www.tiktok.com/@kenh${i}/video/73000000000000000${String(i).padStart(2, '0')}?is_from_webapp=1`);
    const updateId = await send(302, `#TetViet\n${links.join('\n')}`);
    expect(await count(`SELECT count(*) AS n FROM posts WHERE campaign_id = ${id} AND member_id = ${memberId}`)).toBe(50);
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE idempotency_key LIKE 'reply:tg:${updateId}:%'`)).toBe(1);
    expect(texts(302)).toHaveLength(1);
    expect(lastText(302)).toContain('Mới: 50 (TikTok 50)');
    // All rows carry the reporter identity, platform and the time of the report.
    const rows = await all<{ identity_id: number; reporter_platform: string; reported_at: number; platform: string; event_key: string }>(
      'SELECT identity_id, reporter_platform, reported_at, platform, event_key FROM posts',
    );
    expect(new Set(rows.map((r) => r.event_key))).toEqual(new Set([`tg:${updateId}`]));
    expect(rows.every((r) => r.reporter_platform === 'telegram' && r.platform === 'tiktok' && r.reported_at === h.clock.now().getTime())).toBe(true);
  });

  it('attributes #myhochiminh and #MyHồChíMinh to the campaign #MyHoChiMinh', async () => {
    await creator(303);
    const target = await campaign('Mỹ Hồ Chí Minh', ['#MyHoChiMinh']);
    const other = await campaign('Áo dài', ['AoDai']); // two running campaigns: no fallback
    await send(303, '#myhochiminh https://www.tiktok.com/@a/video/7100000000000000001');
    await send(303, 'Clip mới #MyHồChíMinh 🎉 https://www.tiktok.com/@a/video/7100000000000000002');
    await send(303, '#MYHOCHIMINH! https://www.tiktok.com/@a/video/7100000000000000003');
    await send(303, '#AoDai https://www.tiktok.com/@a/video/7100000000000000004');
    const rows = await all<{ campaign_id: number; n: number }>('SELECT campaign_id, count(*) AS n FROM posts GROUP BY campaign_id ORDER BY campaign_id');
    expect(rows.map((r) => [Number(r.campaign_id), Number(r.n)])).toEqual([
      [target, 3],
      [other, 1],
    ]);
  });

  it('falls back to the only running campaign, else to none (campaign 0), and says so', async () => {
    await creator(304);
    await send(304, 'https://www.tiktok.com/@a/video/7200000000000000001');
    expect(await count('SELECT count(*) AS n FROM posts WHERE campaign_id = 0')).toBe(1);
    expect(lastText(304)).toContain('chưa gắn chiến dịch nào');

    const running = await campaign('Đang chạy', ['DangChay']);
    await campaign('Sắp tới', ['SapToi'], '2026-12-01', '2026-12-31');
    await send(304, 'em gửi ạ https://www.tiktok.com/@a/video/7200000000000000001');
    expect(await count(`SELECT count(*) AS n FROM posts WHERE campaign_id = ${running}`)).toBe(1);
    expect(lastText(304)).toContain('Đang chạy (#DangChay)');
    expect(lastText(304)).toContain('Mới: 1');

    await campaign('Cũng đang chạy', ['CungDangChay']);
    await send(304, 'https://www.tiktok.com/@a/video/7200000000000000002');
    expect(await count('SELECT count(*) AS n FROM posts WHERE campaign_id = 0')).toBe(2);
    expect(lastText(304)).toContain('#DangChay');
    expect(lastText(304)).toContain('gửi lại link kèm một trong các hashtag');
  });

  it('rejects non-http schemes, over-long links and IP/localhost hosts with reasons, in the same reply', async () => {
    await creator(305);
    const long = `https://example.vn/${'a'.repeat(2100)}`;
    await send(305, `ftp://files.example.vn/a.mp4 http://192.168.1.10/x http://localhost:3000/y ${long} https://vnexpress.net/bai-viet-4800000.html`);
    const reply = lastText(305);
    expect(reply).toContain('Mới: 1 (Báo chí 1)');
    expect(reply).toContain('Bị từ chối: 4');
    expect(reply).toContain('chỉ nhận link http hoặc https');
    expect(reply).toContain('địa chỉ IP hoặc localhost');
    expect(reply).toContain('dài quá 2.048 ký tự');
    expect(texts(305)).toHaveLength(1);
  });

  it('tells an unregistered person to register first and stores nothing', async () => {
    await send(306, 'https://www.tiktok.com/@a/video/7300000000000000001');
    expect(lastText(306)).toContain('đăng ký');
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(0);
  });

  it('/baocao without links explains how to report; with links it reports (Zalo link attachment too)', async () => {
    await creator(307);
    await campaign('Mỹ Hồ Chí Minh', ['MyHoChiMinh']);
    await send(307, '/baocao');
    expect(lastText(307)).toContain('Cách báo cáo bài đăng');
    expect(lastText(307)).toContain('#MyHoChiMinh');
    await send(307, '/baocao #MyHoChiMinh tiktok.com/@a/video/7400000000000000001');
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(1);

    await seedMember(h.db.db, { name: 'Lê C', identities: [{ platform: 'zalo', externalId: '7001' }] });
    const ev = {
      app_id: ZALO_APP_ID,
      sender: { id: '7001' },
      user_id_by_app: 'app-7001',
      recipient: { id: '4150937291048362718' },
      event_name: 'user_send_link',
      message: {
        msg_id: `link${nextUpdateId()}`,
        text: '',
        attachments: [{ type: 'link', payload: { url: 'https://vt.tiktok.com/ZSk7aPq3R/', title: 'TikTok' } }],
      },
      timestamp: String(h.clock.now().getTime()),
    };
    expect((await h.zaloEvent(ev)).status).toBe(200);
    await h.settle();
    const zaloReply = h.zalo.sent().at(-1)?.text ?? '';
    expect(zaloReply).toContain('Mới: 1 (TikTok 1)');
    expect(zaloReply).toContain('link rút gọn');
    expect(await count(`SELECT count(*) AS n FROM posts WHERE url = 'https://vt.tiktok.com/ZSk7aPq3R' AND short = 1`)).toBe(1);
    // A Zalo text with links is a report as well.
    await h.zaloEvent(zaloText('7001', '#MyHoChiMinh https://www.facebook.com/reel/1122334455667788', h.clock.now()));
    await h.settle();
    expect(await count('SELECT count(*) AS n FROM posts')).toBe(3);
  });

  it('keeps message texts, names and links out of the logs', async () => {
    await creator(308, { name: 'Nguyễn Thị Ánh Tuyết' });
    await send(308, '#bimat https://www.tiktok.com/@bimat.kenh/video/7500000000000000001');
    const logs = h.logs.join('\n');
    expect(logs).toContain('links reported');
    expect(logs).not.toContain('bimat');
    expect(logs).not.toContain('Tuyết');
  });
});

describe('no network request to reported URLs', () => {
  let trap: Server;
  let connections = 0;
  const lookups: string[] = [];
  const originalLookup = dns.lookup;
  const originalFetch = globalThis.fetch;
  const fetched: string[] = [];

  beforeEach(async () => {
    connections = 0;
    lookups.length = 0;
    fetched.length = 0;
    trap = createServer((_req, res) => res.end('you should not be here'));
    trap.on('connection', () => connections++);
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    // Resolve the reported host name to the trap, so a fetch would land there instead of failing.
    (dns as { lookup: unknown }).lookup = (host: string, opts: unknown, cb?: unknown) => {
      const callback = (typeof opts === 'function' ? opts : cb) as (...a: unknown[]) => void;
      const options = (typeof opts === 'object' && opts) || {};
      if (host.endsWith('.test')) {
        lookups.push(host);
        if ((options as { all?: boolean }).all) return process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }]);
        return process.nextTick(callback, null, '127.0.0.1', 4);
      }
      return (originalLookup as (...a: unknown[]) => void).call(dns, host, opts, cb);
    };
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const host = new URL(url).hostname;
      if (host !== '127.0.0.1') fetched.push(host);
      return originalFetch(input, init);
    }) as typeof fetch;
  });
  afterEach(async () => {
    (dns as { lookup: unknown }).lookup = originalLookup;
    globalThis.fetch = originalFetch;
    await new Promise<void>((resolve) => trap.close(() => resolve()));
  });

  it('stores links to a trap host without resolving or fetching them, and rejects the trap by IP/localhost', async () => {
    await creator(310);
    await campaign('Mỹ Hồ Chí Minh', ['MyHoChiMinh']);
    const port = (trap.address() as AddressInfo).port;
    await send(
      310,
      [
        '#MyHoChiMinh',
        `http://loa-never-fetch.test:${port}/video/1?utm_source=x`,
        `HTTP://Loa-Never-Fetch.test:${port}/video/2#comments`,
        `https://www.loa-never-fetch.test/post/3`,
        `http://127.0.0.1:${port}/video/4`,
        `http://localhost:${port}/video/5`,
      ].join('\n'),
    );
    const stored = (await all<{ url: string }>('SELECT url FROM posts ORDER BY id')).map((r) => r.url);
    expect(stored).toEqual([
      `https://loa-never-fetch.test:${port}/video/1`,
      `https://loa-never-fetch.test:${port}/video/2`,
      'https://loa-never-fetch.test/post/3',
    ]);
    const reply = lastText(310);
    expect(reply).toContain('Mới: 3');
    expect(reply).toContain('Bị từ chối: 2');
    expect(reply).toContain(`127.0.0.1:${port}/video/4: địa chỉ IP hoặc localhost`);
    // Stats and export read the stored rows only.
    await send(900, '/thongke #MyHoChiMinh');
    expect(lastText(900)).toContain('Tổng: 3 bài');
    expect(connections).toBe(0);
    expect(lookups).toEqual([]);
    expect(fetched).toEqual([]);
  });
});

describe('MCN reporting', () => {
  it('stores the reporter MCN with each post', async () => {
    const [mcn] = await h.db.db.insert(mcns).values({ name: 'Công ty Yeah1', nameKey: 'yeah1', code: 'YEAH1' }).returning();
    await creator(320, { role: 'mcn_lead', mcnId: mcn!.id });
    await campaign('Mỹ Hồ Chí Minh', ['MyHoChiMinh']);
    await send(320, '#MyHoChiMinh https://www.tiktok.com/@a/video/7600000000000000001 https://www.tiktok.com/@b/video/7600000000000000002');
    expect(await count(`SELECT count(*) AS n FROM posts WHERE mcn_id = ${mcn!.id}`)).toBe(2);
  });
});
