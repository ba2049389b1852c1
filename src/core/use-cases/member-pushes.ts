// Stop or resume pushes (digests, announcements) for a member from the console: the same state as
// the member's own /ngung and /tieptuc (members.status), with an audit entry naming the official.
import { auditQuery, findMemberById, setMemberStatusQuery } from '../../../db/queries/members';
import type { CoreDeps } from '../context';

export interface MemberPushesInput {
  actorMemberId: number;
  memberId: number;
  stop: boolean;
  now: Date;
  via: 'console' | 'chat';
}

export type MemberPushesResult = { ok: true; status: 'active' | 'stopped' } | { ok: false; reason: 'not_allowed' | 'not_found' | 'already' };

export async function setMemberPushes(deps: CoreDeps, input: MemberPushesInput): Promise<MemberPushesResult> {
  const { db } = deps;
  const actor = await findMemberById(db, input.actorMemberId);
  if (!actor || actor.role !== 'official' || actor.status === 'deleted') return { ok: false, reason: 'not_allowed' };
  const target = await findMemberById(db, input.memberId);
  if (!target || target.status === 'deleted') return { ok: false, reason: 'not_found' };
  const status = input.stop ? 'stopped' : 'active';
  if (target.status === status) return { ok: false, reason: 'already' };
  await db.batch([
    setMemberStatusQuery(db, target.id, status, input.now),
    auditQuery(db, {
      actorMemberId: actor.id,
      action: input.stop ? 'member_pushes_stopped' : 'member_pushes_resumed',
      targetMemberId: target.id,
      detail: { via: input.via },
      at: input.now,
    }),
  ]);
  return { ok: true, status };
}
