// Press feeds: a local HTTP server serves RSS and Atom; the `feeds` job stores candidates (never
// sends them); officials list them with /them and add one by number.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { startHarness, tgText, type Harness } from '../support/harness';
import { createTestClock } from '../support/clock';
import { jobs, runJobs } from '../../src/jobs/schedule';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Tuổi Trẻ - Văn hóa</title><link>https://tuoitre.vn/van-hoa.htm</link>
  <item>
    <title><![CDATA[Liên hoan phim Việt Nam lần thứ 24 & những con số]]></title>
    <link>https://tuoitre.vn/lien-hoan-phim-viet-nam-lan-thu-24.htm?utm_source=rss</link>
    <pubDate>Fri, 20 Nov 2026 22:00:00 GMT</pubDate>
  </item>
  <item>
    <title>Đêm nhạc Trịnh Công Sơn tại Nhà hát Thành phố</title>
    <link>https://tuoitre.vn/dem-nhac-trinh-cong-son.htm</link>
    <pubDate>Fri, 20 Nov 2026 20:00:00 GMT</pubDate>
  </item>
  <item><title>Không có link</title></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>VnExpress Thể thao</title>
  <id>https://vnexpress.net/the-thao</id>
  <updated>2026-11-20T21:00:00Z</updated>
  <entry>
    <title>Đội tuyển bóng đá nữ vô địch Đông Nam Á</title>
    <link href="https://vnexpress.net/doi-tuyen-nu-vo-dich.html"/>
    <id>https://vnexpress.net/doi-tuyen-nu-vo-dich.html</id>
    <updated>2026-11-20T21:00:00Z</updated>
  </entry>
</feed>`;

let server: Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(RSS);
    }
    if (req.url === '/atom') {
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      return res.end(ATOM);
    }
    res.writeHead(404);
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const feedsJob = jobs.filter((j) => j.name === 'feeds');

describe('press feeds', () => {
  it('stores candidates from RSS and Atom once per period, never sends them, and /them adds one by number', async () => {
    h = await startHarness({
      clock: createTestClock('2026-11-20T23:00:00Z'), // 06:00 local on 21/11/2026
      env: { OFFICIALS: 'telegram:900', FEEDS: `${base}/rss, ${base}/missing, ${base}/atom` },
    });
    hits.length = 0;
    await runJobs(h.runtime.jobContext, h.clock.now(), feedsJob);
    await runJobs(h.runtime.jobContext, h.clock.now(), feedsJob); // same period: no second fetch
    expect(hits.sort()).toEqual(['/atom', '/missing', '/rss']);
    const stored = await h.db.db.all<{ title: string; outlet: string; url_key: string }>(
      sql`SELECT title, outlet, url_key FROM feed_candidates ORDER BY id`,
    );
    expect(stored).toEqual([
      { title: 'Liên hoan phim Việt Nam lần thứ 24 & những con số', outlet: 'Tuổi Trẻ', url_key: 'https://tuoitre.vn/lien-hoan-phim-viet-nam-lan-thu-24.htm' },
      { title: 'Đêm nhạc Trịnh Công Sơn tại Nhà hát Thành phố', outlet: 'Tuổi Trẻ', url_key: 'https://tuoitre.vn/dem-nhac-trinh-cong-son.htm' },
      { title: 'Đội tuyển bóng đá nữ vô địch Đông Nam Á', outlet: 'VnExpress', url_key: 'https://vnexpress.net/doi-tuyen-nu-vo-dich.html' },
    ]);
    await h.settle();
    expect(h.tg.sent()).toHaveLength(0);

    // 30 minutes later the feeds are read again; nothing new is stored twice.
    h.clock.advance(30 * 60_000);
    await runJobs(h.runtime.jobContext, h.clock.now(), feedsJob);
    expect(hits.filter((x) => x === '/rss')).toHaveLength(2);
    expect(Number((await h.db.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM feed_candidates`))[0]!.n)).toBe(3);

    await h.telegram(tgText(900, '/them'));
    await h.settle();
    const list = String(h.tg.sent(900).at(-1)?.text);
    expect(list).toContain('Điểm tin ngày 21/11/2026 đang có 0 bài.');
    // Newest first: the Atom entry (21:00), then the two RSS items (22:00 is newest).
    expect(list).toMatch(/1\. <a href="https:\/\/tuoitre\.vn\/lien-hoan-phim[^"]*">Liên hoan phim Việt Nam lần thứ 24 &amp; những con số<\/a> \(Tuổi Trẻ\)/);
    expect(list).toContain('2. <a href="https://vnexpress.net/doi-tuyen-nu-vo-dich.html">Đội tuyển bóng đá nữ vô địch Đông Nam Á</a> (VnExpress)');
    expect(list).toContain('3. <a href="https://tuoitre.vn/dem-nhac-trinh-cong-son.htm">');

    await h.telegram(tgText(900, '2'));
    await h.settle();
    expect(String(h.tg.sent(900).at(-1)?.text)).toContain('Đã thêm bài 1 vào điểm tin ngày 21/11/2026: «Đội tuyển bóng đá nữ vô địch Đông Nam Á» (VnExpress)');

    await h.telegram(tgText(900, 'them 3'));
    await h.settle();
    expect(String(h.tg.sent(900).at(-1)?.text)).toContain('Đã thêm bài 2 vào điểm tin ngày 21/11/2026: «Đêm nhạc Trịnh Công Sơn');

    await h.telegram(tgText(900, '/them'));
    await h.settle();
    expect(String(h.tg.sent(900).at(-1)?.text)).toContain('2. <a href="https://vnexpress.net/doi-tuyen-nu-vo-dich.html">Đội tuyển bóng đá nữ vô địch Đông Nam Á</a> (VnExpress) ✓ đã có');
    await h.telegram(tgText(900, '/them 2'));
    await h.settle();
    expect(String(h.tg.sent(900).at(-1)?.text)).toContain('Bài này đã có trong điểm tin ngày 21/11/2026');
    await h.telegram(tgText(900, '/them 1'));
    await h.settle();
    expect(String(h.tg.sent(900).at(-1)?.text)).toContain('Đã thêm bài 3');

    const articles = await (await h.api('GET', '/api/articles?date=2026-11-21')).json();
    expect((articles as { articles: { outlet: string }[] }).articles.map((a) => a.outlet)).toEqual(['VnExpress', 'Tuổi Trẻ', 'Tuổi Trẻ']);
  });

  it('does nothing when FEEDS is empty', async () => {
    h = await startHarness();
    hits.length = 0;
    await runJobs(h.runtime.jobContext, h.clock.now(), feedsJob);
    expect(hits).toHaveLength(0);
  });
});
