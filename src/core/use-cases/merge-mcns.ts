// Merging two MCNs that are the same company (SPEC §7 MCN): registration by free text creates
// near-duplicates ("Yeah1", "YEAH1 Network"). Members (leads keep their approval), posts, digest
// picks and registrations in progress move to the kept MCN and the other is deleted, in ONE batch
// with its audit entry: a crash leaves both MCNs or the merged one, never half of each.
import { findMemberById, findMcnById, type McnRow } from '../../../db/queries/members';
import { isMcnMergeStale, mcnMergeCounts, mergeMcnQueries } from '../../../db/queries/member-directory';
import type { CoreDeps } from '../context';

export interface MergeMcnsInput {
  actorMemberId: number;
  /** The MCN that goes away. */
  fromId: number;
  /** The MCN that is kept. */
  intoId: number;
  now: Date;
  via: 'console' | 'api';
}

export type MergeMcnsFailure = 'not_allowed' | 'same' | 'not_found';

export type MergePreview =
  | { ok: true; from: McnRow; into: McnRow; moves: { members: number; leads: number; posts: number } }
  | { ok: false; reason: MergeMcnsFailure };

/** What a merge would do (for the confirmation), or why it cannot be done. */
export async function previewMcnMerge(deps: CoreDeps, input: Pick<MergeMcnsInput, 'actorMemberId' | 'fromId' | 'intoId'>): Promise<MergePreview> {
  const { db } = deps;
  const actor = await findMemberById(db, input.actorMemberId);
  if (!actor || actor.role !== 'official' || actor.status === 'deleted') return { ok: false, reason: 'not_allowed' };
  if (input.fromId === input.intoId) return { ok: false, reason: 'same' };
  const [from, into] = await Promise.all([findMcnById(db, input.fromId), findMcnById(db, input.intoId)]);
  if (!from || !into) return { ok: false, reason: 'not_found' };
  return { ok: true, from, into, moves: await mcnMergeCounts(db, from.id) };
}

export async function mergeMcns(deps: CoreDeps, input: MergeMcnsInput): Promise<MergePreview> {
  const preview = await previewMcnMerge(deps, input);
  if (!preview.ok) return preview;
  const { from, into, moves } = preview;
  const detail = { fromId: from.id, fromName: from.name, fromCode: from.code, intoId: into.id, intoName: into.name, intoCode: into.code, ...moves, via: input.via };
  try {
    await deps.db.batch(mergeMcnQueries(deps.db, { fromId: from.id, intoId: into.id, actorMemberId: input.actorMemberId, detail, now: input.now }));
  } catch (e) {
    // The other MCN went away meanwhile (another official merged it): nothing was changed.
    if (isMcnMergeStale(e)) return { ok: false, reason: 'not_found' };
    throw e;
  }
  return preview;
}
