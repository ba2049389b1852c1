// closeCampaign: a closed campaign takes no new links and frees its hashtags. Idempotent; the
// closing is audited (chat, admin API, console).
import { closeCampaignQueries, findCampaign, type CampaignRow } from '../../../db/queries/campaigns';
import { auditQuery } from '../../../db/queries/members';
import type { CoreDeps } from '../context';

export type CloseCampaignResult = { ok: true; campaign: CampaignRow; alreadyClosed: boolean } | { ok: false; error: 'not_found' };

export interface CloseCampaignBy {
  /** The official closing it; null: the admin API. */
  actorMemberId: number | null;
  via: 'chat' | 'api' | 'console';
}

/** The writes of a closing (the chat adds them to its event's batch). */
export function closeCampaignWrites(deps: Pick<CoreDeps, 'db'>, campaignId: number, now: Date, by: CloseCampaignBy) {
  return [
    ...closeCampaignQueries(deps.db, campaignId, now),
    auditQuery(deps.db, { actorMemberId: by.actorMemberId, action: 'campaign_closed', targetMemberId: null, detail: { campaignId, via: by.via }, at: now }),
  ] as const;
}

export async function closeCampaign(deps: CoreDeps, campaignId: number, by: CloseCampaignBy = { actorMemberId: null, via: 'api' }): Promise<CloseCampaignResult> {
  const campaign = await findCampaign(deps.db, campaignId);
  if (!campaign) return { ok: false, error: 'not_found' };
  if (campaign.status === 'closed') return { ok: true, campaign, alreadyClosed: true };
  const now = deps.clock.now();
  const [closed] = await deps.db.batch(closeCampaignWrites(deps, campaignId, now, by));
  deps.log.info('campaign closed', { campaignId });
  return { ok: true, campaign: { ...campaign, status: 'closed', closedAt: now }, alreadyClosed: closed.length === 0 };
}
