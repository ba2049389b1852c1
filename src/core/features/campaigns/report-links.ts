// Link intake: any private message from a member that holds URLs (text, captions, link
// attachments) is a report, and so is /baocao (/report) with links. All links of a message are
// written in the event's batch (one multi-row INSERT … ON CONFLICT DO NOTHING per 500 links) and
// answered with ONE reply counting new / already known / rejected, even for 50 links.
import { openCampaigns, runningCampaigns } from '../../../../db/queries/campaigns';
import { insertReportedPostsQuery, POST_CHUNK } from '../../../../db/queries/posts';
import type { HandlerContext } from '../../commands/handler-context';
import type { RejectedLink } from '../../links';
import { extractUrls, MAX_LINKS_PER_MESSAGE } from '../../links';
import { localDate } from '../../time';
import { planLinkReport, type LinkReportPlan } from '../../use-cases/report-links';
import type { Messages } from '../../../i18n';
import { campaignLineParams } from './common';

/** Rejected links listed one by one in the reply; the rest are counted. */
export const MAX_REJECTED_LISTED = 10;

const mayReport = (ctx: HandlerContext): boolean => Boolean(ctx.member && (ctx.member.registeredAt || ctx.role === 'official'));

/** registry.textHandlers entry: takes the message when it holds at least one URL. */
export async function linkTextHandler(ctx: HandlerContext): Promise<boolean> {
  const { text, attachmentUrls } = ctx.msg;
  if (mayReport(ctx)) return reportLinks(ctx, text);
  if (extractUrls(text, attachmentUrls).length === 0) return false;
  ctx.reply(ctx.t.linksRegisterFirst());
  return true;
}

/** /baocao [links]: without links, explains how to report and lists the running campaigns. */
export async function reportCommand(ctx: HandlerContext, args: string): Promise<void> {
  if (await reportLinks(ctx, args)) return;
  const today = localDate(ctx.now, ctx.deps.env.TIMEZONE);
  const running = await runningCampaigns(ctx.deps.db, today);
  const lines = [ctx.t.linksHowToReport(), ''];
  if (running.length) lines.push(ctx.t.linksRunningHeader(), ...running.map((c) => ctx.t.campaignLine(campaignLineParams(c, today))));
  else lines.push(ctx.t.linksNoRunning());
  ctx.reply(lines.join('\n'));
}

async function reportLinks(ctx: HandlerContext, text: string): Promise<boolean> {
  const member = ctx.member;
  if (!member || !mayReport(ctx)) return false;
  const plan = await planLinkReport(ctx.deps, ctx.now, {
    text,
    attachmentUrls: ctx.msg.attachmentUrls,
    memberId: member.id,
    mcnId: member.mcnId,
    identityId: ctx.identity.id,
    platform: ctx.msg.platform,
    eventKey: ctx.msg.eventKey,
  });
  if (!plan) return false;
  for (let i = 0; i < plan.fresh.length; i += POST_CHUNK) ctx.write(insertReportedPostsQuery(ctx.deps.db, plan.shared, plan.fresh.slice(i, i + POST_CHUNK)));
  const openTags =
    plan.attribution === 'none' && plan.links.accepted.length > 0 ? (await openCampaigns(ctx.deps.db)).flatMap((c) => c.hashtags) : [];
  ctx.reply(reportSummary(ctx.t, plan, openTags));
  // Counts only: the links and the message text stay out of the logs.
  ctx.deps.log.info('links reported', {
    eventKey: ctx.msg.eventKey,
    campaignId: plan.campaign?.id ?? null,
    attribution: plan.attribution,
    fresh: plan.fresh.length,
    known: plan.known.length,
    rejected: plan.links.rejected.length,
  });
  return true;
}

const shorten = (s: string, max = 60): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The one reply to a report (pure). */
export function reportSummary(t: Messages, plan: LinkReportPlan, openTags: string[]): string {
  const { links, campaign } = plan;
  const lines: string[] = [];
  const rejected = links.rejected;
  if (links.accepted.length === 0) {
    lines.push(t.linksNoneAccepted(), ...rejectedLines(t, rejected));
    if (links.leftOut) lines.push(t.linksLeftOut({ n: links.leftOut, max: MAX_LINKS_PER_MESSAGE }));
    return lines.join('\n');
  }
  lines.push(campaign ? t.linksHeaderCampaign({ name: campaign.name, tags: campaign.hashtags.join(' ') }) : t.linksHeaderNoCampaign());
  lines.push(t.linksNew(plan.fresh.length, platformBreakdown(t, plan)));
  if (plan.known.length) lines.push(t.linksKnown(plan.known.length));
  if (links.duplicatesInMessage) lines.push(t.linksDuplicates(links.duplicatesInMessage));
  if (rejected.length) lines.push(t.linksRejected(rejected.length), ...rejectedLines(t, rejected));
  if (links.leftOut) lines.push(t.linksLeftOut({ n: links.leftOut, max: MAX_LINKS_PER_MESSAGE }));
  const short = plan.fresh.filter((l) => l.short).length;
  if (short) lines.push('', t.linksShort(short));
  if (!campaign) {
    lines.push('', t.linksNoCampaignHint());
    if (openTags.length) lines.push(t.linksOpenTags(openTags.join(' ')));
  }
  return lines.join('\n');
}

function rejectedLines(t: Messages, rejected: RejectedLink[]): string[] {
  const out = rejected.slice(0, MAX_REJECTED_LISTED).map((r) => t.linksRejectedLine(shorten(r.raw), t.linkRejectReasons[r.reason]));
  if (rejected.length > MAX_REJECTED_LISTED) out.push(t.linksRejectedMore(rejected.length - MAX_REJECTED_LISTED));
  return out;
}

function platformBreakdown(t: Messages, plan: LinkReportPlan): string {
  const n = new Map<string, number>();
  for (const l of plan.fresh) n.set(l.platform, (n.get(l.platform) ?? 0) + 1);
  return [...n.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([p, c]) => `${t.platformNames[p as keyof typeof t.platformNames]} ${c}`)
    .join(', ');
}
