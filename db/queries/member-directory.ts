// The console's roster (SPEC §7, Thành viên and MCN): member search by name, phone, member number
// or MCN, one member's record, the MCN list with leads, creators and posts per campaign, and the
// statements of an MCN merge. Every read goes through an index (test/integration/console-plans):
// names through member_name_words (kept by triggers, see src/core/text/name-words.ts).
import { and, asc, desc, eq, inArray, isNotNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import {
  auditLog,
  briefingRsvps,
  briefings,
  campaigns,
  chatIdentities,
  conversations,
  digestPicks,
  mcns,
  memberNameWords,
  members,
  posts,
  questionThreads,
} from '../schema';
import { nameWords } from '../../src/core/text/name-words';

export interface MemberListItem {
  id: number;
  /** Personal data: shown to officials, never logged. */
  fullName: string | null;
  phone: string | null;
  role: 'creator' | 'mcn_lead' | 'official';
  mcnLeadStatus: 'pending' | 'approved' | null;
  status: 'active' | 'stopped' | 'deleted';
  mcnId: number | null;
  mcnName: string | null;
  mcnCode: string | null;
  registeredAt: Date | null;
}

export type SearchRole = 'creator' | 'mcn_lead' | 'official';

export interface MemberSearch {
  /** What was typed: a member number, a phone (already normalised to +84…), or words of a name. */
  text?: { memberId: number } | { phone: string } | { name: string };
  mcnId?: number;
  role?: SearchRole;
  /** Keyset paging: members with a smaller number (newest first). */
  before?: number;
  limit: number;
  /** A typed word matched by this many names or more counts as common (tests lower it). */
  commonAt?: number;
}

const listColumns = {
  id: members.id,
  fullName: members.fullName,
  phone: members.phone,
  role: members.role,
  mcnLeadStatus: members.mcnLeadStatus,
  status: members.status,
  mcnId: members.mcnId,
  mcnName: mcns.name,
  mcnCode: mcns.code,
  registeredAt: members.registeredAt,
};

/** Registered (or an official from configuration), not deleted. */
const listed = and(ne(members.status, 'deleted'), or(isNotNull(members.registeredAt), eq(members.role, 'official')));

/** The words table's range for a prefix: word >= p AND word < p with its last character moved up. */
function prefixRange(p: string): [string, string] {
  const last = p.codePointAt(p.length - 1)!;
  return [p, p.slice(0, p.length - (last > 0xffff ? 2 : 1)) + String.fromCodePoint(last + 1)];
}

/** How many names have a word starting with `p`, counted up to `cap` (an index range, bounded). */
async function wordMatches(db: Db, p: string, cap: number): Promise<number> {
  const [lo, hi] = prefixRange(p);
  const rows = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${memberNameWords} WHERE ${memberNameWords.word} >= ${lo} AND ${memberNameWords.word} < ${hi} LIMIT ${cap})`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Members matching a search, newest first, `limit` at most. A name matches when each typed word
 * begins a word of it (case and diacritics ignored): the rarest typed word drives the search
 * through the words index, the others are checked per candidate through (member_id, word).
 */
export async function searchMembers(db: Db, s: MemberSearch): Promise<MemberListItem[]> {
  const conds: (SQL | undefined)[] = [listed];
  if (s.mcnId !== undefined) conds.push(eq(members.mcnId, s.mcnId));
  if (s.role) conds.push(eq(members.role, s.role));
  // Always a key range (newest first from `before`): a search of the primary key, never a scan.
  conds.push(lt(members.id, s.before ?? Number.MAX_SAFE_INTEGER));
  const base = () => db.select(listColumns).from(members).leftJoin(mcns, eq(mcns.id, members.mcnId));
  const text = s.text;
  if (text && 'memberId' in text) return base().where(and(eq(members.id, text.memberId), ...conds));
  if (text && 'phone' in text) return base().where(and(eq(members.phone, text.phone), ...conds)).orderBy(desc(members.id)).limit(s.limit);
  if (!text) return base().where(and(...conds)).orderBy(desc(members.id)).limit(s.limit);

  const words = nameWords(text.name).slice(0, 5);
  if (words.length === 0) return [];
  const CAP = s.commonAt ?? 5000;
  const counts = await Promise.all(words.map((w) => wordMatches(db, w, CAP)));
  const least = Math.min(...counts);
  if (least === 0) return [];
  const hasWord = (w: string) => {
    const [a, b] = prefixRange(w);
    return sql`EXISTS (SELECT 1 FROM ${memberNameWords} o WHERE o.member_id = ${members.id} AND o.word >= ${a} AND o.word < ${b})`;
  };
  const columns = sql`${members.id} AS id, ${members.fullName} AS full_name, ${members.phone} AS phone, ${members.role} AS role,
      ${members.mcnLeadStatus} AS mcn_lead_status, ${members.status} AS status, ${members.mcnId} AS mcn_id,
      ${mcns.name} AS mcn_name, ${mcns.code} AS mcn_code, ${members.registeredAt} AS registered_at`;
  let rows: Record<string, unknown>[];
  if (least >= CAP) {
    // Every typed word is common: walk members newest first by key and keep those with every word
    // (dense matches fill a page after a few hundred members; sorting them all would cost more).
    rows = await db.all<Record<string, unknown>>(sql`
      SELECT ${columns} FROM ${members} LEFT JOIN ${mcns} ON ${mcns.id} = ${members.mcnId}
      WHERE ${and(...conds, ...words.map(hasWord))}
      ORDER BY ${members.id} DESC LIMIT ${s.limit}`);
  } else {
    const driver = words[counts.indexOf(least)]!;
    const [lo, hi] = prefixRange(driver);
    const others = words.filter((w) => w !== driver).map(hasWord);
    // CROSS JOIN: the words index drives (SQLite keeps the order of a CROSS JOIN), members by key.
    rows = await db.all<Record<string, unknown>>(sql`
      SELECT DISTINCT ${columns}
      FROM ${memberNameWords} d CROSS JOIN ${members} ON ${members.id} = d.member_id
      LEFT JOIN ${mcns} ON ${mcns.id} = ${members.mcnId}
      WHERE d.word >= ${lo} AND d.word < ${hi} AND ${and(...conds, ...others)}
      ORDER BY ${members.id} DESC LIMIT ${s.limit}`);
  }
  return rows.map((r) => ({
    id: Number(r.id),
    fullName: (r.full_name as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    role: r.role as MemberListItem['role'],
    mcnLeadStatus: (r.mcn_lead_status as MemberListItem['mcnLeadStatus']) ?? null,
    status: r.status as MemberListItem['status'],
    mcnId: r.mcn_id == null ? null : Number(r.mcn_id),
    mcnName: (r.mcn_name as string | null) ?? null,
    mcnCode: (r.mcn_code as string | null) ?? null,
    registeredAt: r.registered_at == null ? null : new Date(Number(r.registered_at)),
  }));
}

// ---- one member ----------------------------------------------------------------------------

/** A member's identities: platform, last activity, whether pushes can reach them now. */
export async function memberIdentityRows(db: Db, memberId: number) {
  return db
    .select({
      id: chatIdentities.id,
      platform: chatIdentities.platform,
      lastInboundAt: chatIdentities.lastInboundAt,
      privateChatAt: chatIdentities.privateChatAt,
      unfollowedAt: chatIdentities.unfollowedAt,
      renewalOff: chatIdentities.renewalOff,
      createdAt: chatIdentities.createdAt,
    })
    .from(chatIdentities)
    .where(eq(chatIdentities.memberId, memberId))
    .orderBy(asc(chatIdentities.id));
}

/** A member's latest reported posts with their campaign's name. */
export async function memberRecentPosts(db: Db, memberId: number, limit: number) {
  return db
    .select({
      id: posts.id,
      url: posts.url,
      platform: posts.platform,
      status: posts.status,
      reportedAt: posts.reportedAt,
      campaignId: posts.campaignId,
      campaignName: campaigns.name,
    })
    .from(posts)
    .leftJoin(campaigns, eq(campaigns.id, posts.campaignId))
    .where(eq(posts.memberId, memberId))
    .orderBy(desc(posts.id))
    .limit(limit);
}

/** A member's answers to briefings, latest briefing first. */
export async function memberRsvps(db: Db, memberId: number, limit: number) {
  return db
    .select({
      briefingId: briefings.id,
      title: briefings.title,
      startsAt: briefings.startsAt,
      status: briefings.status,
      answer: briefingRsvps.answer,
      answeredAt: briefingRsvps.answeredAt,
    })
    .from(briefingRsvps)
    .innerJoin(briefings, eq(briefings.id, briefingRsvps.briefingId))
    .where(eq(briefingRsvps.memberId, memberId))
    .orderBy(desc(briefings.startsAt))
    .limit(limit);
}

/** The question threads asked from a member's identities. */
export async function memberQuestionThreads(db: Db, identityIds: number[]) {
  if (identityIds.length === 0) return [];
  return db
    .select({ id: questionThreads.id, status: questionThreads.status, platform: questionThreads.platform, lastMessageAt: questionThreads.lastMessageAt, createdAt: questionThreads.createdAt })
    .from(questionThreads)
    .where(inArray(questionThreads.identityId, identityIds))
    .orderBy(desc(questionThreads.id));
}

// ---- MCNs ----------------------------------------------------------------------------------

export interface McnLead {
  mcnId: number;
  memberId: number;
  fullName: string | null;
  pending: boolean;
}

/** Every MCN lead (approved or pending) who is not deleted: a few hundred rows through the role index. */
export async function mcnLeads(db: Db): Promise<McnLead[]> {
  const rows = await db
    .select({ mcnId: members.mcnId, memberId: members.id, fullName: members.fullName, status: members.mcnLeadStatus })
    .from(members)
    .where(and(eq(members.role, 'mcn_lead'), ne(members.status, 'deleted'), isNotNull(members.mcnId)))
    .orderBy(asc(members.id));
  return rows.map((r) => ({ mcnId: r.mcnId!, memberId: r.memberId, fullName: r.fullName, pending: r.status === 'pending' }));
}

/** Creators per MCN (not deleted), counted inside the (mcn_id, role, status) index. */
export async function creatorsPerMcn(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .select({ mcnId: members.mcnId, n: sql<number>`count(*)` })
    .from(members)
    .where(and(isNotNull(members.mcnId), eq(members.role, 'creator'), ne(members.status, 'deleted')))
    .groupBy(members.mcnId);
  return new Map(rows.map((r) => [r.mcnId!, Number(r.n)]));
}

/** Reported posts per MCN in each of these campaigns, counted in the (campaign_id, mcn_id) index. */
export async function postsPerMcnIn(db: Db, campaignIds: number[]): Promise<Map<string, number>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .select({ campaignId: posts.campaignId, mcnId: posts.mcnId, n: sql<number>`count(*)` })
    .from(posts)
    .where(and(inArray(posts.campaignId, campaignIds), isNotNull(posts.mcnId)))
    .groupBy(posts.campaignId, posts.mcnId);
  return new Map(rows.map((r) => [`${r.campaignId}:${r.mcnId}`, Number(r.n)]));
}

/** The campaigns whose posts the MCN list shows: the latest few, open ones first. */
export async function latestCampaigns(db: Db, limit: number) {
  return db
    .select({ id: campaigns.id, name: campaigns.name, status: campaigns.status })
    .from(campaigns)
    .orderBy(sql`${campaigns.status} = 'open' DESC`, desc(campaigns.id))
    .limit(limit);
}

/** What a merge of `fromId` would move: members, of whom leads, and posts. */
export async function mcnMergeCounts(db: Db, mcnId: number): Promise<{ members: number; leads: number; posts: number }> {
  const [m] = await db
    .select({ n: sql<number>`count(*)`, leads: sql<number>`coalesce(sum(${members.role} = 'mcn_lead'), 0)` })
    .from(members)
    .where(and(eq(members.mcnId, mcnId), ne(members.status, 'deleted')));
  const [p] = await db.select({ n: sql<number>`count(*)` }).from(posts).where(eq(posts.mcnId, mcnId));
  return { members: Number(m?.n ?? 0), leads: Number(m?.leads ?? 0), posts: Number(p?.n ?? 0) };
}

/** The error an MCN merge raises when one of the two MCNs is gone (the whole batch rolls back). */
export const MCN_MERGE_STALE = 'mcn_merge_stale';

/**
 * An MCN merged into another, as statements for ONE batch (a crash leaves both MCNs or the merged
 * result, never half): first a guard that fails (`json('…')` of a non-JSON text) unless both MCNs
 * still exist; then members (leads included, with their approval), posts, digest picks and
 * registrations in progress move to `intoId`; the merged MCN is deleted; the audit entry last.
 */
export function mergeMcnQueries(db: Db, input: { fromId: number; intoId: number; actorMemberId: number; detail: Record<string, unknown>; now: Date }) {
  const { fromId, intoId, now } = input;
  return [
    db.run(sql`
      UPDATE ${mcns} SET name = CASE WHEN (SELECT count(*) FROM ${mcns} WHERE id IN (${fromId}, ${intoId})) = 2 THEN name ELSE json(${MCN_MERGE_STALE}) END
      WHERE id IN (${fromId}, ${intoId})`),
    db.update(members).set({ mcnId: intoId, updatedAt: now }).where(eq(members.mcnId, fromId)),
    db.update(posts).set({ mcnId: intoId }).where(eq(posts.mcnId, fromId)),
    db.update(digestPicks).set({ mcnId: intoId }).where(eq(digestPicks.mcnId, fromId)),
    db.run(sql`UPDATE ${conversations} SET data = json_set(data, '$.mcn.id', ${intoId}) WHERE json_extract(data, '$.mcn.id') = ${fromId}`),
    db.delete(mcns).where(eq(mcns.id, fromId)),
    db.insert(auditLog).values({ actorMemberId: input.actorMemberId, action: 'mcn_merged', targetMemberId: null, detail: input.detail, at: now }),
  ] as const;
}

/** True when a merge's batch failed on its guard (one of the MCNs was gone): nothing was written. */
export const isMcnMergeStale = (err: unknown): boolean =>
  err instanceof Error && (err.message.includes('malformed JSON') || String((err as { cause?: unknown }).cause ?? '').includes('malformed JSON'));
