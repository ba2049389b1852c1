// /xoa (after its confirmation) and Zalo user_withdraw: deletes the person's personal data in the
// event's batch. The member row stays as an anonymous marker so reported posts keep their counts.
// The confirmation goes out as an `erasure` row, which forgets the chat id once sent.
import { identitiesOfMember } from '../../../db/queries/identities';
import { auditQuery, deleteMemberDataQueries, findMemberById } from '../../../db/queries/members';
import { ERASURE_REF } from '../../../db/queries/outbox';
import { messagesFor } from '../../i18n';
import type { HandlerContext } from '../commands/handler-context';

/** How the person's data may be written in a queued message to someone else. */
function personalValues(m: { fullName: string | null; phone: string | null; channelLinks: string[] | null }): string[] {
  const values: string[] = [];
  if (m.fullName) values.push(m.fullName, m.fullName.normalize('NFC'));
  if (m.phone) {
    values.push(m.phone);
    if (m.phone.startsWith('+84')) values.push(`0${m.phone.slice(3)}`, m.phone.slice(1));
  }
  for (const link of m.channelLinks ?? []) values.push(link);
  return values;
}

export async function deleteMemberData(ctx: HandlerContext, input: { via: 'command' | 'zalo_withdraw' }): Promise<void> {
  const { db } = ctx.deps;
  const memberId = ctx.identity.memberId;
  const identities = memberId != null ? await identitiesOfMember(db, memberId) : [];
  if (!identities.some((i) => i.id === ctx.identity.id)) identities.push(ctx.identity);

  const member = memberId != null ? await findMemberById(db, memberId) : undefined;
  const redact = member ? personalValues(member) : [];
  const redactedAs = messagesFor('vi').statsDeletedName();
  for (const q of deleteMemberDataQueries(db, { memberId, identities, redact, redactedAs, now: ctx.now })) ctx.write(q);
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
    ref: ERASURE_REF,
    platform: ctx.msg.platform,
    chatId: ctx.msg.chatId,
    identityId: null,
    memberId: null,
    message: { lines: [ctx.t.deleteDone()] },
  });
  ctx.deps.log.info('member data deleted', { memberId, via: input.via, identities: identities.length });
}
