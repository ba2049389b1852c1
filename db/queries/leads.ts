// MCN leads (SPEC §6): a lead who names an MCN that already has a lead is `pending` until an
// official or one of the MCN's leads approves (`/duyet`). Reads for the decision and the lists,
// and the statements that record it.
import { and, eq, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { chatIdentities, mcns, members, outbox } from '../schema';
import { priorityOf, type OutboxInsert } from './outbox';

/** A member who is an MCN lead with full sight of the MCN: registered, not deleted, not pending. */
export const isApprovedLeadSql = sql`(${members.role} = 'mcn_lead' AND coalesce(${members.mcnLeadStatus}, 'approved') = 'approved')`;

/**
 * The status a lead gets when registering for `mcnId` (a number, or the subquery of an MCN
 * created in the same batch): `pending` when the MCN already has a lead, else `approved`.
 * Evaluated inside the batch, so two leads claiming one MCN in one commit cannot both be approved.
 */
export function leadStatusForMcn(mcnId: number | SQL): SQL<'pending' | 'approved'> {
  return sql<'pending' | 'approved'>`(CASE WHEN EXISTS (SELECT 1 FROM ${members} WHERE ${members.mcnId} = ${mcnId} AND ${isApprovedLeadSql} AND ${members.status} <> 'deleted' AND ${members.registeredAt} IS NOT NULL) THEN 'pending' ELSE 'approved' END)`;
}

export interface LeadIdentity {
  memberId: number;
  identityId: number;
  platform: 'telegram' | 'zalo';
  chatId: string;
  lang: 'vi' | 'en';
  lastInboundAt: Date | null;
}

const identityColumns = {
  memberId: members.id,
  identityId: chatIdentities.id,
  platform: chatIdentities.platform,
  chatId: chatIdentities.chatId,
  lang: members.lang,
  lastInboundAt: chatIdentities.lastInboundAt,
};

/** The identities of an MCN's approved leads (who are told about a pending lead). */
export async function approvedLeadIdentities(db: Db, mcnId: number): Promise<LeadIdentity[]> {
  return db
    .select(identityColumns)
    .from(members)
    .innerJoin(chatIdentities, eq(chatIdentities.memberId, members.id))
    .where(and(eq(members.mcnId, mcnId), isApprovedLeadSql, ne(members.status, 'deleted'), isNotNull(members.registeredAt)))
    .orderBy(members.id, chatIdentities.id);
}

/** Whether the MCN has an approved lead now. */
export async function mcnHasApprovedLead(db: Db, mcnId: number): Promise<boolean> {
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.mcnId, mcnId), isApprovedLeadSql, ne(members.status, 'deleted'), isNotNull(members.registeredAt)))
    .limit(1);
  return rows.length > 0;
}

/** The identities of officials (registered or from configuration), not deleted. */
export async function officialIdentities(db: Db): Promise<LeadIdentity[]> {
  return db
    .select(identityColumns)
    .from(members)
    .innerJoin(chatIdentities, eq(chatIdentities.memberId, members.id))
    .where(and(eq(members.role, 'official'), ne(members.status, 'deleted')))
    .orderBy(members.id, chatIdentities.id);
}

/** Every identity of a member (who is told the outcome). */
export async function memberIdentities(db: Db, memberId: number): Promise<LeadIdentity[]> {
  return db
    .select(identityColumns)
    .from(members)
    .innerJoin(chatIdentities, eq(chatIdentities.memberId, members.id))
    .where(eq(members.id, memberId))
    .orderBy(chatIdentities.id);
}

export interface PendingLead {
  memberId: number;
  /** Personal data: shown to those who decide, never logged. */
  fullName: string | null;
  mcnId: number;
  mcnName: string;
  mcnCode: string;
  registeredAt: Date | null;
}

/** Leads waiting for approval, oldest first; only those of one MCN when `mcnId` is given. */
export async function listPendingLeads(db: Db, filter: { mcnId?: number } = {}): Promise<PendingLead[]> {
  const rows = await db
    .select({
      memberId: members.id,
      fullName: members.fullName,
      mcnId: mcns.id,
      mcnName: mcns.name,
      mcnCode: mcns.code,
      registeredAt: members.registeredAt,
    })
    .from(members)
    .innerJoin(mcns, eq(mcns.id, members.mcnId))
    .where(
      and(
        eq(members.role, 'mcn_lead'),
        eq(members.mcnLeadStatus, 'pending'),
        ne(members.status, 'deleted'),
        filter.mcnId === undefined ? undefined : eq(members.mcnId, filter.mcnId),
      ),
    );
  // Sorted here, not by ORDER BY: ordering by registered_at would let SQLite walk that index over
  // every member instead of finding the few leads through the role index.
  return rows.sort((a, b) => (a.registeredAt?.getTime() ?? 0) - (b.registeredAt?.getTime() ?? 0) || a.memberId - b.memberId);
}

/** Approval: only while still pending (a second decision changes nothing). */
export function approveLeadQuery(db: Db, memberId: number, now: Date) {
  return db
    .update(members)
    .set({ mcnLeadStatus: 'approved', updatedAt: now })
    .where(and(eq(members.id, memberId), eq(members.role, 'mcn_lead'), eq(members.mcnLeadStatus, 'pending')));
}

/** Refusal: the person stays registered as an independent creator (only while still pending). */
export function refuseLeadQuery(db: Db, memberId: number, now: Date) {
  return db
    .update(members)
    .set({ role: 'creator', mcnId: null, mcnLeadStatus: null, updatedAt: now })
    .where(and(eq(members.id, memberId), eq(members.role, 'mcn_lead'), eq(members.mcnLeadStatus, 'pending')));
}

/** Placeholder for a member id only known inside the batch (see outboxRowWithMemberIdQuery). */
export const MEMBER_ID_PLACEHOLDER = '{{memberId}}';

/**
 * An outbox row whose message names a member whose id is assigned in the same batch: every
 * MEMBER_ID_PLACEHOLDER in the message JSON is replaced in SQL by `memberId` (a subquery).
 */
export function outboxRowWithMemberIdQuery(db: Db, row: OutboxInsert, memberId: SQL, now: Date) {
  return db
    .insert(outbox)
    .values({
      idempotencyKey: row.idempotencyKey,
      ref: row.ref,
      platform: row.platform,
      chatId: row.chatId,
      identityId: row.identityId ?? null,
      memberId: row.memberId ?? null,
      message: sql`replace(${JSON.stringify(row.message)}, ${MEMBER_ID_PLACEHOLDER}, CAST(${memberId} AS TEXT))`,
      status: row.status ?? 'queued',
      lastError: row.lastError ?? null,
      nextAttemptAt: now,
      createdAt: now,
      priority: row.priority ?? priorityOf(row.ref),
    })
    .onConflictDoNothing({ target: outbox.idempotencyKey });
}
