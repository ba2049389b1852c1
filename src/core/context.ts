// What every use-case gets: the database, the clock, configuration and a logger (no globals).
import type { Db } from '../../db/client';
import type { Env } from '../config/env';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { Clock } from './types';

export interface CoreDeps {
  db: Db;
  clock: Clock;
  env: Env;
  log: Logger;
  /** Counters and timings (prom-client on Node; nothing elsewhere). */
  metrics?: Metrics;
  /** The Telegram bot's username (without @), for `https://t.me/<bot>?start=…` links; unknown: no link. */
  telegramBotUsername?: string;
  /** Called after rows were queued in the outbox, so a running dispatcher sends them now. */
  onQueued?: () => void;
  /** Answers a Telegram inline-button press (best effort, after the write is committed). */
  answerCallback?: (callbackId: string, text?: string) => Promise<void>;
  /** Runs work after the HTTP answer (Node: just runs it; Workers: ctx.waitUntil). */
  defer?: (work: Promise<unknown>) => void;
}
