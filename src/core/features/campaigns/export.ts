// /xuat (/export) <#hashtag or id>, officials: Telegram gets the CSV itself as an uploaded
// document; Zalo (an OA cannot send CSV files) gets a signed download link that expires in 24 h,
// which needs PUBLIC_URL (the reply says so when it is missing).
import { listCampaigns, runningCampaigns, type CampaignRow } from '../../../../db/queries/campaigns';
import { countCampaignPosts } from '../../../../db/queries/posts';
import type { HandlerContext } from '../../commands/handler-context';
import { formatDateTime, localDate } from '../../time';
import { DOWNLOAD_TTL_MS, downloadSecret, downloadUrl } from '../../use-cases/download-token';
import { campaignCsvBytes, campaignFileStem } from '../../use-cases/export-campaign-posts';
import { campaignLineParams, resolveCampaignRef } from './common';

export async function exportCommand(ctx: HandlerContext, args: string): Promise<void> {
  const { t } = ctx;
  const { env } = ctx.deps;
  const ref = args.trim();
  const today = localDate(ctx.now, env.TIMEZONE);
  let campaign: CampaignRow | undefined;
  if (ref) {
    campaign = await resolveCampaignRef(ctx.deps.db, ref);
    if (!campaign) return ctx.reply(t.campaignNotFound(ref.slice(0, 60)));
  } else {
    const running = await runningCampaigns(ctx.deps.db, today);
    if (running.length === 1) campaign = running[0];
  }
  if (!campaign) {
    const open = await listCampaigns(ctx.deps.db, { status: 'open' });
    const lines = [t.exportUsage()];
    if (open.length) lines.push('', t.campaignListHeader(), ...open.map((c) => t.campaignLine(campaignLineParams(c, today, c.postCount))));
    return ctx.reply(lines.join('\n'));
  }
  const filename = `${campaignFileStem(campaign)}.csv`;
  const posts = await countCampaignPosts(ctx.deps.db, campaign.id);
  if (ctx.msg.platform === 'telegram') {
    const content = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await campaignCsvBytes(ctx.deps, campaign.id));
    ctx.reply({
      lines: [t.exportReadyFile({ id: campaign.id, name: campaign.name, posts })],
      document: { filename, content, mimeType: 'text/csv', caption: t.exportTelegramCaption({ name: campaign.name }) },
    });
  } else {
    if (!env.PUBLIC_URL) return ctx.reply(t.exportNeedsPublicUrl());
    if (!downloadSecret(env)) return ctx.reply(t.exportNeedsSecret());
    const expiresAt = new Date(ctx.now.getTime() + DOWNLOAD_TTL_MS);
    const url = (await downloadUrl(env, campaign.id, filename, expiresAt))!;
    ctx.reply({
      lines: [t.exportReady({ id: campaign.id, name: campaign.name, posts, expires: formatDateTime(expiresAt, env.TIMEZONE) })],
      document: { filename, url, caption: t.exportZaloLink() },
    });
  }
  ctx.deps.log.info('campaign export link', { campaignId: campaign.id, platform: ctx.msg.platform });
}
