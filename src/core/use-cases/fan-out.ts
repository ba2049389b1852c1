// Turns recipients into outbox rows with deterministic keys (`<prefix>:member:<m>:<platform>:<identity>`):
// queuing the same fan-out twice (GUI twice, a retried event, a restart) adds nothing. Zalo
// recipients outside the 7-day window are recorded as skipped, not sent blindly (SPEC §4), and so
// are Telegram recipients who never opened their private chat with the bot (SPEC §6).
import type { OutboxInsert } from '../../../db/queries/outbox';
import type { Recipient } from '../../../db/queries/recipients';
import { hasPrivateChat, TELEGRAM_NO_PRIVATE_CHAT } from '../outbox/private-chat';
import { isInsideZaloWindow, ZALO_OUTSIDE_WINDOW } from '../outbox/zalo-window';
import type { OutboundMessage } from '../types';

export function fanOutRows(
  recipients: Recipient[],
  opts: { keyPrefix: string; ref: string; now: Date; message: (r: Recipient) => OutboundMessage },
): OutboxInsert[] {
  return recipients.map((r) => {
    const skip = !hasPrivateChat(r)
      ? TELEGRAM_NO_PRIVATE_CHAT
      : r.platform === 'zalo' && !isInsideZaloWindow(r.lastInboundAt, opts.now)
        ? ZALO_OUTSIDE_WINDOW
        : null;
    return {
      idempotencyKey: `${opts.keyPrefix}:member:${r.memberId}:${r.platform}:${r.identityId}`,
      ref: opts.ref,
      platform: r.platform,
      chatId: r.chatId,
      identityId: r.identityId,
      memberId: r.memberId,
      message: opts.message(r),
      ...(skip ? { status: 'skipped' as const, lastError: skip } : {}),
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
