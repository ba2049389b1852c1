// Reach as a number (SPEC §4): for a digest or an announcement, the Zalo members it reached and
// those it skipped because they were outside the 7-day window; and, now, the share of all Zalo
// members Loa can still write to. Computed from the same outbox counts the deliveries API shows,
// so the summary, the stats API and /api/deliveries never disagree.
import type { DeliveryCount } from '../../../db/queries/digests';
import { zaloReachCounts } from '../../../db/queries/reach';
import { outboxCountsOf } from '../../../db/queries/audience-counts';
import type { Db } from '../../../db/client';
import { ZALO_OUTSIDE_WINDOW } from '../outbox/zalo-window';
import { zaloWindowCutoff } from './queue-digest';

export interface DeliveryReach {
  /** Zalo messages sent. */
  reached: number;
  /** Zalo messages skipped because the member was outside the 7-day window. */
  outsideWindow: number;
}

export function zaloDeliveryReach(counts: readonly DeliveryCount[]): DeliveryReach {
  let reached = 0;
  let outsideWindow = 0;
  for (const c of counts) {
    if (c.platform !== 'zalo') continue;
    if (c.status === 'sent') reached += c.n;
    else if (c.status === 'skipped' && c.reason === ZALO_OUTSIDE_WINDOW) outsideWindow += c.n;
  }
  return { reached, outsideWindow };
}

export interface ReachNow {
  members: number;
  reachableNow: number;
  outsideWindow: number;
  /** reachableNow / members, 0..1 with 3 decimals; null without Zalo members. */
  shareReachable: number | null;
}

export async function zaloReachNow(db: Db, now: Date): Promise<ReachNow> {
  const { members, reachable } = await zaloReachCounts(db, zaloWindowCutoff(now));
  return {
    members,
    reachableNow: reachable,
    outsideWindow: members - reachable,
    shareReachable: members === 0 ? null : Math.round((reachable / members) * 1000) / 1000,
  };
}

/** "87 %" style percentage for chat texts; "—" without Zalo members. */
export function percentText(share: number | null): string {
  return share == null ? '—' : `${Math.round(share * 100)} %`;
}

/** Reach per digest date (console's 30-day line): from the kept outbox counts, one read for all days. */
export async function zaloReachByDigest(db: Db, dates: string[]): Promise<Map<string, DeliveryReach>> {
  const refs = new Map(dates.map((d) => [`digest:${d}`, d]));
  const out = new Map<string, DeliveryReach>();
  for (const r of await outboxCountsOf(db, [...refs.keys()])) {
    const date = refs.get(r.ref);
    if (!date) continue;
    const reach = zaloDeliveryReach([r]);
    const cur = out.get(date) ?? { reached: 0, outsideWindow: 0 };
    out.set(date, { reached: cur.reached + reach.reached, outsideWindow: cur.outsideWindow + reach.outsideWindow });
  }
  return out;
}
