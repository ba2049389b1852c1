// The paid template fallback (SPEC §4, optional, off by default): with ZALO_TEMPLATE_ID and a
// daily budget ZALO_TEMPLATE_DAILY_MAX, the Zalo members a digest skipped because they were
// outside the 7-day window get the approved ZBS template ("Điểm tin ngày {date} đã có: {n} bài",
// its button to /tin is part of the approved template) instead, oldest interaction first. The
// digest's own rows stay `skipped` (the digest did not reach them); the templates are rows of
// their own under `zalo-template:<date>`, so reach and cost are counted apart.
import { queueTemplateFallbackRows, templatesUsedSince, templateUsage, TEMPLATE_REF_PREFIX, type TemplateUsage } from '../../../db/queries/zalo-templates';
import { writeSharedBodies, bodyKey } from '../../../db/queries/outbox';
import { messagesFor } from '../../i18n';
import type { CoreDeps } from '../context';
import { isoToDisplayDate, localDate, zonedToUtc } from '../time';
import type { OutboundMessage } from '../types';
import { digestRef } from './queue-digest';

export const templateRef = (date: string) => `${TEMPLATE_REF_PREFIX}${date}`;

/** The template as stored: Zalo renders its approved text; `lines` keep the same words for the console and the record. */
export function templateMessage(templateId: string, date: string, articles: number): OutboundMessage {
  const display = isoToDisplayDate(date);
  return {
    lines: [messagesFor('vi').zaloTemplateText({ date: display, n: articles })],
    zaloTemplate: { templateId, data: { date: display, n: String(articles) } },
  };
}

export interface TemplateFallbackResult {
  queued: number;
  /** Template rows created today before this call (all digests). */
  usedBefore: number;
  dailyMax: number;
}

/** Queues the templates for a digest's members outside the window; nothing without ZALO_TEMPLATE_ID or a budget. */
export async function queueZaloTemplateFallback(
  deps: Pick<CoreDeps, 'db' | 'env' | 'log' | 'onQueued'>,
  date: string,
  articles: number,
  now: Date,
): Promise<TemplateFallbackResult | null> {
  const { ZALO_TEMPLATE_ID: templateId, ZALO_TEMPLATE_DAILY_MAX: dailyMax, TIMEZONE: tz } = deps.env;
  if (!templateId || dailyMax <= 0 || articles <= 0) return null;
  const dayStart = zonedToUtc(localDate(now, tz), '00:00', tz);
  const message = templateMessage(templateId, date, articles);
  const key = await bodyKey(message);
  const bodyId = (await writeSharedBodies(deps.db, [{ key, message }])).get(key)!;
  const usedBefore = await templatesUsedSince(deps.db, dayStart);
  const queued = await queueTemplateFallbackRows(deps.db, { digestRef: digestRef(date), templateRef: templateRef(date), bodyId, dailyMax, dayStart, now });
  if (queued > 0) deps.onQueued?.();
  deps.log.info('zalo templates queued', { date, queued, usedBefore, dailyMax });
  return { queued, usedBefore, dailyMax };
}

export interface TemplateCost {
  usage: TemplateUsage;
  /** Templates created today, all digests. */
  usedToday: number;
  dailyMax: number;
}

/** What the digest's templates did and what today's budget has spent (null when the fallback is off). */
export async function zaloTemplateCost(deps: Pick<CoreDeps, 'db' | 'env'>, date: string, now: Date): Promise<TemplateCost | null> {
  const { ZALO_TEMPLATE_ID: templateId, ZALO_TEMPLATE_DAILY_MAX: dailyMax, TIMEZONE: tz } = deps.env;
  const usage = await templateUsage(deps.db, templateRef(date));
  if ((!templateId || dailyMax <= 0) && usage.queued === 0) return null;
  const usedToday = await templatesUsedSince(deps.db, zonedToUtc(localDate(now, tz), '00:00', tz));
  return { usage, usedToday, dailyMax };
}
