// planLinkReport: turns one member message into post rows. Extracts and normalises every URL
// offline (nothing is fetched), attributes the message to a campaign (SPEC §3: a hashtag of an
// open campaign in the message, else the only campaign running today, else none) and splits the
// links into new / already known. The caller writes `rows` in the event's batch with one
// multi-row INSERT … ON CONFLICT DO NOTHING and sends one reply.
import { campaignsByIds, openCampaignsByTagKeys, runningCampaigns, type CampaignRow } from '../../../db/queries/campaigns';
import { existingPostUrls, type ReportShared } from '../../../db/queries/posts';
import { NO_CAMPAIGN } from '../../../db/schema';
import type { Db } from '../../../db/client';
import type { CoreDeps } from '../context';
import { extractHashtags, parseReportedLinks, type NormalisedLink, type ReportedLinks } from '../links';
import { localDate } from '../time';
import type { Platform } from '../types';
import { hashtagKey } from './create-campaign';

export interface LinkReportInput {
  text: string;
  attachmentUrls: readonly string[];
  memberId: number;
  mcnId: number | null;
  identityId: number;
  platform: Platform;
  eventKey: string;
}

export type Attribution = 'hashtag' | 'running' | 'none';

export interface LinkReportPlan {
  links: ReportedLinks;
  campaign: CampaignRow | null;
  attribution: Attribution;
  /** Links the campaign does not have yet: to insert, with `shared`. */
  fresh: NormalisedLink[];
  known: NormalisedLink[];
  shared: ReportShared;
}

/**
 * The campaign of a message: the first hashtag (in message order) that belongs to an open
 * campaign, whatever its dates (a late report of a post made during the campaign still counts);
 * else the single open campaign whose dates include today; else none.
 */
export async function attributeCampaign(
  db: Db,
  text: string,
  today: () => string,
): Promise<{ campaign: CampaignRow | null; attribution: Attribution }> {
  const keys = extractHashtags(text).map(hashtagKey);
  if (keys.length > 0) {
    const open = await openCampaignsByTagKeys(db, [...new Set(keys)]);
    const hit = keys.find((k) => open.has(k));
    if (hit) {
      const id = open.get(hit)!;
      const campaign = (await campaignsByIds(db, [id])).get(id);
      if (campaign) return { campaign, attribution: 'hashtag' };
    }
  }
  const running = await runningCampaigns(db, today());
  if (running.length === 1) return { campaign: running[0]!, attribution: 'running' };
  return { campaign: null, attribution: 'none' };
}

/** Null when the message holds no URL at all (then it is not a report). */
export async function planLinkReport(deps: CoreDeps, now: Date, input: LinkReportInput): Promise<LinkReportPlan | null> {
  const links = parseReportedLinks(input.text, input.attachmentUrls);
  if (links.accepted.length === 0 && links.rejected.length === 0) return null;
  const { campaign, attribution } =
    links.accepted.length > 0
      ? await attributeCampaign(deps.db, input.text, () => localDate(now, deps.env.TIMEZONE))
      : { campaign: null, attribution: 'none' as const };
  const campaignId = campaign?.id ?? NO_CAMPAIGN;
  const existing = await existingPostUrls(
    deps.db,
    campaignId,
    links.accepted.map((l) => l.url),
  );
  const fresh = links.accepted.filter((l) => !existing.has(l.url));
  const known = links.accepted.filter((l) => existing.has(l.url));
  const shared: ReportShared = {
    campaignId,
    memberId: input.memberId,
    identityId: input.identityId,
    reporterPlatform: input.platform,
    mcnId: input.mcnId,
    reportedAt: now,
    eventKey: input.eventKey,
  };
  return { links, campaign, attribution, fresh, known, shared };
}
