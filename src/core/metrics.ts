// What the core reports for metrics (SPEC §9), as a port: the Node entry implements it with
// prom-client (src/entry/prom-metrics.ts); elsewhere (Workers, scripts) it does nothing. No
// personal data and no unbounded labels: platforms, outcomes and route templates only.
import type { Platform } from './types';

/** A webhook request's outcome, from its HTTP answer. */
export type WebhookOutcome = 'accepted' | 'rejected' | 'invalid' | 'too_large' | 'disabled' | 'error';
/** One outbox row's outcome after a send attempt. */
export type SendOutcome = 'sent' | 'retry' | 'failed' | 'skipped';
/** One inbound event's processing. */
export type HandlerOutcome = 'done' | 'failed' | 'lease_lost';

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
