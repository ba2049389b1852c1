// `npm run sandbox` (issue 18): Loa with the fake Telegram and Zalo, driven through the sandbox
// page's own HTTP API as the page does it. The first official comes from the setup code; a Zalo
// member registers with consent (the last step by tapping the Zalo button); the Telegram official
// announces (tapping the inline button) and signs in to the console with the bot's link; the
// page's digest, reminder and time buttons run the real fan-outs and jobs; in the group, Loa
// sends /dangky to the private chat. The tests are in order: each builds on the one before.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../scripts/sandbox';
import type { Entry } from '../../scripts/sandbox/transcript';
import { auditLog, chatIdentities, members } from '../../db/schema';
import { formatDate } from '../../src/core/time';
import { runScript } from '../support/spawn';

const dir = mkdtempSync(join(tmpdir(), 'loa-sandbox-'));
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, loaPort: 0, db: join(dir, 'sandbox.db'), logLevel: 'silent' });
});
afterAll(async () => {
  await sb?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sb.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const text = (e: Entry) => e.spans.map((s) => s.t).join('');

const seen: Entry[] = [];
let lastSeq = 0;
/** The newest message number so far: replies to what is sent next come after it. */
const mark = () => lastSeq;

/** Long-polls the page's message feed until Loa sent `chat` a message matching `pattern` after `from`. */
async function reply(chat: string, pattern: RegExp, from = 0, timeoutMs = 15_000): Promise<Entry> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = seen.find((e) => e.seq > from && e.chat === chat && e.dir === 'out' && pattern.test(text(e)));
    if (found) return found;
    const left = deadline - Date.now();
    if (left <= 0) {
      const saw = seen.filter((e) => e.seq > from && e.chat === chat).map(text);
      throw new Error(`no reply matching ${pattern} in ${chat}; saw:\n${saw.join('\n---\n')}`);
    }
    const res = await fetch(`${sb.url}/api/messages?after=${lastSeq}&wait=${Math.min(left, 5000)}`);
    const { entries } = (await res.json()) as { entries: Entry[] };
    for (const e of entries) {
      seen.push(e);
      lastSeq = Math.max(lastSeq, e.seq);
    }
  }
}

async function say(persona: string, chat: string, message: string, expected: RegExp, where: 'private' | 'group' = 'private'): Promise<Entry> {
  const from = mark();
  const sent = await post('/api/send', { persona, text: message, where });
  expect(sent.status).toBe(200);
  return reply(chat, expected, from);
}

function button(e: Entry, label: RegExp): { row: number; col: number } {
  for (const [row, r] of (e.buttons ?? []).entries()) for (const [col, b] of r.entries()) if (label.test(b.label)) return { row, col };
  throw new Error(`no button ${label} under: ${text(e)}`);
}

const persona = (id: string) => sb.personas.find((p) => p.id === id)!;
const chatOf = (id: string) => `${persona(id).platform}:${persona(id).userId}`;

describe('npm run sandbox', () => {
  it('serves the page without inline script and links to the console', async () => {
    const page = await fetch(sb.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script src="/sandbox.js" defer></script>');
    expect(html).not.toMatch(/<script>|on(click|load)=/);
    const state = (await (await fetch(`${sb.url}/api/state`)).json()) as { consoleUrl: string; personas: { id: string }[] };
    expect(state.consoleUrl).toBe(`${sb.loaUrl}/console`);
    expect(state.personas.map((p) => p.id)).toEqual(['tg-member', 'zalo-member', 'tg-official']);
    // The page's API takes JSON only (a foreign form post cannot drive it).
    const form = await fetch(`${sb.url}/api/send`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"persona":"tg-member","text":"/start"}' });
    expect(form.status).toBe(415);
  });

  it('made the official persona the first official with the setup code and /quantri', async () => {
    expect(sb.claimedFirstOfficial).toBe(true);
    await reply(chatOf('tg-official'), /cán bộ đầu tiên/);
    const db = sb.runtime.core.db;
    const [row] = await db
      .select({ role: members.role, id: members.id })
      .from(chatIdentities)
      .innerJoin(members, eq(members.id, chatIdentities.memberId))
      .where(and(eq(chatIdentities.platform, 'telegram'), eq(chatIdentities.externalId, persona('tg-official').userId)));
    expect(row?.role).toBe('official');
    const audit = await db.query.auditLog.findFirst({ where: eq(auditLog.action, 'first_official_claimed') });
    expect(audit?.targetMemberId).toBe(row?.id);
  });

  it('a Zalo member follows the OA and registers with consent; the last step is a tapped Zalo button', async () => {
    const chat = chatOf('zalo-member');
    const followed = mark();
    expect((await post('/api/follow', { persona: 'zalo-member', follow: true })).status).toBe(200);
    await reply(chat, /Loa/, followed);
    await say('zalo-member', chat, 'dang ky', /tên|họ/i);
    await say('zalo-member', chat, 'Lê Anh Thư', /vai trò|Nhà sáng tạo/i);
    await say('zalo-member', chat, '1', /MCN/);
    await say('zalo-member', chat, 'không', /kênh|link/i);
    await say('zalo-member', chat, 'https://www.facebook.com/anhthu.vlog', /số điện thoại/i);
    await say('zalo-member', chat, 'bỏ qua', /đồng ý/i);
    const summary = await say('zalo-member', chat, 'đồng ý', /xác nhận/i);
    expect(summary.buttons?.flat().every((b) => b.kind === 'zalo')).toBe(true);
    const tappedAt = mark();
    const tapped = await post('/api/tap', { seq: summary.seq, ...button(summary, /Xác nhận/) });
    expect(tapped.status).toBe(200);
    await reply(chat, /Đăng ký xong/, tappedAt);
    // What the tap sent is what Zalo sends for an oa.query.show button: the payload as the user's text.
    expect(sb.transcript.entries.some((e) => e.chat === chat && e.dir === 'in' && text(e) === 'xác nhận')).toBe(true);
    const [m] = await sb.runtime.core.db
      .select({ consent: members.consentAt, registered: members.registeredAt, name: members.fullName })
      .from(chatIdentities)
      .innerJoin(members, eq(members.id, chatIdentities.memberId))
      .where(and(eq(chatIdentities.platform, 'zalo'), eq(chatIdentities.externalId, persona('zalo-member').userId), isNotNull(members.registeredAt)));
    expect(m?.name).toBe('Lê Anh Thư');
    expect(m?.consent).toBeInstanceOf(Date);
  });

  it('the Telegram official announces by tapping «Gửi», and the Zalo member receives it', async () => {
    const official = chatOf('tg-official');
    const preview = await say('tg-official', official, '/thongbao Hộp thử: chào mừng các bạn đến buổi tập huấn Loa.', /GUI/);
    const at = mark();
    const sent = await post('/api/tap', { seq: preview.seq, ...button(preview, /^Gửi$/) });
    expect(sent.status).toBe(200);
    await reply(official, /Đã gửi thông báo/, at);
    await reply(chatOf('zalo-member'), /buổi tập huấn Loa/, at);
  });

  it('the console sign-in link the bot sends works', async () => {
    const answer = await say('tg-official', chatOf('tg-official'), '/web', /Link đăng nhập/);
    const link = answer.spans.find((s) => s.href?.startsWith(`${sb.loaUrl}/console/login/`))?.href;
    expect(link).toBeDefined();
    const login = await fetch(link!, { redirect: 'manual' });
    expect([302, 303]).toContain(login.status);
    expect(login.headers.get('location')).toBe('/console');
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const home = await fetch(`${sb.loaUrl}/console`, { headers: { cookie }, redirect: 'manual' });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Đăng xuất');
  });

  it("«send today's digest now» queues today's digest through the real fan-out", async () => {
    await say('tg-official', chatOf('tg-official'), '/them https://vnexpress.net/le-hoi-ao-dai-2026-4800123.html Lễ hội Áo dài 2026 khai mạc', /Lễ hội Áo dài|đã thêm|Đã thêm/i);
    const at = mark();
    const res = await post('/api/jobs', { job: 'digest' });
    expect(res).toMatchObject({ job: 'digest', result: { status: 'queued', articles: 1, queued: 1 } });
    await reply(chatOf('zalo-member'), /Lễ hội Áo dài 2026 khai mạc/, at);
  });

  it('skipping ahead runs the reminders job on the sandbox clock: the 24 h reminder arrives', async () => {
    const tz = sb.runtime.core.env.TIMEZONE;
    const start = new Date(sb.clock.now().getTime() + 24 * 3600_000 + 45 * 60_000);
    const when = `${formatDate(start, tz)} ${new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(start)}`;
    const preview = await say('tg-official', chatOf('tg-official'), `/hop Họp báo tập huấn | ${when} | Hội trường Sở`, /GUI/);
    const at = mark();
    await post('/api/tap', { seq: preview.seq, ...button(preview, /^Gửi$/) });
    await reply(chatOf('zalo-member'), /Họp báo tập huấn/, at);
    // Nothing is due yet; an hour later the 24 h reminder is.
    expect(await post('/api/jobs', { job: 'reminders' })).toMatchObject({ job: 'reminders', result: { queued: 0 } });
    const later = mark();
    const advanced = (await post('/api/jobs', { job: 'advance', hours: 1 })) as { results: { job: string; result: unknown }[] };
    // The page ran every job at the new time (the sandbox's own node-cron tick may take the reminder first).
    expect(advanced.results.map((r) => r.job)).toContain('reminders');
    await reply(chatOf('zalo-member'), /Nhắc lịch họp báo: Họp báo tập huấn/, later);
    expect(sb.clock.offsetMs()).toBe(3600_000);
  });

  it('in the Telegram group Loa sends /dangky to the private chat; its button starts it there, where inline buttons and the phone share work', async () => {
    const group = sb.group.chat;
    const answer = await say('tg-member', group, '/dangky', /chat riêng/, 'group');
    const open = button(answer, /Mở chat riêng/);
    expect(answer.buttons?.[open.row]?.[open.col]).toMatchObject({ kind: 'url', url: 'https://t.me/LoaSandboxBot?start=dangky' });
    const at = mark();
    const tapped = await post('/api/tap', { seq: answer.seq, ...open, persona: 'tg-member' });
    expect(tapped.chat).toBe(chatOf('tg-member'));
    await reply(chatOf('tg-member'), /tên|họ/i, at);
    // An inline (callback) button works in the private chat.
    const role = await say('tg-member', chatOf('tg-member'), 'Nguyễn Thị Lan', /vai trò|Nhà sáng tạo/i);
    expect(role.buttons?.flat().some((b) => b.kind === 'callback')).toBe(true);
    const tappedAt = mark();
    expect((await post('/api/tap', { seq: role.seq, ...button(role, /Nhà sáng tạo/) })).status).toBe(200);
    await reply(chatOf('tg-member'), /MCN/, tappedAt);
    // The phone step's reply keyboard shares the person's own contact, as Telegram does.
    await say('tg-member', chatOf('tg-member'), 'không', /link kênh/);
    await say('tg-member', chatOf('tg-member'), 'https://www.tiktok.com/@lan.thu', /Số điện thoại/);
    const share = await reply(chatOf('tg-member'), /Gửi số điện thoại của tôi/);
    expect(share.keyboard).toBe(true);
    const sharedAt = mark();
    expect((await post('/api/tap', { seq: share.seq, ...button(share, /Gửi số điện thoại/) })).status).toBe(200);
    await reply(chatOf('tg-member'), /Đồng ý xử lý dữ liệu cá nhân/, sharedAt);
  });

  it('a new person on either platform is a new chat', async () => {
    const tg = (await post('/api/personas', { platform: 'telegram' })) as { id: string; userId: string };
    const zalo = (await post('/api/personas', { platform: 'zalo' })) as { id: string; userId: string };
    await say(tg.id, `telegram:${tg.userId}`, '/start', /Loa/);
    await say(zalo.id, `zalo:${zalo.userId}`, 'bat dau', /Loa/);
  });

  it('a busy port stops `npm run sandbox` with one line and exit code 1', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runScript('scripts/sandbox.ts', [], { SANDBOX_PORT: String(port), SANDBOX_DB: join(dir, 'cli.db') });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([`Sandbox failed to start: Sandbox page: port ${port} on 127.0.0.1 is already in use (another sandbox or Loa?): stop it or set SANDBOX_PORT to a free port.`]);
    } finally {
      blocker.close();
    }
  });
});
