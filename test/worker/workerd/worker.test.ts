// The Worker's own duties inside workerd: the Cron Trigger tick (digest fan-out, outbox drain,
// retry of a 429), configuration errors, the remote database (auth token, bundled migrations),
// and the Zalo client's fetch transport. The digest test runs first: ticks of the later tests
// use past dates so they never touch today's digest.
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../db/client';
import { migrateBundled } from '../../../db/migrate-bundled';
import { bundledMigrations } from '../../../db/migrations-bundle';
import { seedMember } from '../../support/seed';
import worker from '../../../src/entry/worker';
import { ADMIN_TOKEN, TG_SECRET, newTelegramUser, newZaloUser, postTelegram, postZalo, tgUpdate, zaloTextEvent } from '../scenarios';
import { controlGet, controlPost, createWorkerdDriver, testDb, tick, workerEnv, workerFetch, type TgCall } from './driver';

const db = testDb();
afterAll(() => db.close());

const localDate = (d: Date, timeZone = 'Asia/Ho_Chi_Minh') =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const displayDate = (iso: string) => iso.split('-').reverse().join('/');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  const { res, done } = await workerFetch(
    new Request(`https://loa.example${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  await done;
  return res;
}

describe('scheduled (the one-minute Cron Trigger)', () => {
  it('queues today’s digest at DIGEST_TIME and delivers it through both fakes in the same tick', async () => {
    const now = new Date();
    const date = localDate(now);
    const handle = await createDb({ url: workerEnv.DATABASE_URL!, authToken: workerEnv.DATABASE_AUTH_TOKEN });
    const tgUser = newTelegramUser();
    const zaloUser = newZaloUser();
    await seedMember(handle.db, { identities: [{ platform: 'telegram', externalId: String(tgUser) }], at: now });
    await seedMember(handle.db, { identities: [{ platform: 'zalo', externalId: zaloUser, lastInboundAt: now }], at: now });
    handle.close();
    for (const a of [
      { url: 'https://tuoitre.vn/le-hoi-ao-dai-2026.htm', title: 'Khai mạc Lễ hội Áo dài TP.HCM 2026' },
      { url: 'https://vnexpress.net/giai-marathon-quoc-te.html', title: 'Giải marathon quốc tế thu hút 15.000 vận động viên' },
    ]) {
      expect((await api('POST', '/api/articles', { date, ...a })).status).toBe(201);
    }

    await tick(now);

    const driver = createWorkerdDriver();
    const heading = `Điểm tin ngày ${displayDate(date)}`;
    const tg = (await driver.tgSent(tgUser)).filter((p) => String(p.text).includes(heading));
    expect(tg).toHaveLength(1);
    expect(String(tg[0]!.text)).toContain('Khai mạc Lễ hội Áo dài TP.HCM 2026');
    const zalo = (await driver.zaloSent(zaloUser)).filter((m) => m.text.includes(heading));
    expect(zalo).toHaveLength(1);
    expect(zalo[0]!.text).toContain('https://vnexpress.net/giai-marathon-quoc-te.html');
    const rows = await db.execute({ sql: 'SELECT status FROM outbox WHERE ref = ? ORDER BY id', args: [`digest:${date}`] });
    expect(rows.rows.map((r) => r.status)).toEqual(['sent', 'sent']);

    // A second tick the same minute finds the digest done and sends nothing again.
    await tick(now);
    expect((await driver.tgSent(tgUser)).filter((p) => String(p.text).includes(heading))).toHaveLength(1);
  });

  it('retries a 429 from the Bot API: the reply waits for its time, then a later tick sends it', async () => {
    await controlPost('/tg/fail429', { retryAfter: 1, times: 1 });
    const user = newTelegramUser();
    const driver = createWorkerdDriver();
    expect((await postTelegram(driver, tgUpdate(user, '/start'))).status).toBe(200);
    await driver.settle();

    const calls = (await controlGet<TgCall[]>('/tg/calls')).filter((c) => String(c.payload.chat_id) === String(user));
    expect(calls.map((c) => c.status)).toEqual([429]);
    const before = await db.execute({ sql: 'SELECT id, status, attempts, last_error, next_attempt_at FROM outbox WHERE chat_id = ?', args: [String(user)] });
    expect(before.rows).toHaveLength(1);
    const row = before.rows[0]!;
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBe('telegram_rate_limited');
    // Back-off is at least retry_after (1 s) and 5 s ± 20 % for a first failure.
    expect(Number(row.next_attempt_at) - Date.now()).toBeGreaterThan(1000);

    await tick(daysAgo(30)); // not due yet: nothing is sent
    expect(await driver.tgSent(user)).toHaveLength(0);

    // Move the row's time instead of sleeping, then tick.
    await db.execute({ sql: 'UPDATE outbox SET next_attempt_at = ? WHERE id = ?', args: [Date.now() - 1, Number(row.id)] });
    await tick(daysAgo(30));
    const sent = await driver.tgSent(user);
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.text)).toContain('Xin chào! Đây là Loa');
    const after = await db.execute({ sql: 'SELECT status, attempts FROM outbox WHERE id = ?', args: [Number(row.id)] });
    expect(after.rows[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('fetch', () => {
  it('GET /healthz reaches the database over libSQL HTTP with DATABASE_AUTH_TOKEN', async () => {
    const { res } = await workerFetch(new Request('https://loa.example/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', queue: { due: expect.any(Number), oldestDueSeconds: expect.any(Number) } });
  });

  it('hands the event’s processing and reply to that request’s ctx.waitUntil, after the 200', async () => {
    const kept: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void kept.push(p) };
    const user = newTelegramUser();
    const body = JSON.stringify(tgUpdate(user, '/start'));
    const res = await worker.fetch(
      new Request('https://loa.example/webhooks/telegram', { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET } }),
      workerEnv,
      ctx,
    );
    expect(res.status).toBe(200);
    expect(kept).toHaveLength(1); // one waitUntil for this request's event
    await Promise.all(kept);
    expect(await createWorkerdDriver().tgSent(user)).toHaveLength(1);
    // A request that stores nothing keeps nothing alive.
    const none: Promise<unknown>[] = [];
    await worker.fetch(new Request('https://loa.example/healthz'), workerEnv, { waitUntil: (p: Promise<unknown>) => void none.push(p) });
    expect(none).toHaveLength(0);
  });

  it('a wrong DATABASE_AUTH_TOKEN makes /healthz answer 503', async () => {
    const { res } = await workerFetch(new Request('https://loa.example/healthz'), { ...workerEnv, DATABASE_AUTH_TOKEN: 'wrong-token' });
    expect(res.status).toBe(503);
  });

  it('answers BAD_ENVIRONMENT naming every bad variable, never a value', async () => {
    const bad = { ...workerEnv, TELEGRAM_BOT_TOKEN: 'not-a-token-secret-value', DIGEST_TIME: '7am' };
    const { res } = await workerFetch(new Request('https://loa.example/healthz'), bad);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { code: string; problems: string[] };
    expect(body.code).toBe('BAD_ENVIRONMENT');
    expect(body.problems.join('\n')).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(body.problems.join('\n')).toMatch(/DIGEST_TIME/);
    expect(JSON.stringify(body)).not.toContain('not-a-token-secret-value');
    // On Workers a file: URL (or no DATABASE_URL at all: the Node default) is a configuration error too.
    const noDb = { ...workerEnv, DATABASE_URL: undefined };
    const noDbRes = (await workerFetch(new Request('https://loa.example/healthz'), noDb)).res;
    expect(noDbRes.status).toBe(500);
    expect(((await noDbRes.json()) as { problems: string[] }).problems.join('\n')).toMatch(/DATABASE_URL must be a remote libSQL URL/);
    // The good configuration still works (a bad one is not cached).
    expect((await workerFetch(new Request('https://loa.example/healthz'))).res.status).toBe(200);
  });

  it('the Zalo client (fetch transport) refreshes its token and sends under workerd', async () => {
    const driver = createWorkerdDriver();
    const user = newZaloUser();
    expect((await postZalo(driver, zaloTextEvent(user, 'bat dau', new Date()))).status).toBe(200);
    await driver.settle();
    expect(await driver.zaloSent(user)).toHaveLength(1);
    const paths = (await controlGet<{ method: string; path: string }[]>('/zalo/calls')).map((c) => `${c.method} ${c.path}`);
    expect(paths).toContain('POST /v4/oa/access_token');
    expect(paths).toContain('POST /v3.0/oa/message/cs');
  });
});

describe('migrations for remote libSQL', () => {
  it('MIGRATE_ON_START=true applies the bundled migrations to an empty database at first use, once', async () => {
    const emptyUrl = workerEnv.TEST_EMPTY_DATABASE_URL!;
    const envA = { ...workerEnv, DATABASE_URL: emptyUrl, DATABASE_AUTH_TOKEN: undefined, MIGRATE_ON_START: 'true' };
    expect((await workerFetch(new Request('https://loa.example/healthz'), envA)).res.status).toBe(200);
    // Another isolate (another configuration key) starting on the same database applies nothing.
    expect((await workerFetch(new Request('https://loa.example/healthz'), { ...envA, LOG_LEVEL: 'error' })).res.status).toBe(200);

    const empty = testDb(emptyUrl, undefined);
    const journal = await empty.execute('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at');
    expect(journal.rows.map((r) => [r.hash, Number(r.created_at)])).toEqual(bundledMigrations.map((m) => [m.hash, m.when]));
    expect(await migrateBundled(empty)).toEqual({ applied: [] });
    const tables = await empty.execute("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'outbox'");
    expect(Number(tables.rows[0]!.n)).toBe(1);
    empty.close();
  });
});
