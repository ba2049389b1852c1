// When every outbox row of a queued digest has a final state (sent, skipped, failed), the
// officials get one summary: sent per platform, skipped by reason, failed by reason. The
// "summary sent" mark and the summary rows are written in one batch, so it goes out once.
import { deliveryCounts, digestsAwaitingSummary, writeSummary, type DeliveryCount } from '../../../db/queries/digests';
import type { OutboxInsert } from '../../../db/queries/outbox';
import { officialRecipients } from '../../../db/queries/recipients';
import { messagesFor } from '../../i18n';
import { textMessage } from '../commands/handler-context';
import type { CoreDeps } from '../context';
import { formatCount, reasonCode } from '../features/digest/message';
import { isoToDisplayDate } from '../time';
import type { Lang } from '../types';
import { digestRef } from './queue-digest';
import { percentText, zaloDeliveryReach, zaloReachNow, type DeliveryReach, type ReachNow } from './zalo-reach';
import { zaloTemplateCost, type TemplateCost } from './zalo-template-fallback';

export interface DigestTotals {
  total: number;
  sent: { telegram: number; zalo: number };
  skipped: Map<string, number>;
  failed: Map<string, number>;
  unfinished: number;
}

export function digestTotals(counts: DeliveryCount[]): DigestTotals {
  const t: DigestTotals = { total: 0, sent: { telegram: 0, zalo: 0 }, skipped: new Map(), failed: new Map(), unfinished: 0 };
  for (const c of counts) {
    t.total += c.n;
    if (c.status === 'sent') t.sent[c.platform] += c.n;
    else if (c.status === 'skipped' || c.status === 'failed') {
      const map = c.status === 'skipped' ? t.skipped : t.failed;
      const code = reasonCode(c.reason);
      map.set(code, (map.get(code) ?? 0) + c.n);
    } else t.unfinished += c.n;
  }
  return t;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

export function digestSummaryText(
  lang: Lang,
  date: string,
  totals: DigestTotals,
  reach?: { delivery: DeliveryReach; now: ReachNow },
  templates?: TemplateCost | null,
): string {
  const t = messagesFor(lang);
  const f = (n: number) => formatCount(n, lang);
  const reasons = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => t.digestSummaryReason({ reason: t.digestReasonLabels[code] ?? code, n: f(n) }));
  const sent = totals.sent.telegram + totals.sent.zalo;
  return [
    t.digestSummaryHeading({ date: isoToDisplayDate(date), total: f(totals.total) }),
    t.digestSummarySent({ n: f(sent), telegram: f(totals.sent.telegram), zalo: f(totals.sent.zalo) }),
    t.digestSummarySkipped({ n: f(sum(totals.skipped)) }),
    ...reasons(totals.skipped),
    t.digestSummaryFailed({ n: f(sum(totals.failed)) }),
    ...reasons(totals.failed),
    ...(reach && reach.now.members > 0
      ? [t.digestSummaryZaloReach({ reached: f(reach.delivery.reached), outside: f(reach.delivery.outsideWindow), share: percentText(reach.now.shareReachable) })]
      : []),
    ...(templates
      ? [t.digestSummaryZaloTemplates({ sent: f(templates.usage.sent), notSent: f(templates.usage.notSent), used: f(templates.usedToday), max: f(templates.dailyMax) })]
      : []),
  ].join('\n');
}

/** Sends the summary of every finished digest that has none yet. Returns how many went out. */
export async function sendDigestSummaries(deps: CoreDeps, now: Date): Promise<number> {
  const { db } = deps;
  const pending = await digestsAwaitingSummary(db);
  let sent = 0;
  for (const d of pending) {
    const counts = await deliveryCounts(db, digestRef(d.date));
    const totals = digestTotals(counts);
    if (totals.unfinished > 0) continue;
    // The paid templates of the digest are part of its outcome: wait for them too.
    const templates = await zaloTemplateCost(deps, d.date, now);
    if (templates && templates.usage.unfinished > 0) continue;
    const reach = { delivery: zaloDeliveryReach(counts), now: await zaloReachNow(db, now) };
    const officials = await officialRecipients(db);
    const rows: OutboxInsert[] = officials.map((o) => ({
      idempotencyKey: `digest-summary:${d.date}:${o.identityId}`,
      ref: `digest-summary:${d.date}`,
      platform: o.platform,
      chatId: o.chatId,
      identityId: o.identityId,
      memberId: o.memberId,
      message: textMessage(digestSummaryText(o.lang, d.date, totals, reach, templates)),
    }));
    if (await writeSummary(db, d.date, rows, now)) {
      sent++;
      deps.log.info('digest summary queued', { date: d.date, officials: rows.length, total: totals.total });
    }
  }
  if (sent > 0) deps.onQueued?.();
  return sent;
}
