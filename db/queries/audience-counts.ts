// Counts for the console from the trigger-kept tables audience_counts and outbox_counts
// (db/schema/console-counts.ts): the push audience per platform with the Zalo window, registered
// members per role / MCN / platform, and outbox rows of a ref per platform, status and reason.
// Each is a read of a few hundred summary rows, whatever the number of members or outbox rows.
import { and, desc, eq, gt, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { audienceCounts, chatIdentities, mcns, members, outboxCounts, type AnnouncementCounts } from '../schema';
import { recipientConds, type RecipientFilter } from './recipients';

export const DAY_MS = 86_400_000;

function filterConds(filter: RecipientFilter): SQL[] {
  if (filter.memberIds) throw new Error('audienceCountsOf counts roles and MCNs, not member lists');
  const conds: SQL[] = [];
  if (filter.roles?.length) conds.push(inArray(audienceCounts.role, filter.roles));
  if (filter.mcnId != null) conds.push(eq(audienceCounts.mcnId, filter.mcnId));
  return conds;
}

/**
 * What countRecipients(pushRecipients(db, filter), now) returns, from the summary: Telegram
 * identities (and those without a private chat), Zalo identities inside the 7-day window at
 * `cutoff` (zaloWindowCutoff(now): reachable when the last inbound time is after it) and outside,
 * and members. Whole days after the cut-off's day come from the summary; the cut-off's own day
 * is counted exactly over chat_identities_inbound_idx (one day of Zalo identities at most).
 */
export async function audienceCountsOf(db: Db, filter: RecipientFilter, cutoff: Date): Promise<AnnouncementCounts> {
  const cut = cutoff.getTime();
  const cutDay = Math.floor(cut / DAY_MS);
  const conds = [eq(audienceCounts.kind, 'push'), ...filterConds(filter)];
  const [rows, edge] = await Promise.all([
    db
      .select({
        platform: audienceCounts.platform,
        privateChat: audienceCounts.privateChat,
        recent: sql<number>`${audienceCounts.inboundDay} > ${cutDay}`,
        n: sql<number>`sum(${audienceCounts.n})`,
      })
      .from(audienceCounts)
      .where(and(...conds))
      .groupBy(audienceCounts.platform, audienceCounts.privateChat, sql`3`),
    db
      .select({ n: sql<number>`count(*)` })
      .from(chatIdentities)
      .innerJoin(members, eq(members.id, chatIdentities.memberId))
      .where(
        and(
          eq(chatIdentities.platform, 'zalo'),
          gt(chatIdentities.lastInboundAt, new Date(cut)),
          lte(chatIdentities.lastInboundAt, new Date((cutDay + 1) * DAY_MS - 1)),
          ...recipientConds(filter),
        ),
      ),
  ]);
  const c: AnnouncementCounts = { members: 0, telegram: 0, telegramNoPrivateChat: 0, zalo: 0, zaloReachable: 0, zaloOutsideWindow: 0 };
  for (const r of rows) {
    const n = Number(r.n ?? 0);
    if (r.platform === '*') c.members += n;
    else if (r.platform === 'telegram') {
      c.telegram += n;
      if (!Number(r.privateChat)) c.telegramNoPrivateChat! += n;
    } else {
      c.zalo += n;
      if (Number(r.recent)) c.zaloReachable += n;
    }
  }
  c.zaloReachable += Number(edge[0]?.n ?? 0);
  c.zaloOutsideWindow = c.zalo - c.zaloReachable;
  return c;
}

/** Members of the push audience (who would receive a push to `filter` now). */
export async function audienceMemberCount(db: Db, filter: RecipientFilter): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`coalesce(sum(${audienceCounts.n}), 0)` })
    .from(audienceCounts)
    .where(and(eq(audienceCounts.kind, 'push'), eq(audienceCounts.platform, '*'), ...filterConds(filter)));
  return Number(rows[0]?.n ?? 0);
}

const registered = (platform: SQL) => and(eq(audienceCounts.kind, 'registered'), platform);

/** Registered (not deleted) members per role. */
export async function membersPerRole(db: Db): Promise<{ role: string; n: number }[]> {
  const rows = await db
    .select({ role: audienceCounts.role, n: sql<number>`sum(${audienceCounts.n})` })
    .from(audienceCounts)
    .where(registered(eq(audienceCounts.platform, '*')))
    .groupBy(audienceCounts.role)
    .having(sql`sum(${audienceCounts.n}) > 0`);
  return rows.map((r) => ({ role: r.role, n: Number(r.n) }));
}

/** Registered members per platform (a member with both platforms counts on each). */
export async function membersPerPlatform(db: Db): Promise<{ platform: string; n: number }[]> {
  const rows = await db
    .select({ platform: audienceCounts.platform, n: sql<number>`sum(${audienceCounts.n})` })
    .from(audienceCounts)
    .where(registered(ne(audienceCounts.platform, '*')))
    .groupBy(audienceCounts.platform)
    .having(sql`sum(${audienceCounts.n}) > 0`);
  return rows.map((r) => ({ platform: r.platform, n: Number(r.n) }));
}

/** Registered members per MCN (most first), independents as mcn null. */
export async function membersPerMcn(db: Db, limit: number): Promise<{ mcnId: number | null; name: string | null; code: string | null; n: number }[]> {
  const n = sql<number>`sum(${audienceCounts.n})`;
  const rows = await db
    .select({ mcnId: audienceCounts.mcnId, name: mcns.name, code: mcns.code, n })
    .from(audienceCounts)
    .leftJoin(mcns, eq(mcns.id, audienceCounts.mcnId))
    .where(registered(eq(audienceCounts.platform, '*')))
    .groupBy(audienceCounts.mcnId)
    .having(sql`${n} > 0`)
    .orderBy(desc(n), audienceCounts.mcnId)
    .limit(limit);
  return rows.map((r) => ({ mcnId: r.mcnId === 0 ? null : r.mcnId, name: r.name, code: r.code, n: Number(r.n) }));
}

export interface OutboxCountRow {
  ref: string;
  part: string;
  platform: 'telegram' | 'zalo';
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';
  reason: string | null;
  n: number;
}

/** Outbox rows of some refs per part, platform, status and reason (null when none). */
export async function outboxCountsOf(db: Db, refs: string[]): Promise<OutboxCountRow[]> {
  if (refs.length === 0) return [];
  const rows = await db
    .select()
    .from(outboxCounts)
    .where(and(refs.length === 1 ? eq(outboxCounts.ref, refs[0]!) : inArray(outboxCounts.ref, refs), ne(outboxCounts.n, 0)));
  return rows.map((r) => ({ ...r, reason: r.reason === '' ? null : r.reason, n: Number(r.n) }));
}
