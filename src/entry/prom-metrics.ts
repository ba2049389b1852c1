// The metrics port (src/core/metrics.ts) on Node with prom-client: one registry per runtime.
// Counters and histograms move as things happen; the outbox and queue gauges are read from the
// database when /metrics is scraped (several processes share one database, so only it knows).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../../db/client';
import { outboxCountsByStatus } from '../../db/queries/outbox';
import { queueBacklog } from '../../db/queries/outbox-backlog';
import { OUTBOX_STATUSES } from '../../db/schema/outbox';
import type { Metrics, MetricsEndpoint } from '../core/metrics';
import type { Clock } from '../core/types';

export interface PromMetrics {
  recorder: Metrics;
  endpoint: MetricsEndpoint;
  registry: Registry;
}

export function createPromMetrics(opts: { db: Db; clock: Clock; processMetrics?: boolean }): PromMetrics {
  const registry = new Registry();
  if (opts.processMetrics) collectDefaultMetrics({ register: registry });
  const webhooks = new Counter({
    name: 'loa_webhooks_total',
    help: 'Webhook requests by platform and outcome (accepted, rejected = bad secret or signature, invalid, too_large, disabled, error).',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const handler = new Histogram({
    name: 'loa_handler_seconds',
    help: 'Time to handle one inbound event (command, conversation step, platform event), by outcome.',
    labelNames: ['outcome'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const sends = new Counter({
    name: 'loa_sends_total',
    help: 'Outbox send attempts by platform and outcome (sent, retry, failed, skipped).',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const requests = new Histogram({
    name: 'loa_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status, with their time.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const outboxRows = new Gauge({ name: 'loa_outbox_rows', help: 'Outbox rows by status.', labelNames: ['status'], registers: [registry] });
  const queueDue = new Gauge({ name: 'loa_queue_due', help: 'Queued outbox rows whose time has come.', registers: [registry] });
  const queueAge = new Gauge({
    name: 'loa_queue_oldest_due_seconds',
    help: 'How long the oldest due outbox row has been waiting (0 when none is due).',
    registers: [registry],
  });
  const dbUp = new Gauge({ name: 'loa_database_up', help: '1 when the database answered the last scrape.', registers: [registry] });

  const recorder: Metrics = {
    webhook: (platform, outcome) => webhooks.inc({ platform, outcome }),
    handled: (outcome, seconds) => handler.observe({ outcome }, seconds),
    send: (platform, outcome) => sends.inc({ platform, outcome }),
    request: (method, route, status, seconds) => requests.observe({ method, route, status: String(status) }, seconds),
  };

  const endpoint: MetricsEndpoint = {
    contentType: registry.contentType,
    async render() {
      try {
        const now = opts.clock.now();
        const counts = await outboxCountsByStatus(opts.db);
        for (const s of OUTBOX_STATUSES) outboxRows.set({ status: s }, counts[s] ?? 0);
        const q = await queueBacklog(opts.db, now);
        queueDue.set(q.due);
        queueAge.set(q.oldestDueAt ? Math.max(0, (now.getTime() - q.oldestDueAt.getTime()) / 1000) : 0);
        dbUp.set(1);
      } catch {
        dbUp.set(0);
      }
      return registry.metrics();
    },
  };
  return { recorder, endpoint, registry };
}
