// /xoa (after its confirmation) and Zalo user_withdraw: deletes the person's personal data in the
// event's batch. The member row stays as an anonymous marker so reported posts keep their counts.
import { identitiesOfMember } from '../../../db/queries/identities';
import { auditQuery, deleteMemberDataQueries } from '../../../db/queries/members';
import type { HandlerContext } from '../commands/handler-context';

export async function deleteMemberData(ctx: HandlerContext, input: { via: 'command' | 'zalo_withdraw' }): Promise<void> {
  const { db } = ctx.deps;
  const memberId = ctx.identity.memberId;
  const identities = memberId != null ? await identitiesOfMember(db, memberId) : [];
  if (!identities.some((i) => i.id === ctx.identity.id)) identities.push(ctx.identity);

  for (const q of deleteMemberDataQueries(db, { memberId, identities, now: ctx.now })) ctx.write(q);
  ctx.write(
    auditQuery(db, {
      actorMemberId: memberId,
      action: 'member_deleted',
      targetMemberId: memberId,
      detail: { via: input.via, identities: identities.length },
      at: ctx.now,
    }),
  );
  // The identity row is gone with this batch, so the confirmation carries only the platform and
  // chat id (no identity, no member): the dispatcher still delivers it and nothing points back.
  ctx.enqueue({
    idempotencyKey: `reply:${ctx.msg.eventKey}:deleted`,
    ref: 'reply',
    platform: ctx.msg.platform,
    chatId: ctx.msg.chatId,
    identityId: null,
    memberId: null,
    message: { lines: [ctx.t.deleteDone()] },
  });
  ctx.deps.log.info('member data deleted', { memberId, via: input.via, identities: identities.length });
}
