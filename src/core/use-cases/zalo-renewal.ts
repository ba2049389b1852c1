// Keeping Zalo members reachable (SPEC §4). Zalo lets an OA write to someone only within 7 days of
// their last interaction. Once a day, at DIGEST_TIME (right after the digest is queued, or on its
// own on a day without one), a Zalo member whose window closes within 48 h gets one short line
// with a button, «Nhận tiếp điểm tin». Tapping it sends text back to the OA, which is an
// interaction: the window starts again. At most once in 5 days per member; `/ngung nhac` turns
// it off. Telegram has no such rule and never gets it. Several processes may run this at once:
// the idempotency key (identity + local date) lets only one row in.
import { insertOutboxQuery, OUTBOX_CHUNK, type OutboxInsert } from '../../../db/queries/outbox';
import { markRenewalSentQuery, zaloRenewalCandidates } from '../../../db/queries/recipients';
import { messagesFor } from '../../i18n';
import type { CoreDeps } from '../context';
import { localDate, localTime } from '../time';
import type { Lang, OutboundMessage } from '../types';
import { zaloWindowCutoff } from './queue-digest';

const DAY_MS = 24 * 3600_000;
/** The line goes to those whose window closes within this long. */
export const RENEWAL_AHEAD_MS = 2 * DAY_MS;
/** …and at most once in this long per member. */
export const RENEWAL_EVERY_MS = 5 * DAY_MS;
/** What a Zalo tap on the button sends back (a hidden command, so typing it works too). */
export const RENEWAL_REPLY = 'nhan tiep';

export function renewalMessage(lang: Lang): OutboundMessage {
  const t = messagesFor(lang);
  return { lines: [t.zaloRenewalLine()], buttons: [[{ label: t.zaloRenewalButton(), data: 'renew:1', reply: RENEWAL_REPLY }]] };
}

/** Queues today's renewal lines; returns how many. Before DIGEST_TIME it does nothing. */
export async function queueZaloRenewals(deps: CoreDeps, now: Date): Promise<number> {
  const { db, env } = deps;
  if (localTime(now, env.TIMEZONE) < env.DIGEST_TIME) return 0;
  const date = localDate(now, env.TIMEZONE);
  const cutoff = zaloWindowCutoff(now);
  const candidates = await zaloRenewalCandidates(db, {
    insideAfter: cutoff,
    lastBefore: new Date(cutoff.getTime() + RENEWAL_AHEAD_MS),
    sentBefore: new Date(now.getTime() - RENEWAL_EVERY_MS),
  });
  for (let i = 0; i < candidates.length; i += OUTBOX_CHUNK) {
    const chunk = candidates.slice(i, i + OUTBOX_CHUNK);
    const rows: OutboxInsert[] = chunk.map((c) => ({
      idempotencyKey: `zalo-renewal:${date}:${c.identityId}`,
      ref: `zalo-renewal:${date}`,
      platform: 'zalo',
      chatId: c.chatId,
      identityId: c.identityId,
      memberId: c.memberId,
      message: renewalMessage(c.lang),
    }));
    await db.batch([insertOutboxQuery(db, rows, now), markRenewalSentQuery(db, chunk.map((c) => c.identityId), now)]);
  }
  if (candidates.length > 0) {
    deps.log.info('zalo renewal lines queued', { date, count: candidates.length });
    deps.onQueued?.();
  }
  return candidates.length;
}
