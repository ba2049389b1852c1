// /capquyen: an official makes a registered member an official or an MCN lead. Every grant is
// written to the audit log (who, whom, what, when) and the member is told.
import { identitiesOfMember } from '../../../db/queries/identities';
import { auditQuery, findMcnByCode, findMcnById, findMemberById, findMemberByPhone, setMemberRoleQuery } from '../../../db/queries/members';
import { messagesFor } from '../../i18n';
import type { HandlerContext } from '../commands/handler-context';
import { parseGrantArgs } from '../features/members/answers';

export async function grantRole(ctx: HandlerContext, rawArgs: string): Promise<void> {
  const parsed = parseGrantArgs(rawArgs);
  if (!parsed.ok) return ctx.reply(ctx.t.grantUsage());
  const { target: who, role, mcnCode } = parsed.value;
  const { db } = ctx.deps;

  const target = 'memberId' in who ? await findMemberById(db, who.memberId) : await findMemberByPhone(db, who.phone);
  if (!target || target.status === 'deleted' || !target.registeredAt) return ctx.reply(ctx.t.grantNotFound());

  let mcnId = target.mcnId;
  if (mcnCode) {
    const mcn = await findMcnByCode(db, mcnCode);
    if (!mcn) return ctx.reply(ctx.t.grantMcnUnknown({ code: mcnCode }));
    mcnId = mcn.id;
  }
  if (role === 'mcn_lead' && mcnId == null) return ctx.reply(ctx.t.grantNeedsMcn());
  if (target.role === role && mcnId === target.mcnId && target.mcnLeadStatus !== 'pending') return ctx.reply(ctx.t.grantAlready({ memberId: target.id, role }));

  const mcn = mcnId != null ? await findMcnById(db, mcnId) : undefined;
  const mcnName = role === 'mcn_lead' && mcn ? mcn.name : null;
  ctx.write(setMemberRoleQuery(db, target.id, role, mcnId, ctx.now));
  ctx.write(
    auditQuery(db, {
      actorMemberId: ctx.member?.id ?? null,
      action: 'role_granted',
      targetMemberId: target.id,
      detail: { role, previousRole: target.role, mcnId, previousMcnId: target.mcnId, platform: ctx.msg.platform },
      at: ctx.now,
    }),
  );
  ctx.reply(ctx.t.grantDone({ memberId: target.id, role, mcn: mcnName }));

  const t = messagesFor(target.lang);
  for (const i of await identitiesOfMember(db, target.id)) {
    if (i.id === ctx.identity.id) continue;
    ctx.enqueue({
      idempotencyKey: `grant:${ctx.msg.eventKey}:${i.id}`,
      ref: 'grant',
      platform: i.platform,
      chatId: i.chatId,
      identityId: i.id,
      memberId: target.id,
      message: { lines: [t.grantNotice({ role, mcn: mcnName })] },
    });
  }
}
