// Turns recipients into outbox rows with deterministic keys (`<prefix>:member:<m>:<platform>:<identity>`):
// queuing the same fan-out twice (GUI twice, a retried event, a restart) adds nothing. Zalo
// recipients outside the 7-day window are recorded as skipped, not sent blindly (SPEC §4).
import type { OutboxInsert } from '../../../db/queries/outbox';
import type { Recipient } from '../../../db/queries/recipients';
import { isInsideZaloWindow, ZALO_OUTSIDE_WINDOW } from '../outbox/zalo-window';
import type { OutboundMessage } from '../types';

export function fanOutRows(
  recipients: Recipient[],
  opts: { keyPrefix: string; ref: string; now: Date; message: (r: Recipient) => OutboundMessage },
): OutboxInsert[] {
  return recipients.map((r) => {
    const outside = r.platform === 'zalo' && !isInsideZaloWindow(r.lastInboundAt, opts.now);
    return {
      idempotencyKey: `${opts.keyPrefix}:member:${r.memberId}:${r.platform}:${r.identityId}`,
      ref: opts.ref,
      platform: r.platform,
      chatId: r.chatId,
      identityId: r.identityId,
      memberId: r.memberId,
      message: opts.message(r),
      ...(outside ? { status: 'skipped' as const, lastError: ZALO_OUTSIDE_WINDOW } : {}),
    };
  });
}

/** One message per language (and variant), built once and shared by the rows. */
export function memo<K, V>(build: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, build(key));
    return cache.get(key)!;
  };
}

/** Drops duplicate identities (a member in two recipient lists). */
export function uniqueByIdentity(recipients: Recipient[]): Recipient[] {
  const seen = new Set<number>();
  return recipients.filter((r) => (seen.has(r.identityId) ? false : (seen.add(r.identityId), true)));
}
