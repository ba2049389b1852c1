// Roles (SPEC §3 /capquyen, §7 Thành viên): an official makes a registered member an official or
// an MCN lead, or takes a role back (the member becomes a creator). One plan for the chat command
// and the console: the role write, the audit entry (who, whom, what, when, from where) and the
// notice to the member, committed together. A member who stops being an official loses their
// console sessions at their next request (loadSession checks the role every time).
import type { Db } from '../../../db/client';
import { identitiesOfMember } from '../../../db/queries/identities';
import { auditQuery, findMcnByCode, findMcnById, findMemberById, findMemberByPhone, setMemberRoleQuery } from '../../../db/queries/members';
import type { OutboxInsert } from '../../../db/queries/outbox';
import { messagesFor } from '../../i18n';
import type { HandlerContext, Write } from '../commands/handler-context';
import type { CoreDeps } from '../context';
import { parseGrantArgs } from '../features/members/answers';
import type { Role } from '../types';
import { commitFanOut } from './commit-fan-out';

export interface RoleChangeInput {
  actorMemberId: number;
  target: { memberId: number } | { phone: string };
  role: Role;
  /** The MCN for a lead (or a creator's new MCN); undefined keeps the member's MCN. */
  mcnId?: number | null;
  now: Date;
  via: 'chat' | 'console';
  platform?: string;
  /** Makes the notices idempotent (the chat event's key, or a console request's token). */
  sourceKey: string;
  /** An identity not to notify (the one the command came from). */
  skipIdentityId?: number;
}

export type RoleChangeFailure = 'not_allowed' | 'not_found' | 'mcn_unknown' | 'needs_mcn' | 'already' | 'self';

export type RoleChangeResult =
  | { ok: true; memberId: number; role: Role; previousRole: Role; mcnName: string | null; removed: boolean }
  | { ok: false; reason: RoleChangeFailure; memberId?: number; role?: Role };

export interface RoleChangePlan {
  result: RoleChangeResult;
  writes: Write[];
  rows: OutboxInsert[];
}

const RANK: Record<Role, number> = { creator: 0, mcn_lead: 1, official: 2 };

export async function planRoleChange(db: Db, input: RoleChangeInput): Promise<RoleChangePlan> {
  const fail = (reason: RoleChangeFailure, extra: { memberId?: number; role?: Role } = {}): RoleChangePlan => ({ result: { ok: false, reason, ...extra }, writes: [], rows: [] });
  const actor = await findMemberById(db, input.actorMemberId);
  if (!actor || actor.role !== 'official' || actor.status === 'deleted') return fail('not_allowed');
  const target = 'memberId' in input.target ? await findMemberById(db, input.target.memberId) : await findMemberByPhone(db, input.target.phone);
  if (!target || target.status === 'deleted' || (!target.registeredAt && target.role !== 'official')) return fail('not_found');
  // An official cannot take their own role away (there may be no one left to give it back).
  if (target.id === actor.id && input.role !== 'official') return fail('self');

  const { role } = input;
  const mcnId = input.mcnId === undefined ? target.mcnId : input.mcnId;
  if (mcnId != null && !(await findMcnById(db, mcnId))) return fail('mcn_unknown');
  if (role === 'mcn_lead' && mcnId == null) return fail('needs_mcn');
  if (target.role === role && mcnId === target.mcnId && target.mcnLeadStatus !== 'pending') return fail('already', { memberId: target.id, role });

  const mcn = mcnId != null ? await findMcnById(db, mcnId) : undefined;
  const mcnName = role === 'mcn_lead' && mcn ? mcn.name : null;
  const removed = RANK[role] < RANK[target.role];
  const writes: Write[] = [
    setMemberRoleQuery(db, target.id, role, mcnId ?? null, input.now),
    auditQuery(db, {
      actorMemberId: actor.id,
      action: removed ? 'role_removed' : 'role_granted',
      targetMemberId: target.id,
      detail: {
        role,
        previousRole: target.role,
        mcnId: mcnId ?? null,
        previousMcnId: target.mcnId,
        via: input.via,
        ...(input.platform ? { platform: input.platform } : {}),
      },
      at: input.now,
    }),
  ];
  const t = messagesFor(target.lang);
  const text = removed ? t.roleRemovedNotice({ role: target.role }) : t.grantNotice({ role, mcn: mcnName });
  const rows: OutboxInsert[] = (await identitiesOfMember(db, target.id))
    .filter((i) => i.id !== input.skipIdentityId)
    .map((i) => ({
      idempotencyKey: `grant:${input.sourceKey}:${i.id}`,
      ref: 'grant',
      platform: i.platform,
      chatId: i.chatId,
      identityId: i.id,
      memberId: target.id,
      message: { lines: [text] },
    }));
  return { result: { ok: true, memberId: target.id, role, previousRole: target.role, mcnName, removed }, writes, rows };
}

/** The console's entry point: plans and commits in one batch. */
export async function changeMemberRole(deps: CoreDeps, input: RoleChangeInput): Promise<RoleChangeResult> {
  const plan = await planRoleChange(deps.db, input);
  if (!plan.result.ok) return plan.result;
  const queued = await commitFanOut(deps.db, plan.rows, input.now, plan.writes);
  if (queued) deps.onQueued?.();
  return plan.result;
}

/** `/capquyen <member number or phone> official|mcn_lead [MCN code]`. */
export async function grantRole(ctx: HandlerContext, rawArgs: string): Promise<void> {
  const parsed = parseGrantArgs(rawArgs);
  if (!parsed.ok) return ctx.reply(ctx.t.grantUsage());
  const { target, role, mcnCode } = parsed.value;
  if (!ctx.member) return ctx.reply(ctx.t.grantNotFound());
  let mcnId: number | undefined;
  if (mcnCode) {
    const mcn = await findMcnByCode(ctx.deps.db, mcnCode);
    if (!mcn) return ctx.reply(ctx.t.grantMcnUnknown({ code: mcnCode }));
    mcnId = mcn.id;
  }
  const plan = await planRoleChange(ctx.deps.db, {
    actorMemberId: ctx.member.id,
    target,
    role,
    mcnId,
    now: ctx.now,
    via: 'chat',
    platform: ctx.msg.platform,
    sourceKey: ctx.msg.eventKey,
    skipIdentityId: ctx.identity.id,
  });
  const r = plan.result;
  if (!r.ok) {
    if (r.reason === 'needs_mcn') return ctx.reply(ctx.t.grantNeedsMcn());
    if (r.reason === 'already') return ctx.reply(ctx.t.grantAlready({ memberId: r.memberId!, role: r.role! }));
    if (r.reason === 'mcn_unknown') return ctx.reply(ctx.t.grantMcnUnknown({ code: mcnCode ?? '' }));
    return ctx.reply(ctx.t.grantNotFound());
  }
  for (const w of plan.writes) ctx.write(w);
  for (const row of plan.rows) ctx.enqueue(row);
  ctx.reply(ctx.t.grantDone({ memberId: r.memberId, role, mcn: r.mcnName }));
}
