// /thongke (/stats): a creator sees their own posts per campaign; an MCN lead their MCN's posts
// per campaign and per reporter (member id and name: shown to the lead, never logged); an
// official one campaign (the one running today, or the one named) per MCN, platform and day,
// followed by the pick counts of the latest digest.
import { eq } from 'drizzle-orm';
import { campaignsByIds, listCampaigns, runningCampaigns, type CampaignRow } from '../../../../db/queries/campaigns';
import { campaignPostStats, mcnPostCounts, memberPostCounts, type StatusCounts } from '../../../../db/queries/posts';
import { mcns, NO_CAMPAIGN } from '../../../../db/schema';
import type { HandlerContext } from '../../commands/handler-context';
import { isApprovedLead } from '../../use-cases/pending-leads';
import { isoToDisplayDate, localDate } from '../../time';
import { digestPickStatsText } from '../digest';
import { formatCount } from '../digest/message';
import { percentText, zaloReachNow } from '../../use-cases/zalo-reach';
import { campaignLabel, campaignLineParams, campaignState, resolveCampaignRef, tagsOf } from './common';

const MAX_CAMPAIGNS = 10;
const MAX_LEAD_CAMPAIGNS = 5;
const MAX_PEOPLE = 15;
const MAX_GROUP_ROWS = 20;
const MAX_DAYS = 31;

export async function statsCommand(ctx: HandlerContext, args: string): Promise<void> {
  const ref = args.trim();
  let campaign: CampaignRow | undefined;
  if (ref) {
    campaign = await resolveCampaignRef(ctx.deps.db, ref);
    if (!campaign) return ctx.reply(ctx.t.campaignNotFound(ref.slice(0, 60)));
  }
  if (ctx.role === 'official') {
    await officialStats(ctx, campaign);
    // Without a campaign named, officials also get the latest digest's pick counts (if any).
    const picks = ref ? [] : await digestPickStatsText(ctx);
    if (picks.length > 1) ctx.reply(picks.join('\n'));
    if (!ref) await zaloReachLine(ctx);
    return;
  }
  if (ctx.role === 'mcn_lead' && ctx.member?.mcnId != null) {
    if (isApprovedLead(ctx.member)) return leadStats(ctx, ctx.member.mcnId, campaign);
    // A pending lead sees nothing of the MCN (SPEC §6): only their own posts.
    const mcn = await ctx.deps.db.query.mcns.findFirst({ where: eq(mcns.id, ctx.member.mcnId) });
    ctx.reply(ctx.t.statsLeadPending({ mcn: mcn?.name ?? '' }));
  }
  return ownStats(ctx, campaign);
}

/** Officials: the share of Zalo members Loa can write to now (SPEC §4, reach as a number). */
async function zaloReachLine(ctx: HandlerContext): Promise<void> {
  const r = await zaloReachNow(ctx.deps.db, ctx.deps.clock.now());
  if (r.members === 0) return;
  const f = (n: number) => formatCount(n, ctx.lang);
  ctx.reply(ctx.t.statsZaloReachNow({ reachable: f(r.reachableNow), members: f(r.members), share: percentText(r.shareReachable), outside: f(r.outsideWindow) }));
}

/** Newest campaign first, "no campaign" last. */
const byRecency = (a: number, b: number) => (a === NO_CAMPAIGN ? 1 : b === NO_CAMPAIGN ? -1 : b - a);

function labelFor(ctx: HandlerContext, names: Map<number, CampaignRow>, campaignId: number): string {
  const c = names.get(campaignId);
  return c ? campaignLabel(c) : ctx.t.statsNoCampaign();
}

async function ownStats(ctx: HandlerContext, campaign: CampaignRow | undefined): Promise<void> {
  const { t } = ctx;
  const rows = (await memberPostCounts(ctx.deps.db, ctx.member!.id, campaign?.id)).sort((a, b) => byRecency(a.campaignId, b.campaignId));
  if (rows.length === 0) return ctx.reply(t.statsOwnEmpty());
  const names = await campaignsByIds(
    ctx.deps.db,
    rows.map((r) => r.campaignId),
  );
  const lines = [t.statsOwnHeader(), ...rows.slice(0, MAX_CAMPAIGNS).map((r) => t.statsCampaignLine(labelFor(ctx, names, r.campaignId), r))];
  if (rows.length > MAX_CAMPAIGNS) lines.push(t.statsMoreCampaigns(rows.length - MAX_CAMPAIGNS));
  ctx.reply(lines.join('\n'));
}

async function leadStats(ctx: HandlerContext, mcnId: number, campaign: CampaignRow | undefined): Promise<void> {
  const { t } = ctx;
  const mcn = await ctx.deps.db.query.mcns.findFirst({ where: eq(mcns.id, mcnId) });
  const mcnName = mcn?.name ?? String(mcnId);
  const rows = await mcnPostCounts(ctx.deps.db, mcnId, campaign?.id);
  if (rows.length === 0) return ctx.reply(t.statsMcnEmpty(mcnName));
  const perCampaign = new Map<number, typeof rows>();
  for (const r of rows) perCampaign.set(r.campaignId, [...(perCampaign.get(r.campaignId) ?? []), r]);
  const ids = [...perCampaign.keys()].sort(byRecency);
  const names = await campaignsByIds(ctx.deps.db, ids);
  const lines = [t.statsMcnHeader(mcnName)];
  for (const id of ids.slice(0, MAX_LEAD_CAMPAIGNS)) {
    const people = perCampaign.get(id)!.sort((a, b) => b.total - a.total || a.memberId - b.memberId);
    lines.push('', t.statsMcnCampaign(labelFor(ctx, names, id), sum(people), people.length));
    for (const p of people.slice(0, MAX_PEOPLE)) {
      lines.push(t.statsPersonLine({ memberId: p.memberId, name: p.name ?? t.statsDeletedName(), total: p.total, valid: p.valid }));
    }
    if (people.length > MAX_PEOPLE) lines.push(t.statsMorePeople(people.length - MAX_PEOPLE));
  }
  if (ids.length > MAX_LEAD_CAMPAIGNS) lines.push('', t.statsMoreCampaigns(ids.length - MAX_LEAD_CAMPAIGNS));
  ctx.reply(lines.join('\n'));
}

function sum(rows: StatusCounts[]): StatusCounts {
  const out = { total: 0, valid: 0, invalid: 0, pending: 0 };
  for (const r of rows) {
    out.total += r.total;
    out.valid += r.valid;
    out.invalid += r.invalid;
    out.pending += r.pending;
  }
  return out;
}

async function officialStats(ctx: HandlerContext, named: CampaignRow | undefined): Promise<void> {
  const { t } = ctx;
  const tz = ctx.deps.env.TIMEZONE;
  const today = localDate(ctx.now, tz);
  let campaign = named;
  if (!campaign) {
    const running = await runningCampaigns(ctx.deps.db, today);
    if (running.length === 1) campaign = running[0];
  }
  if (!campaign) {
    const open = await listCampaigns(ctx.deps.db, { status: 'open' });
    const lines = [t.statsPickCampaign(), ''];
    if (open.length) lines.push(t.campaignListHeader(), ...open.map((c) => t.campaignLine(campaignLineParams(c, today, c.postCount))));
    else lines.push(t.campaignListEmpty());
    return ctx.reply(lines.join('\n'));
  }
  const s = await campaignPostStats(ctx.deps.db, campaign.id);
  const lines = [
    t.statsCampaignHeader({
      id: campaign.id,
      name: campaign.name,
      tags: tagsOf(campaign),
      from: isoToDisplayDate(campaign.startsOn),
      to: isoToDisplayDate(campaign.endsOn),
      state: campaignState(campaign, today),
    }),
  ];
  if (s.totals.total === 0) {
    lines.push(t.statsCampaignEmpty());
    return ctx.reply(lines.join('\n'));
  }
  lines.push(t.statsTotals(s.totals));

  lines.push('', t.statsByMcn());
  const mcnRows = s.byMcn.sort((a, b) => b.total - a.total);
  for (const r of mcnRows.slice(0, MAX_GROUP_ROWS)) lines.push(t.statsGroupLine(r.mcnId == null ? t.statsIndependent() : (r.name ?? String(r.mcnId)), r));
  if (mcnRows.length > MAX_GROUP_ROWS) lines.push(t.statsMoreRows(mcnRows.length - MAX_GROUP_ROWS));

  lines.push('', t.statsByPlatform());
  for (const r of s.byPlatform.sort((a, b) => b.total - a.total)) lines.push(t.statsGroupLine(t.platformNames[r.platform], r));

  // 15-minute buckets → local days (exact for every zone offset).
  const days = new Map<string, number>();
  for (const b of s.buckets) {
    const day = localDate(new Date(b.startMs), tz);
    days.set(day, (days.get(day) ?? 0) + b.n);
  }
  const ordered = [...days.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  lines.push('', t.statsByDay());
  const earlier = ordered.slice(0, Math.max(0, ordered.length - MAX_DAYS));
  if (earlier.length) lines.push(t.statsEarlierDays(earlier.length, earlier.reduce((n, [, c]) => n + c, 0)));
  for (const [day, n] of ordered.slice(-MAX_DAYS)) lines.push(t.statsDayLine(isoToDisplayDate(day), n));
  ctx.reply(lines.join('\n'));
}
