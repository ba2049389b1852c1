// Pending MCN leads (SPEC §6). A lead who names an MCN that already has a lead is `pending`: the
// MCN's leads and the officials are told; an official or an approved lead of that MCN approves or
// refuses (`/duyet`, or the console through decidePendingLead); the pending person is told the
// outcome; every decision is audited. Until approved, a pending lead sees nothing of the MCN.
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { findMember, type MemberRow } from '../../../db/queries/identities';
import {
  approvedLeadIdentities,
  approveLeadQuery,
  listPendingLeads,
  MEMBER_ID_PLACEHOLDER,
  memberIdentities,
  officialIdentities,
  outboxRowWithMemberIdQuery,
  refuseLeadQuery,
  type LeadIdentity,
  type PendingLead,
} from '../../../db/queries/leads';
import { auditQuery, findMcnById, type McnRow } from '../../../db/queries/members';
import type { OutboxInsert } from '../../../db/queries/outbox';
import { messagesFor, type Messages } from '../../i18n';
import type { Write } from '../commands/handler-context';
import type { CoreDeps } from '../context';
import { isInsideZaloWindow, ZALO_OUTSIDE_WINDOW } from '../outbox/zalo-window';
import type { OutboundMessage } from '../types';
import { commitFanOut } from './commit-fan-out';

export const LEAD_PREFIX = 'lead';

/** Whether a member may see their MCN's members and numbers as its lead. */
export function isApprovedLead(m: Pick<MemberRow, 'role' | 'mcnLeadStatus'> | null | undefined): boolean {
  return m?.role === 'mcn_lead' && m.mcnLeadStatus !== 'pending';
}

function rowFor(i: LeadIdentity, key: string, ref: string, now: Date, message: OutboundMessage): OutboxInsert {
  const outside = i.platform === 'zalo' && !isInsideZaloWindow(i.lastInboundAt, now);
  return {
    idempotencyKey: key,
    ref,
    platform: i.platform,
    chatId: i.chatId,
    identityId: i.identityId,
    memberId: i.memberId,
    message,
    ...(outside ? { status: 'skipped' as const, lastError: ZALO_OUTSIDE_WINDOW } : {}),
  };
}

/** The notice to a decider, with approve/refuse buttons (Zalo: the tap types the command). */
export function pendingNoticeMessage(t: Messages, p: { memberId: string; name: string; mcn: string; code: string }): OutboundMessage {
  return {
    lines: t.leadPendingNotice(p).split('\n'),
    buttons: [
      [
        { label: t.btnLeadApprove(), data: `${LEAD_PREFIX}:${p.memberId}:yes`, reply: `duyet ${p.memberId}` },
        { label: t.btnLeadRefuse(), data: `${LEAD_PREFIX}:${p.memberId}:no`, reply: `duyet khong ${p.memberId}` },
      ],
    ],
  };
}

/**
 * The notices of a new pending lead to the MCN's approved leads and to the officials, as writes
 * of the registration's batch: the new member's id is only known there (`memberId`, a subquery),
 * so it goes into the texts in SQL.
 */
export async function pendingLeadNoticeWrites(
  db: Db,
  input: { memberId: SQL; name: string; mcn: Pick<McnRow, 'id' | 'name' | 'code'>; eventKey: string; now: Date },
): Promise<Write[]> {
  const seen = new Set<number>();
  const to = [...(await approvedLeadIdentities(db, input.mcn.id)), ...(await officialIdentities(db))].filter((i) =>
    seen.has(i.identityId) ? false : (seen.add(i.identityId), true),
  );
  return to.map((i) => {
    const message = pendingNoticeMessage(messagesFor(i.lang), {
      memberId: MEMBER_ID_PLACEHOLDER,
      name: input.name,
      mcn: input.mcn.name,
      code: input.mcn.code,
    });
    const row = rowFor(i, `leadpending:${input.eventKey}:${i.identityId}`, 'lead_pending', input.now, message);
    return outboxRowWithMemberIdQuery(db, row, input.memberId, input.now);
  });
}

export interface LeadDecisionInput {
  /** Who decides: an official, or an approved lead of the pending lead's MCN. */
  actorMemberId: number;
  /** The pending lead. */
  memberId: number;
  approve: boolean;
  now: Date;
  /** Where it was decided (audit detail). */
  via?: 'chat' | 'console';
  platform?: string;
}

export type LeadDecision =
  | { ok: true; approved: boolean; memberId: number; mcn: Pick<McnRow, 'id' | 'name' | 'code'> }
  /** not_allowed: the actor is neither an official nor an approved lead; not_pending: no such pending lead the actor may decide on. */
  | { ok: false; reason: 'not_allowed' | 'not_pending' };

export interface LeadDecisionPlan {
  result: LeadDecision;
  writes: Write[];
  rows: OutboxInsert[];
}

/** What a decision writes and sends, without committing it (the chat adds it to its event's batch). */
export async function planLeadDecision(db: Db, input: LeadDecisionInput): Promise<LeadDecisionPlan> {
  const none = (reason: 'not_allowed' | 'not_pending'): LeadDecisionPlan => ({ result: { ok: false, reason }, writes: [], rows: [] });
  const actor = await findMember(db, input.actorMemberId);
  if (!actor || actor.status === 'deleted') return none('not_allowed');
  const official = actor.role === 'official';
  if (!official && !(isApprovedLead(actor) && actor.registeredAt && actor.mcnId != null)) return none('not_allowed');

  const target = await findMember(db, input.memberId);
  const pending = target && target.status !== 'deleted' && target.role === 'mcn_lead' && target.mcnLeadStatus === 'pending' && target.mcnId != null;
  // A lead of another MCN learns no more than "nobody pending here".
  if (!pending || (!official && target.mcnId !== actor.mcnId)) return none('not_pending');
  const mcn = await findMcnById(db, target.mcnId!);
  if (!mcn) return none('not_pending');

  const { now, approve } = input;
  const writes: Write[] = [
    approve ? approveLeadQuery(db, target.id, now) : refuseLeadQuery(db, target.id, now),
    auditQuery(db, {
      actorMemberId: actor.id,
      action: approve ? 'mcn_lead_approved' : 'mcn_lead_refused',
      targetMemberId: target.id,
      detail: { mcnId: mcn.id, actorRole: actor.role, via: input.via ?? 'chat', ...(input.platform ? { platform: input.platform } : {}) },
      at: now,
    }),
  ];
  const t = messagesFor(target.lang);
  const message: OutboundMessage = { lines: [approve ? t.leadApprovedNotice({ mcn: mcn.name }) : t.leadRefusedNotice({ mcn: mcn.name })] };
  const outcome = approve ? 'approved' : 'refused';
  const rows = (await memberIdentities(db, target.id)).map((i) =>
    rowFor(i, `lead:${target.id}:${outcome}:${i.identityId}`, 'lead_decision', now, message),
  );
  return { result: { ok: true, approved: approve, memberId: target.id, mcn: { id: mcn.id, name: mcn.name, code: mcn.code } }, writes, rows };
}

/** Approves or refuses a pending lead and tells them (the console's entry point; one batch). */
export async function decidePendingLead(deps: CoreDeps, input: LeadDecisionInput): Promise<LeadDecision> {
  const plan = await planLeadDecision(deps.db, { via: 'console', ...input });
  if (!plan.result.ok) return plan.result;
  const queued = await commitFanOut(deps.db, plan.rows, input.now, plan.writes);
  if (queued) deps.onQueued?.();
  return plan.result;
}

/** The leads waiting for approval that a member may decide on (officials: all; a lead: their MCN's). */
export async function pendingLeadsFor(db: Db, actor: Pick<MemberRow, 'role' | 'mcnId' | 'mcnLeadStatus'>): Promise<PendingLead[]> {
  if (actor.role === 'official') return listPendingLeads(db);
  if (isApprovedLead(actor) && actor.mcnId != null) return listPendingLeads(db, { mcnId: actor.mcnId });
  return [];
}

export { listPendingLeads, type PendingLead };
