// One row per (job, period) that has run: makes scheduled jobs idempotent across ticks and restarts.
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

export const jobRuns = sqliteTable('job_runs', {
  /** e.g. `digest:2026-11-21`, `reminder:12:24h`. */
  key: text('key').primaryKey(),
  detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  ranAt: createdAt(),
});
