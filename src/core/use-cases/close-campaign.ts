// closeCampaign: a closed campaign takes no new links and frees its hashtags. Idempotent.
import { closeCampaignQueries, findCampaign, type CampaignRow } from '../../../db/queries/campaigns';
import type { CoreDeps } from '../context';

export type CloseCampaignResult = { ok: true; campaign: CampaignRow; alreadyClosed: boolean } | { ok: false; error: 'not_found' };

export async function closeCampaign(deps: CoreDeps, campaignId: number): Promise<CloseCampaignResult> {
  const campaign = await findCampaign(deps.db, campaignId);
  if (!campaign) return { ok: false, error: 'not_found' };
  if (campaign.status === 'closed') return { ok: true, campaign, alreadyClosed: true };
  const now = deps.clock.now();
  const [closed] = await deps.db.batch(closeCampaignQueries(deps.db, campaignId, now));
  deps.log.info('campaign closed', { campaignId });
  return { ok: true, campaign: { ...campaign, status: 'closed', closedAt: now }, alreadyClosed: closed.length === 0 };
}
