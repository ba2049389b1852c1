// Announcements SQL: drafts (previews), sending, the audit list with delivery counts per ref.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outboxCountsOf } from './audience-counts';
import {
  announcements,
  auditLog,
  mcns,
  type AnnouncementAudience,
  type AnnouncementCounts,
} from '../schema';

export type AnnouncementRow = typeof announcements.$inferSelect;

export interface NewAnnouncement {
  kind: 'announcement' | 'briefing';
  briefingId?: number | null;
  createdByMemberId: number;
  text: string;
  audience: AnnouncementAudience;
  previewCounts: AnnouncementCounts;
  sourceEventKey: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Stores a draft once per inbound event (a retried event finds the same row) and returns it.
 * Not part of the event's batch: the preview needs the id for its buttons.
 */
export async function insertDraftAnnouncement(db: Db, a: NewAnnouncement): Promise<AnnouncementRow> {
  await db
    .insert(announcements)
    .values({ ...a, briefingId: a.briefingId ?? null, status: 'draft' })
    .onConflictDoNothing({ target: announcements.sourceEventKey });
  const row = await db.query.announcements.findFirst({ where: eq(announcements.sourceEventKey, a.sourceEventKey) });
  return row!;
}

export async function getAnnouncement(db: Db, id: number): Promise<AnnouncementRow | undefined> {
  return db.query.announcements.findFirst({ where: eq(announcements.id, id) });
}

/** The member's most recent announcement or briefing invitation (draft or not). */
export async function latestAnnouncementOf(db: Db, memberId: number): Promise<AnnouncementRow | undefined> {
  return db.query.announcements.findFirst({
    where: eq(announcements.createdByMemberId, memberId),
    orderBy: [desc(announcements.id)],
  });
}

/** Older drafts of the member are replaced by a new preview. */
export function cancelOtherDraftsQuery(db: Db, memberId: number, keepId: number, now: Date) {
  return db
    .update(announcements)
    .set({ status: 'cancelled', closedAt: now })
    .where(and(eq(announcements.createdByMemberId, memberId), eq(announcements.status, 'draft'), sql`${announcements.id} <> ${keepId}`));
}

export function markAnnouncementSentQuery(db: Db, id: number, counts: AnnouncementCounts, now: Date) {
  return db
    .update(announcements)
    .set({ status: 'sent', counts, sentAt: now, closedAt: now })
    .where(and(eq(announcements.id, id), eq(announcements.status, 'draft')));
}

export function closeDraftQuery(db: Db, id: number, status: 'cancelled' | 'expired', now: Date) {
  return db
    .update(announcements)
    .set({ status, closedAt: now })
    .where(and(eq(announcements.id, id), eq(announcements.status, 'draft')));
}

export async function listAnnouncements(db: Db, opts: { limit: number; offset: number }): Promise<AnnouncementRow[]> {
  return db.select().from(announcements).orderBy(desc(announcements.id)).limit(opts.limit).offset(opts.offset);
}

export type StatusCounts = Record<string, number>;

/**
 * Outbox rows per status for each ref (`announcement:<id>`, `briefing:<id>`), in total and per
 * part of the key between the ref and `:member:` (a briefing's `invite`, `reminder:24h`,
 * `reminder:1h`, `cancel`; empty for an announcement), from the trigger-kept outbox_counts.
 */
export async function deliveryCountsByRef(db: Db, refs: string[]): Promise<Map<string, { total: StatusCounts; parts: Record<string, StatusCounts> }>> {
  const map = new Map<string, { total: StatusCounts; parts: Record<string, StatusCounts> }>();
  for (const r of await outboxCountsOf(db, refs)) {
    const entry = map.get(r.ref) ?? { total: {}, parts: {} };
    map.set(r.ref, entry);
    entry.total[r.status] = (entry.total[r.status] ?? 0) + r.n;
    if (r.part) {
      const part = (entry.parts[r.part] ??= {});
      part[r.status] = (part[r.status] ?? 0) + r.n;
    }
  }
  return map;
}

/** An MCN by its short code, ignoring case. */
export async function findMcnByCode(db: Db, code: string) {
  const rows = await db
    .select({ id: mcns.id, name: mcns.name, code: mcns.code })
    .from(mcns)
    .where(sql`lower(${mcns.code}) = lower(${code})`)
    .limit(1);
  return rows[0];
}

/** A few MCN codes to suggest after a wrong one. */
export async function someMcnCodes(db: Db, limit = 10): Promise<string[]> {
  const rows = await db.select({ code: mcns.code }).from(mcns).orderBy(mcns.code).limit(limit);
  return rows.map((r) => r.code);
}

/** A draft briefing's invitation is dropped with it. */
export function cancelBriefingDraftsQuery(db: Db, briefingId: number, now: Date) {
  return db
    .update(announcements)
    .set({ status: 'cancelled', closedAt: now })
    .where(and(eq(announcements.briefingId, briefingId), eq(announcements.status, 'draft')));
}

export function auditQuery(db: Db, e: { actorMemberId: number; action: string; detail: Record<string, unknown>; at: Date }) {
  return db.insert(auditLog).values({ actorMemberId: e.actorMemberId, action: e.action, detail: e.detail, at: e.at });
}
