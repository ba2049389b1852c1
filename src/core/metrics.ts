// What the core reports for metrics (SPEC §9), as a port: the Node entry implements it with
// prom-client (src/entry/prom-metrics.ts); elsewhere (Workers, scripts) it does nothing. No
// personal data and no unbounded labels: platforms, outcomes and route templates only.
import type { Platform } from './types';

/** A webhook request's outcome, from its HTTP answer. */
export const WEBHOOK_OUTCOMES = ['accepted', 'rejected', 'invalid', 'too_large', 'disabled', 'error'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];
/** One outbox row's outcome after a send attempt. */
export const SEND_OUTCOMES = ['sent', 'retry', 'failed', 'skipped'] as const;
export type SendOutcome = (typeof SEND_OUTCOMES)[number];
/** One inbound event's processing. */
export const HANDLER_OUTCOMES = ['done', 'failed', 'lease_lost'] as const;
export type HandlerOutcome = (typeof HANDLER_OUTCOMES)[number];

export interface Metrics {
  webhook(platform: Platform, outcome: WebhookOutcome): void;
  /** An inbound event handled, and how long its handler took (seconds). */
  handled(outcome: HandlerOutcome, seconds: number): void;
  send(platform: Platform, outcome: SendOutcome): void;
  /** An HTTP request answered (route is a template such as /api/articles/:id). */
  request(method: string, route: string, status: number, seconds: number): void;
}

export const noMetrics: Metrics = {
  webhook() {},
  handled() {},
  send() {},
  request() {},
};

/** What GET /metrics serves: the text exposition, built on demand. */
export interface MetricsEndpoint {
  contentType: string;
  render(): Promise<string>;
}
