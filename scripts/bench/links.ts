// npm run bench:links — post-link intake at scale.
//
// 100,000 distinct, real-shaped post links (TikTok with tracking, vt.tiktok short links,
// Facebook posts/reels, youtu.be with ?si=, Instagram reels, press articles, bare domains)
// reported by 2,000 members, 50 links per message.
//   1. normalisation alone, in this process: normaliseUrl over the 100,000 raw links, then
//      parseReportedLinks (extract + normalise + dedupe) over the 2,000 messages;
//   2. end to end: Loa runs in a child process (`--serve`) on a temp file database with 2,000
//      seeded members and an open campaign; the parent posts 2,000 Telegram webhook updates at
//      a fixed concurrency and polls the database until all 100,000 posts are stored (and the
//      2,000 replies are queued); with BENCH_REPEAT=1, the same links again as new updates (all
//      "already known").
// BENCH_MEMBERS (default 2,000) scales the run; BENCH_CPU_PROFILE=<dir> profiles the server.
// The fake Telegram Bot API runs in the parent and receives the replies.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { createClient } from '@libsql/client';
import { createDb } from '../../db/client';
import { migrateFromFolder } from '../../db/migrate-from-folder';
import { createCampaignQueries } from '../../db/queries/campaigns';
import { chatIdentities, members } from '../../db/schema';
import { normaliseUrl, parseReportedLinks } from '../../src/core/links';
import { localDate } from '../../src/core/time';
import { startFakeTelegram } from '../../test/fakes/telegram-api';
import { createNodeTransport } from '../../bots/http/node-transport';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2000);
const PER_MESSAGE = 50;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const TOKEN = '123456789:BENCH_token_for_the_fake_bot_api_000';
const SECRET = 'bench-secret';
const TIMEZONE = 'Asia/Ho_Chi_Minh';
const EXTERNAL_BASE = 5_000_000;

// ---------------------------------------------------------------------------------------------
// Data: deterministic, every link a distinct post once normalised.
// ---------------------------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const code = (n: number, len: number) => {
  let s = '';
  for (let i = 0; i < len; i++, n = Math.floor(n / 64)) s = B64[n % 64] + s;
  return s;
};
const digits = (n: number, len: number) => String(n).padStart(len, '0');

function link(i: number, member: number): string {
  const kind = i % 20;
  if (kind < 7) return `https://www.tiktok.com/@kenh.${member}/video/73${digits(i, 17)}?is_from_webapp=1&sender_device=pc&_r=1&_t=8kQ${code(i, 5)}`;
  if (kind < 10) return `https://vt.tiktok.com/ZS${code(i, 7)}/`;
  if (kind < 12) return `https://www.facebook.com/trang.${member}/posts/pfbid0${code(i, 6)}xYz?mibextid=Nif5oz&__cft__[0]=AZV${code(i, 4)}&__tn__=%2CO%2CP-R`;
  if (kind < 14) return `https://m.facebook.com/reel/11${digits(i, 14)}?fs=e&s=TIeQ9V&fbclid=IwAR${code(i, 6)}`;
  if (kind < 17) return `https://youtu.be/${code(i, 11)}?si=${code(i * 7 + 3, 16)}`;
  if (kind < 18) return `https://www.instagram.com/reel/C${code(i, 10)}/?igsh=${code(i, 12)}&utm_source=ig_web_copy_link`;
  if (kind < 19) return `https://vnexpress.net/le-hoi-ao-dai-tp-hcm-${digits(i, 7)}.html?utm_source=zalo&utm_medium=share&utm_campaign=${member}`;
  return `tiktok.com/@kenh.${member}/video/74${digits(i, 17)}`;
}

function dataset() {
  const raw: string[] = [];
  const messages: string[] = [];
  for (let m = 0; m < MEMBERS; m++) {
    const links: string[] = [];
    for (let k = 0; k < PER_MESSAGE; k++) links.push(link(m * PER_MESSAGE + k, m));
    raw.push(...links);
    messages.push(`Em gửi bài chiến dịch #MyHồChíMinh ạ:\n${links.join('\n')}`);
  }
  return { raw, messages };
}

// ---------------------------------------------------------------------------------------------
// Child: Loa's real runtime serving the webhook.
// ---------------------------------------------------------------------------------------------

async function serveChild(): Promise<void> {
  const { serve } = await import('@hono/node-server');
  const { parseEnv } = await import('../../src/config/env');
  const { buildRuntime } = await import('../../src/entry/build-deps');
  const { createLogger } = await import('../../src/core/logger');
  const env = parseEnv(process.env);
  const dbHandle = await createDb({ url: env.DATABASE_URL });
  const rt = await buildRuntime({ env, dbHandle, http: createNodeTransport(), log: createLogger('error'), telegramBotInfo: { id: 123456789, username: 'LoaBenchBot', first_name: 'Loa' } });
  rt.dispatcher.start();
  const server = serve({ fetch: rt.app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
    process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
  });
  process.on('SIGTERM', () => {
    void rt.close().finally(() => process.exit(0));
  });
}

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []), '--import', 'tsx', 'scripts/bench/links.ts', '--serve'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.on('data', (b: Buffer) => {
      const m = /READY (\d+)/.exec(b.toString());
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (c) => reject(new Error(`Loa exited with ${c}`)));
  });
}

// ---------------------------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------------------------

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

async function seed(dbUrl: string): Promise<void> {
  const h = await createDb({ url: dbUrl });
  await migrateFromFolder(h.db);
  const at = new Date();
  const memberRows = Array.from({ length: MEMBERS }, (_, i) => ({
    fullName: `Thành viên ${i}`,
    role: 'creator' as const,
    registeredAt: at,
    consentAt: at,
    consentVersion: 'bench',
    createdAt: at,
  }));
  const ids: number[] = [];
  for (let i = 0; i < MEMBERS; i += 500) {
    const rows = await h.db.insert(members).values(memberRows.slice(i, i + 500)).returning({ id: members.id });
    ids.push(...rows.map((r) => r.id));
  }
  for (let i = 0; i < MEMBERS; i += 500) {
    await h.db.insert(chatIdentities).values(
      ids.slice(i, i + 500).map((memberId, j) => ({
        platform: 'telegram' as const,
        externalId: String(EXTERNAL_BASE + i + j),
        chatId: String(EXTERNAL_BASE + i + j),
        memberId,
        lastInboundAt: at,
        createdAt: at,
      })),
    );
  }
  const today = localDate(at, TIMEZONE);
  await h.db.batch(
    createCampaignQueries(h.db, {
      name: 'Mỹ Hồ Chí Minh',
      tags: [{ tag: '#MyHoChiMinh', key: 'myhochiminh' }],
      startsOn: today,
      endsOn: today,
      createdByMemberId: null,
      createKey: 'bench',
      at,
    }),
  );
  h.close();
}

let updateSeq = 1;
function update(member: number, text: string): string {
  const id = updateSeq++;
  const userId = EXTERNAL_BASE + member;
  return JSON.stringify({
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'Bench' },
      from: { id: userId, is_bot: false, first_name: 'Bench', language_code: 'vi' },
      text,
    },
  });
}

/** Posts every message (as a new update) at a fixed concurrency; polls until `done()` holds. */
async function endToEnd(port: number, messages: string[], done: () => Promise<boolean>) {
  const bodies = messages.map((text, m) => update(m, text));
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/telegram`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      });
      await res.arrayBuffer();
      if (res.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const acceptedS = (performance.now() - t0) / 1000;
  while (!(await done())) await new Promise((r) => setTimeout(r, 25));
  return { acceptedS, storedS: (performance.now() - t0) / 1000, failed };
}

async function main(): Promise<void> {
  const { raw, messages } = dataset();

  // 1. Normalisation alone (after a warm-up pass for the JIT).
  for (const u of raw.slice(0, 20_000)) normaliseUrl(u);
  const normS = timeIt(() => {
    for (const u of raw) normaliseUrl(u);
  });
  let accepted = 0;
  const distinct = new Set<string>();
  const parseS = timeIt(() => {
    for (const m of messages) {
      const r = parseReportedLinks(m);
      accepted += r.accepted.length;
      for (const l of r.accepted) distinct.add(l.url);
    }
  });
  if (accepted !== raw.length || distinct.size !== raw.length) throw new Error(`dataset: ${accepted} accepted, ${distinct.size} distinct`);

  // 2. End to end through the webhook.
  const dir = mkdtempSync(join(tmpdir(), 'loa-bench-links-'));
  const dbUrl = `file:${join(dir, 'loa.db')}`;
  const tg = await startFakeTelegram({ botUsername: 'LoaBenchBot' });
  let child: ChildProcess | undefined;
  try {
    await seed(dbUrl);
    const started = await startChild({
      DATABASE_URL: dbUrl,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_RATE_PER_SEC: '1000',
      TIMEZONE,
      LOG_LEVEL: 'error',
    });
    child = started.child;
    const reader = createClient({ url: dbUrl });
    const scalar = async (q: string) => Number((await reader.execute(q)).rows[0]![0]);
    const doneAfter = (events: number) => async () =>
      (await scalar(`SELECT count(*) FROM inbound_events WHERE status = 'done'`)) >= events;

    const fresh = await endToEnd(started.port, messages, doneAfter(MEMBERS));
    const posts = await scalar('SELECT count(*) FROM posts');
    const replies = await scalar(`SELECT count(*) FROM outbox WHERE ref = 'reply'`);
    const repeat = process.env.BENCH_REPEAT === '1';
    const again = repeat ? await endToEnd(started.port, messages, doneAfter(2 * MEMBERS)) : null;
    const postsAfter = await scalar('SELECT count(*) FROM posts');
    const repliesAfter = await scalar(`SELECT count(*) FROM outbox WHERE ref = 'reply'`);
    const messagesSent = repeat ? 2 * MEMBERS : MEMBERS;
    const t0 = performance.now();
    while (tg.sent().length < messagesSent && performance.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 50));
    const delivered = tg.sent().length;
    reader.close();

    const n = raw.length;
    const fmt = (x: number) => Math.round(x).toLocaleString('en');
    const rows: [string, number, number][] = [
      ['normaliseUrl alone', n, normS],
      ['extract + normalise (parseReportedLinks, 50-link messages)', n, parseS],
      ['end to end, new links: webhook → posts stored + reply queued', n, fresh.storedS],
    ];
    if (again) rows.push(['end to end, same links again (all already known)', n, again.storedS]);
    console.log(`\n${n.toLocaleString('en')} links from ${MEMBERS.toLocaleString('en')} members (${PER_MESSAGE} per Telegram message), webhook concurrency ${CONCURRENCY}\n`);
    console.log('| stage | links | seconds | links/s |');
    console.log('|---|---|---|---|');
    for (const [name, count, s] of rows) console.log(`| ${name} | ${count.toLocaleString('en')} | ${s.toFixed(2)} | ${fmt(count / s)} |`);
    console.log(`\nratio normalisation alone / end to end (new links) = ${(fresh.storedS / normS).toFixed(1)}×`);
    console.log(`ratio extract + normalise / end to end (new links) = ${(fresh.storedS / parseS).toFixed(1)}×`);
    console.log(
      `webhooks all answered after ${fresh.acceptedS.toFixed(2)} s (non-200: ${fresh.failed + (again?.failed ?? 0)}); ` +
        `posts stored = ${posts.toLocaleString('en')}${again ? ` (after the repeat: ${postsAfter.toLocaleString('en')})` : ''}; ` +
        `reply rows = ${repliesAfter} for ${messagesSent} messages; replies delivered to the fake Bot API = ${delivered}`,
    );
    if (posts !== n || postsAfter !== n || replies !== MEMBERS || repliesAfter !== messagesSent) process.exitCode = 1;
  } finally {
    if (child) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await tg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) {
  void serveChild();
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
