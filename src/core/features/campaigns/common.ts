// Small helpers shared by the campaign commands: a campaign's state today, how it is shown, and
// finding the campaign a person names ("12", "[12]", "#MyHoChiMinh", "myhochiminh").
import { campaignByTagKey, findCampaign, type CampaignRow } from '../../../../db/queries/campaigns';
import type { Db } from '../../../../db/client';
import type { CampaignLineParams } from '../../../i18n/vi/campaigns';
import { hashtagKey } from '../../use-cases/create-campaign';
import { isoToDisplayDate } from '../../time';

export type CampaignState = CampaignLineParams['state'];

export function campaignState(c: Pick<CampaignRow, 'status' | 'startsOn' | 'endsOn'>, today: string): CampaignState {
  if (c.status === 'closed') return 'closed';
  if (today < c.startsOn) return 'upcoming';
  if (today > c.endsOn) return 'ended';
  return 'running';
}

export const tagsOf = (c: Pick<CampaignRow, 'hashtags'>): string => c.hashtags.join(' ');

export function campaignLineParams(c: CampaignRow, today: string, posts?: number): CampaignLineParams {
  return {
    id: c.id,
    name: c.name,
    tags: tagsOf(c),
    from: isoToDisplayDate(c.startsOn),
    to: isoToDisplayDate(c.endsOn),
    state: campaignState(c, today),
    ...(posts === undefined ? {} : { posts }),
  };
}

/** `[12] Mỹ Hồ Chí Minh #MyHoChiMinh`. */
export const campaignLabel = (c: CampaignRow): string => `[${c.id}] ${c.name} ${tagsOf(c)}`;

/** The campaign a typed reference names: an id, or a hashtag (with or without #, any case/diacritics). */
export async function resolveCampaignRef(db: Db, ref: string): Promise<CampaignRow | undefined> {
  const r = ref.normalize('NFC').trim();
  const id = /^\[?(\d{1,9})\]?$/.exec(r);
  if (id) return findCampaign(db, Number(id[1]));
  const key = hashtagKey(r.split(/\s+/)[0] ?? '');
  return key ? campaignByTagKey(db, key) : undefined;
}
