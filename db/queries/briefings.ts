// Briefings SQL: drafts, scheduling, cancelling, RSVP answers and counts, reminder candidates,
// the attendees export.
import { and, asc, desc, eq, gt, inArray, lte, ne, notExists, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { briefingRsvps, briefings, chatIdentities, mcns, members, type AnnouncementAudience } from '../schema';
import type { Platform } from '../../src/core/types';
import { audienceMemberCount } from './audience-counts';
import { recipientConds } from './recipients';

export type BriefingRow = typeof briefings.$inferSelect;
export type RsvpRow = typeof briefingRsvps.$inferSelect;
export type RsvpAnswer = RsvpRow['answer'];

export interface NewBriefing {
  title: string;
  startsAt: Date;
  place: string;
  audience: AnnouncementAudience;
  createdByMemberId: number;
  sourceEventKey: string;
  createdAt: Date;
}

/** Stores the draft once per inbound event (a retried event finds the same row) and returns it. */
export async function insertDraftBriefing(db: Db, b: NewBriefing): Promise<BriefingRow> {
  await db
    .insert(briefings)
    .values({ ...b, status: 'draft' })
    .onConflictDoNothing({ target: briefings.sourceEventKey });
  const row = await db.query.briefings.findFirst({ where: eq(briefings.sourceEventKey, b.sourceEventKey) });
  return row!;
}

export async function getBriefing(db: Db, id: number): Promise<BriefingRow | undefined> {
  return db.query.briefings.findFirst({ where: eq(briefings.id, id) });
}

export function markBriefingScheduledQuery(db: Db, id: number, now: Date) {
  return db
    .update(briefings)
    .set({ status: 'scheduled', announcedAt: now })
    .where(and(eq(briefings.id, id), eq(briefings.status, 'draft')));
}

export function cancelBriefingQuery(db: Db, id: number, byMemberId: number, now: Date) {
  return db
    .update(briefings)
    .set({ status: 'cancelled', cancelledAt: now, cancelledByMemberId: byMemberId })
    .where(and(eq(briefings.id, id), ne(briefings.status, 'cancelled')));
}

export function markRemindedQuery(db: Db, id: number, which: '24h' | '1h', now: Date) {
  const set = which === '24h' ? { reminded24hAt: now } : { reminded1hAt: now };
  return db.update(briefings).set(set).where(eq(briefings.id, id));
}

/** Scheduled briefings that have not started, soonest first. */
export async function upcomingBriefings(db: Db, now: Date, limit: number): Promise<BriefingRow[]> {
  return db
    .select()
    .from(briefings)
    .where(and(eq(briefings.status, 'scheduled'), gt(briefings.startsAt, now)))
    .orderBy(asc(briefings.startsAt), asc(briefings.id))
    .limit(limit);
}

/** Scheduled briefings starting within 24 h with a reminder not handled yet. */
export async function briefingsNeedingReminders(db: Db, now: Date): Promise<BriefingRow[]> {
  return db
    .select()
    .from(briefings)
    .where(
      and(
        eq(briefings.status, 'scheduled'),
        gt(briefings.startsAt, now),
        lte(briefings.startsAt, new Date(now.getTime() + 24 * 3600_000)),
        sql`(${briefings.reminded24hAt} IS NULL OR ${briefings.reminded1hAt} IS NULL)`,
      ),
    )
    .orderBy(asc(briefings.startsAt));
}

export async function listBriefings(db: Db, opts: { limit: number; offset: number }): Promise<BriefingRow[]> {
  return db.select().from(briefings).orderBy(desc(briefings.startsAt), desc(briefings.id)).limit(opts.limit).offset(opts.offset);
}

/** Records (or changes) a member's answer. */
export function upsertRsvpQuery(db: Db, r: { briefingId: number; memberId: number; answer: RsvpAnswer; platform: Platform; at: Date }) {
  return db
    .insert(briefingRsvps)
    .values({ briefingId: r.briefingId, memberId: r.memberId, answer: r.answer, platform: r.platform, answeredAt: r.at, createdAt: r.at })
    .onConflictDoUpdate({
      target: [briefingRsvps.briefingId, briefingRsvps.memberId],
      set: { answer: r.answer, platform: r.platform, answeredAt: r.at },
    });
}

/** The member's answers for some briefings. */
export async function answersOfMember(db: Db, memberId: number, briefingIds: number[]): Promise<Map<number, RsvpAnswer>> {
  const map = new Map<number, RsvpAnswer>();
  if (briefingIds.length === 0) return map;
  const rows = await db
    .select({ briefingId: briefingRsvps.briefingId, answer: briefingRsvps.answer })
    .from(briefingRsvps)
    .where(and(eq(briefingRsvps.memberId, memberId), inArray(briefingRsvps.briefingId, briefingIds)));
  for (const r of rows) map.set(r.briefingId, r.answer);
  return map;
}

/** Every answer to one briefing: member id → answer. */
export async function answersTo(db: Db, briefingId: number): Promise<Map<number, RsvpAnswer>> {
  const rows = await db
    .select({ memberId: briefingRsvps.memberId, answer: briefingRsvps.answer })
    .from(briefingRsvps)
    .where(eq(briefingRsvps.briefingId, briefingId));
  return new Map(rows.map((r) => [r.memberId, r.answer]));
}

/** Yes / no answers per briefing. */
export async function answerCounts(db: Db, briefingIds: number[]): Promise<Map<number, { yes: number; no: number }>> {
  const map = new Map<number, { yes: number; no: number }>();
  if (briefingIds.length === 0) return map;
  const rows = await db
    .select({ briefingId: briefingRsvps.briefingId, answer: briefingRsvps.answer, n: sql<number>`count(*)` })
    .from(briefingRsvps)
    .where(inArray(briefingRsvps.briefingId, briefingIds))
    .groupBy(briefingRsvps.briefingId, briefingRsvps.answer);
  for (const r of rows) {
    const c = map.get(r.briefingId) ?? { yes: 0, no: 0 };
    c[r.answer] = Number(r.n);
    map.set(r.briefingId, c);
  }
  return map;
}

/** The audience as pushRecipients sees it, for counting and exporting in SQL. */
const audienceConds = (audience: AnnouncementAudience): SQL[] => recipientConds({ roles: audience.roles, mcnId: audience.mcnId });

const noAnswerTo = (db: Db, briefingId: number) =>
  notExists(
    db
      .select({ one: sql`1` })
      .from(briefingRsvps)
      .where(and(eq(briefingRsvps.briefingId, briefingId), eq(briefingRsvps.memberId, members.id))),
  );

/**
 * Members of the audience (who would receive it now) who have not answered: the audience's
 * members from the trigger-kept audience_counts, less those of them who answered (a read of
 * the briefing's answers, not of the audience).
 */
export async function countAudienceWithoutAnswer(db: Db, briefingId: number, audience: AnnouncementAudience): Promise<number> {
  const [all, answered] = await Promise.all([
    audienceMemberCount(db, { roles: audience.roles, mcnId: audience.mcnId }),
    db
      .select({ n: sql<number>`count(DISTINCT ${members.id})` })
      .from(briefingRsvps)
      .innerJoin(members, eq(members.id, briefingRsvps.memberId))
      .innerJoin(chatIdentities, eq(chatIdentities.memberId, members.id))
      .where(and(eq(briefingRsvps.briefingId, briefingId), ...audienceConds(audience))),
  ]);
  return Math.max(0, all - Number(answered[0]?.n ?? 0));
}

export interface AttendeeRow {
  memberId: number;
  fullName: string | null;
  mcnName: string | null;
  /** The platform of the answer, or the member's platforms (comma list) when there is none. */
  platform: string;
  answer: RsvpAnswer | null;
  answeredAt: Date | null;
}

/** Who answered, yes first, each group by name; a page of `limit` from `offset`. */
export async function answeredRows(db: Db, briefingId: number, page: { limit: number; offset: number }): Promise<AttendeeRow[]> {
  return db
    .select({
      memberId: members.id,
      fullName: members.fullName,
      mcnName: mcns.name,
      platform: briefingRsvps.platform,
      answer: briefingRsvps.answer,
      answeredAt: briefingRsvps.answeredAt,
    })
    .from(briefingRsvps)
    .innerJoin(members, eq(members.id, briefingRsvps.memberId))
    .leftJoin(mcns, eq(mcns.id, members.mcnId))
    .where(eq(briefingRsvps.briefingId, briefingId))
    .orderBy(desc(briefingRsvps.answer), asc(members.fullName), asc(members.id))
    .limit(page.limit)
    .offset(page.offset);
}

/**
 * Audience members who did not answer, by member number after `afterId` (keyset pages: the
 * audience can be 100,000 members, so a page reads its rows by the members' primary key and
 * stops after `limit`; ordering by name would sort the whole audience per request).
 */
export async function silentRows(db: Db, briefingId: number, audience: AnnouncementAudience, page: { afterId: number; limit: number }): Promise<AttendeeRow[]> {
  const rows = await db
    .select({
      memberId: members.id,
      fullName: members.fullName,
      mcnName: mcns.name,
      platform: sql<string>`group_concat(DISTINCT ${chatIdentities.platform})`,
    })
    .from(members)
    .innerJoin(chatIdentities, eq(chatIdentities.memberId, members.id))
    .leftJoin(mcns, eq(mcns.id, members.mcnId))
    .where(and(gt(members.id, page.afterId), ...audienceConds(audience), noAnswerTo(db, briefingId)))
    .groupBy(members.id)
    .orderBy(asc(members.id))
    .limit(page.limit);
  return rows.map((r) => ({ ...r, platform: String(r.platform ?? ''), answer: null, answeredAt: null }));
}

/** Everyone who answered, then every audience member who did not (the CSV export). */
export async function attendeeRows(db: Db, briefingId: number, audience: AnnouncementAudience): Promise<AttendeeRow[]> {
  const answered = await answeredRows(db, briefingId, { limit: -1, offset: 0 });
  const silent = await silentRows(db, briefingId, audience, { afterId: 0, limit: -1 });
  return [...answered, ...silent];
}
