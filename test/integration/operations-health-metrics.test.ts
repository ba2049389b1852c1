// SPEC §9 health and metrics over real HTTP: /healthz reports the database and the queue;
// /metrics (prom-client) is 404 without METRICS_TOKEN, 401 without the bearer, and its counters
// move when a webhook arrives and a message is sent; one access-log line per request without
// tokens or query strings; debug lines and fan-out progress lines.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, tgText, type Harness } from '../support/harness';
import { enqueueMany, type OutboxInsert } from '../../db/queries/outbox';

const METRICS_TOKEN = 'metrics-token-0123456789';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const healthz = async (hh: Harness) => {
  const res = await fetch(`${hh.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const scrape = async (hh: Harness, auth = `Bearer ${METRICS_TOKEN}`) => fetch(`${hh.url}/metrics`, { headers: { authorization: auth } });
/** The value of one sample line (`name{labels} value`), 0 when absent. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};
/** `n` rows of one announcement to Telegram chats `firstChat`, `firstChat + 1`, … */
const announcementRows = (n: number, ref: string, firstChat: number): OutboxInsert[] =>
  Array.from({ length: n }, (_, i) => ({
    idempotencyKey: `${ref}:${i}`,
    ref,
    platform: 'telegram',
    chatId: String(firstChat + i),
    message: { lines: ['Thông báo'] },
  }));
const logLines = (hh: Harness) => hh.logs.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('/healthz', () => {
  it('reports the database and the queue: due rows and the age of the oldest', async () => {
    h = await startHarness();
    expect(await healthz(h)).toEqual({ status: 200, body: { status: 'ok', db: 'ok', queue: { due: 0, oldestDueSeconds: 0 } } });

    // A reply is queued (the harness's dispatcher only sends on settle()) and waits 90 s.
    expect((await h.telegram(tgText(4101, '/start'))).status).toBe(200);
    await h.runtime.inbox.idle();
    h.clock.advance(90_000);
    const waiting = await healthz(h);
    expect(waiting.status).toBe(200);
    const queue = waiting.body.queue as { due: number; oldestDueSeconds: number };
    expect(queue.due).toBeGreaterThanOrEqual(1);
    expect(queue.oldestDueSeconds).toBeGreaterThanOrEqual(90);

    await h.settle();
    expect((await healthz(h)).body.queue).toEqual({ due: 0, oldestDueSeconds: 0 });
  });

  it('is 503 when the database does not answer', async () => {
    h = await startHarness();
    h.runtime.db.close();
    const res = await healthz(h);
    expect(res.status).toBe(503);
    expect(res.body.status).not.toBe('ok');
  });
});

describe('/metrics', () => {
  it('is 404 when METRICS_TOKEN is unset', async () => {
    h = await startHarness();
    expect((await scrape(h)).status).toBe(404);
  });

  it('needs the bearer token, and its counters move when a webhook arrives and a message is sent', async () => {
    h = await startHarness({ env: { METRICS_TOKEN } });
    expect((await scrape(h, '')).status).toBe(401);
    expect((await scrape(h, 'Bearer wrong-token-0123456789')).status).toBe(401);

    const before = await scrape(h);
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toContain('text/plain');
    const t0 = await before.text();
    expect(t0).toContain('# TYPE loa_webhooks_total counter');
    expect(sample(t0, 'loa_webhooks_total{platform="telegram",outcome="accepted"}')).toBe(0);

    expect((await h.telegram(tgText(4201, '/start'))).status).toBe(200);
    expect((await h.telegram(tgText(4202, '/start'), 'wrong-secret')).status).toBe(401);
    await h.runtime.inbox.idle();
    const queued = await (await scrape(h)).text();
    expect(sample(queued, 'loa_webhooks_total{platform="telegram",outcome="accepted"}')).toBe(1);
    expect(sample(queued, 'loa_webhooks_total{platform="telegram",outcome="rejected"}')).toBe(1);
    expect(sample(queued, 'loa_handler_seconds_count{outcome="done"}')).toBe(1);
    expect(sample(queued, 'loa_outbox_rows{status="queued"}')).toBeGreaterThanOrEqual(1);
    expect(sample(queued, 'loa_queue_due')).toBeGreaterThanOrEqual(1);
    expect(sample(queued, 'loa_sends_total{platform="telegram",outcome="sent"}')).toBe(0);

    await h.settle();
    const sent = await (await scrape(h)).text();
    const delivered = h.tg.sent('4201').length;
    expect(delivered).toBeGreaterThanOrEqual(1);
    expect(sample(sent, 'loa_sends_total{platform="telegram",outcome="sent"}')).toBe(delivered);
    expect(sample(sent, 'loa_outbox_rows{status="sent"}')).toBe(delivered);
    expect(sample(sent, 'loa_queue_due')).toBe(0);
    expect(sample(sent, 'loa_database_up')).toBe(1);
    expect(sent).toMatch(/loa_http_request_duration_seconds_count\{method="POST",route="\/webhooks\/telegram",status="200"\} 1/);
  });
});

describe('logs', () => {
  it('writes one access-log line per request, with the route template and never a token or query string', async () => {
    h = await startHarness();
    const token = 'Zx9SecretSigninToken0123456789';
    await fetch(`${h.url}/console/login/${token}?next=${token}`, { redirect: 'manual' });
    await fetch(`${h.url}/downloads/${token}/report.csv`);
    await h.api('GET', '/api/articles?date=2026-01-02');
    await fetch(`${h.url}/healthz`, { headers: { 'x-request-id': 'probe-1' } });
    const http = logLines(h).filter((l) => l.msg === 'http');
    expect(http.map((l) => `${l.method as string} ${l.route as string}`)).toEqual([
      'GET /console/login/:token',
      'GET /downloads/:token/:file',
      'GET /api/articles',
      'GET /healthz',
    ]);
    for (const l of http) {
      expect(typeof l.status).toBe('number');
      expect(typeof l.ms).toBe('number');
      expect(String(l.requestId)).toMatch(/^[\w-]+$/);
    }
    expect(http.at(-1)).toMatchObject({ status: 200, requestId: 'probe-1' });
    expect(h.logs.join('\n')).not.toContain(token);
    expect(h.logs.join('\n')).not.toContain('date=');
  });

  it('at debug says which event was handled (command, time) and what each outbox batch did; big batches log progress', async () => {
    h = await startHarness();
    await h.telegram(tgText(4301, '/trogiup'));
    await h.settle();
    const lines = logLines(h);
    const handled = lines.find((l) => l.msg === 'inbound event handled');
    expect(handled).toMatchObject({ level: 'debug', platform: 'telegram', kind: 'text', command: 'trogiup' });
    expect(typeof handled!.ms).toBe('number');
    expect(lines.find((l) => l.msg === 'outbox batch')).toMatchObject({ level: 'debug', platform: 'telegram', claimed: 1, sent: 1 });

    // A fan-out's batch (here 150 rows, claimed 100 at a time by a small batch size): info progress with what is left.
    await enqueueMany(h.db.db, announcementRows(150, 'announcement:1', 900000), h.clock.now());
    await h.runtime.dispatcher.drain();
    const progress = logLines(h).filter((l) => l.msg === 'outbox progress');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]).toMatchObject({ level: 'info', platform: 'telegram' });
    expect(Number(progress[0]!.claimed)).toBeGreaterThanOrEqual(100);
    expect(progress.at(-1)).toMatchObject({ left: 0 });
    expect(progress.reduce((n, l) => n + Number(l.sent), 0)).toBe(150);
  });

  it('a long fan-out counts what is left at most every 5 s of its sending and at its last batch, not at every batch', async () => {
    h = await startHarness({ dispatcher: { batchSize: 150 } });
    await enqueueMany(h.db.db, announcementRows(400, 'announcement:2', 800000), h.clock.now());
    await h.runtime.dispatcher.drain();
    const progress = logLines(h).filter((l) => l.msg === 'outbox progress');
    // Three batches within 5 s of the clock (1,000/s): counted at the first and at the last, which
    // took fewer rows than a claim may (100 < 150).
    expect(progress.map((l) => [l.claimed, l.left])).toEqual([[150, 250], [150, undefined], [100, 0]]);
  });
});
