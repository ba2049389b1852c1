// The officials' console: sign-in links, sessions, and the reads its pages need that no other
// feature has (overview counts, audit log). Every time is UTC epoch ms.
import { and, count, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog, consoleLoginTokens, consoleSessions, digests, members } from '../schema';

export type ConsoleSessionRow = typeof consoleSessions.$inferSelect;

export function insertLoginTokenQuery(db: Db, t: { memberId: number; tokenHash: string; now: Date; expiresAt: Date }) {
  return db.insert(consoleLoginTokens).values({ memberId: t.memberId, tokenHash: t.tokenHash, expiresAt: t.expiresAt, createdAt: t.now });
}

/**
 * Marks a sign-in token used, if it is unused and not expired, and returns its member: one
 * conditional UPDATE, so two clicks at once cannot both sign in.
 */
export async function consumeLoginToken(db: Db, tokenHash: string, now: Date): Promise<number | null> {
  const rows = await db
    .update(consoleLoginTokens)
    .set({ usedAt: now })
    .where(and(eq(consoleLoginTokens.tokenHash, tokenHash), isNull(consoleLoginTokens.usedAt), sql`${consoleLoginTokens.expiresAt} > ${now.getTime()}`))
    .returning({ memberId: consoleLoginTokens.memberId });
  return rows[0]?.memberId ?? null;
}

export async function insertSession(db: Db, s: { memberId: number; tokenHash: string; now: Date; expiresAt: Date }): Promise<void> {
  await db.insert(consoleSessions).values({ memberId: s.memberId, tokenHash: s.tokenHash, createdAt: s.now, lastSeenAt: s.now, expiresAt: s.expiresAt });
}

export interface SessionWithMember {
  session: ConsoleSessionRow;
  member: { id: number; role: string; status: string; lang: 'vi' | 'en'; fullName: string | null };
}

/** The session by hash with its member (role and status are checked by the caller on every request). */
export async function findSession(db: Db, tokenHash: string): Promise<SessionWithMember | null> {
  const rows = await db
    .select({
      session: consoleSessions,
      member: { id: members.id, role: members.role, status: members.status, lang: members.lang, fullName: members.fullName },
    })
    .from(consoleSessions)
    .innerJoin(members, eq(members.id, consoleSessions.memberId))
    .where(eq(consoleSessions.tokenHash, tokenHash))
    .limit(1);
  return rows[0] ?? null;
}

export async function touchSession(db: Db, id: number, now: Date): Promise<void> {
  await db.update(consoleSessions).set({ lastSeenAt: now }).where(eq(consoleSessions.id, id));
}

export async function endSession(db: Db, id: number, now: Date): Promise<void> {
  await db.update(consoleSessions).set({ endedAt: now }).where(and(eq(consoleSessions.id, id), isNull(consoleSessions.endedAt)));
}

export async function setSessionLang(db: Db, id: number, lang: 'vi' | 'en'): Promise<void> {
  await db.update(consoleSessions).set({ lang }).where(eq(consoleSessions.id, id));
}

export async function insertAudit(db: Db, e: { actorMemberId: number; action: string; detail: Record<string, unknown>; at: Date; targetMemberId?: number | null }) {
  await db.insert(auditLog).values({ actorMemberId: e.actorMemberId, action: e.action, targetMemberId: e.targetMemberId ?? null, detail: e.detail, at: e.at });
}

// ---- overview ------------------------------------------------------------------------------

// Members per role, platform and MCN: db/queries/audience-counts.ts (trigger-kept counts).

/** Registrations per local day since `since`, with the zone's offset (minutes) applied. */
export async function registrationsPerDay(db: Db, since: Date, offsetMinutes: number): Promise<Map<string, number>> {
  const day = sql<string>`date((${members.registeredAt} / 1000) + ${offsetMinutes * 60}, 'unixepoch')`;
  const rows = await db
    .select({ day, n: count() })
    .from(members)
    .where(gte(members.registeredAt, since))
    .groupBy(day);
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

/** The latest queued digest up to a date. */
export async function lastQueuedDigest(db: Db, upTo: string) {
  const rows = await db
    .select()
    .from(digests)
    .where(and(eq(digests.status, 'queued'), sql`${digests.date} <= ${upTo}`))
    .orderBy(desc(digests.date))
    .limit(1);
  return rows[0];
}

/** Queued digests, newest first. */
export async function pastDigests(db: Db, limit: number) {
  return db.select().from(digests).where(eq(digests.status, 'queued')).orderBy(desc(digests.date)).limit(limit);
}

// ---- audit log -----------------------------------------------------------------------------

export interface AuditFilter {
  actorMemberId?: number;
  action?: string;
  beforeId?: number;
}

export async function auditPage(db: Db, f: AuditFilter, limit: number) {
  const conds = [];
  if (f.actorMemberId != null) conds.push(eq(auditLog.actorMemberId, f.actorMemberId));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.beforeId) conds.push(lt(auditLog.id, f.beforeId));
  return db
    .select()
    .from(auditLog)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/** The kinds of entries in the log (for the filter). */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

/** Officials, for the log's filter. */
export async function officialsList(db: Db): Promise<{ id: number; fullName: string | null }[]> {
  return db.select({ id: members.id, fullName: members.fullName }).from(members).where(eq(members.role, 'official')).orderBy(members.id);
}
