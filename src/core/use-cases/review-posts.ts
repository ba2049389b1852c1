// reviewPosts: marks reported posts valid or invalid, with an optional note, one or many at once,
// and writes the audit entry in the same batch. Used by the console (a campaign's posts page) and
// PATCH /api/posts/<id>. The note is the office's text: stored on the posts and shown in the CSV,
// never copied into the audit log (which keeps ids and counts only).
import { campaignsOfPosts, reviewCampaignPostsQuery } from '../../../db/queries/campaign-review';
import { auditQuery } from '../../../db/queries/members';
import type { CoreDeps } from '../context';
import { cleanText } from '../text/clean';

export const REVIEW_NOTE_MAX = 500;
export const REVIEW_MAX_POSTS = 200;

export type ReviewRefusal = 'no_posts' | 'too_many' | 'note_too_long' | 'not_found';
export type ReviewResult = { ok: true; changed: number[] } | { ok: false; reason: ReviewRefusal };

export interface ReviewInput {
  postIds: number[];
  status: 'valid' | 'invalid';
  note?: string | null | undefined;
  /** When given, only posts of this campaign are changed (ids of other campaigns are not found). */
  campaignId?: number | undefined;
  /** The official reviewing; null: the admin API (its bearer token stands for the office). */
  actorMemberId: number | null;
  via: 'api' | 'console';
  now: Date;
}

export async function reviewPosts(deps: CoreDeps, input: ReviewInput): Promise<ReviewResult> {
  const ids = [...new Set(input.postIds.filter((x) => Number.isSafeInteger(x) && x > 0))];
  if (ids.length === 0) return { ok: false, reason: 'no_posts' };
  if (ids.length > REVIEW_MAX_POSTS) return { ok: false, reason: 'too_many' };
  const note = input.note ? cleanText(input.note).normalize('NFC').trim() : '';
  if (note.length > REVIEW_NOTE_MAX) return { ok: false, reason: 'note_too_long' };
  const found = await campaignsOfPosts(deps.db, ids);
  const byCampaign = new Map<number, number[]>();
  for (const [id, campaignId] of found) {
    if (input.campaignId !== undefined && campaignId !== input.campaignId) continue;
    byCampaign.set(campaignId, [...(byCampaign.get(campaignId) ?? []), id]);
  }
  if (byCampaign.size === 0) return { ok: false, reason: 'not_found' };
  const changed: number[] = [];
  for (const [campaignId, postIds] of byCampaign) {
    const [rows] = await deps.db.batch([
      reviewCampaignPostsQuery(deps.db, { campaignId, ids: postIds, status: input.status, note: note || null, at: input.now }),
      auditQuery(deps.db, {
        actorMemberId: input.actorMemberId,
        action: input.status === 'valid' ? 'posts_approved' : 'posts_rejected',
        targetMemberId: null,
        detail: { campaignId, postIds, count: postIds.length, withNote: note.length > 0, via: input.via },
        at: input.now,
      }),
    ]);
    changed.push(...rows.map((r) => r.id));
  }
  deps.log.info('posts reviewed', { count: changed.length, status: input.status, via: input.via });
  return { ok: true, changed: changed.sort((a, b) => a - b) };
}
