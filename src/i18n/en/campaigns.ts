// English mirror of src/i18n/vi/campaigns.ts (same keys: a missing one is a type error).
import type { campaigns as vi, CampaignLineParams, StatusCountParams } from '../vi/campaigns';

const states = { running: 'running', upcoming: 'upcoming', ended: 'ended', closed: 'closed' } as const;
const counts = (c: StatusCountParams) => `${c.total} posts (valid ${c.valid}, invalid ${c.invalid}, pending ${c.pending})`;

export const campaigns: typeof vi = {
  campaignUsage: () =>
    [
      'Create a campaign:',
      '/campaign <name> #hashtag [#another] | <from dd/mm/yyyy> | <to dd/mm/yyyy>',
      'Example: /campaign My Ho Chi Minh #MyHoChiMinh | 01/12/2026 | 31/12/2026',
      'Close a campaign: /campaign close <id or #hashtag>',
    ].join('\n'),
  campaignListHeader: () => 'Open campaigns:',
  campaignListEmpty: () => 'No campaign is open.',
  campaignLine: (p: CampaignLineParams) =>
    `• [${p.id}] ${p.name} ${p.tags}: ${p.from} – ${p.to}, ${states[p.state]}${p.posts === undefined ? '' : `, ${p.posts} posts`}`,
  campaignCreated: (p) =>
    [
      `✅ Campaign [${p.id}] ${p.name} created`,
      `Hashtags: ${p.tags}`,
      `Dates: ${p.from} – ${p.to}`,
      'Members send their post links with this hashtag to have them counted for the campaign.',
    ].join('\n'),
  campaignNeedsThreeParts: () => 'Three parts are needed, separated by |: name and hashtags | start date | end date.',
  campaignNeedsHashtag: () => 'A campaign needs at least one hashtag, e.g. #MyHoChiMinh.',
  campaignBadHashtag: (tag) => `Hashtag "${tag}" is not valid: letters, digits and _ only, at least one letter, at most 50 characters.`,
  campaignTooManyHashtags: (max) => `At most ${max} hashtags per campaign.`,
  campaignBadName: () => 'A campaign name needs 2 to 200 characters.',
  campaignBadDate: (text) => `"${text}" is not a valid date. Write it as dd/mm/yyyy, e.g. 01/12/2026.`,
  campaignEndBeforeStart: () => 'The end date must be on or after the start date.',
  campaignEndsInPast: (today) => `The end date has passed (today is ${today}). Please check the year.`,
  campaignHashtagTaken: (p) => `Hashtag ${p.tag} belongs to campaign [${p.id}] ${p.name}, which is still open. Choose another hashtag or close that campaign first.`,
  campaignNotFound: (ref) => `No campaign "${ref}". Send /campaign to see the list.`,
  campaignClosed: (p) => `Campaign [${p.id}] ${p.name} is closed. New links no longer count for it; its hashtags can be used again.`,
  campaignAlreadyClosed: (p) => `Campaign [${p.id}] ${p.name} was already closed.`,

  linksRegisterFirst: () => 'Thanks for the link! To record your post links, Loa needs you to register first: send /register.',
  linksHowToReport: () =>
    [
      'How to report posts: send the post links (one or many, even 50 in one message) with the campaign hashtag.',
      'Example: /report #MyHoChiMinh https://www.tiktok.com/@your.channel/video/7345678901234567890',
      'No need to type /report: any link you send is taken. Links work without https://, e.g. tiktok.com/@you/video/123.',
    ].join('\n'),
  linksRunningHeader: () => 'Running campaigns:',
  linksNoRunning: () => 'No campaign is running right now.',
  linksHeaderCampaign: (p) => `📥 Loa received your links for the campaign ${p.name} (${p.tags}):`,
  linksHeaderNoCampaign: () => '📥 Loa received your links (not attributed to any campaign):',
  linksNew: (n, byPlatform) => `• New: ${n}${byPlatform ? ` (${byPlatform})` : ''}`,
  linksKnown: (n) => `• Already known: ${n}`,
  linksDuplicates: (n) => `• Repeated within the message (counted once): ${n}`,
  linksRejected: (n) => `• Rejected: ${n}`,
  linksRejectedLine: (raw, reason) => `   – ${raw}: ${reason}`,
  linksRejectedMore: (n) => `   – and ${n} more`,
  linksLeftOut: (p) => `• Left out: ${p.n} links (Loa takes only the first ${p.max} links of a message; send the rest in another message)`,
  linksShort: (n) => `${n} short links (vt.tiktok.com, fb.watch...): kept as they are; the Department checks them when reviewing.`,
  linksNoCampaignHint: () =>
    'The message has no campaign hashtag, so Loa did not count the links for any campaign.',
  linksOpenTags: (tags) => `To count them for a campaign, please send the links again with one of these hashtags: ${tags}`,
  linksNoneAccepted: () => 'Loa could not take any link from this message:',
  linkRejectReasons: {
    unsupported_scheme: 'only http or https links are accepted',
    too_long: 'the link is longer than 2,048 characters',
    ip_or_localhost: 'an IP address or localhost is not a public post',
    invalid: 'this address cannot be read',
  },
  platformNames: {
    tiktok: 'TikTok',
    facebook: 'Facebook',
    youtube: 'YouTube',
    instagram: 'Instagram',
    zalo: 'Zalo',
    threads: 'Threads',
    x: 'X',
    news: 'News',
    other: 'Other',
  },

  postStatusNames: { pending: 'pending', valid: 'valid', invalid: 'invalid' },
  statsCounts: counts,
  statsNoCampaign: () => 'No campaign',
  statsOwnHeader: () => '📊 Posts you reported:',
  statsOwnEmpty: () => 'You have not reported any post yet. Send your post links with the campaign hashtag to report them.',
  statsCampaignLine: (name, c) => `• ${name}: ${counts(c)}`,
  statsMcnHeader: (mcn) => `📊 Posts of MCN ${mcn}:`,
  statsMcnEmpty: (mcn) => `No post has been reported for MCN ${mcn} yet.`,
  statsMcnCampaign: (name, c, people) => `${name}: ${counts(c)}, ${people} reporters`,
  statsPersonLine: (p) => `   – [${p.memberId}] ${p.name}: ${p.total} posts (valid ${p.valid})`,
  statsMorePeople: (n) => `   – and ${n} more people`,
  statsDeletedName: () => '(data deleted)',
  statsMoreCampaigns: (n) => `… and ${n} older campaigns. Send /stats <#hashtag or id> to see one campaign.`,
  statsPickCampaign: () => 'Pick the campaign to see: /stats <#hashtag or id>.',
  statsCampaignHeader: (p) => `📊 Campaign [${p.id}] ${p.name} ${p.tags} (${p.from} – ${p.to}, ${states[p.state]})`,
  statsTotals: (c) => `Total: ${counts(c)}; ${c.reporters} reporters; ${c.short} short links.`,
  statsByMcn: () => 'By MCN:',
  statsByPlatform: () => 'By platform:',
  statsByDay: () => 'By day reported:',
  statsGroupLine: (label, c) => `• ${label}: ${c.total} (valid ${c.valid}, invalid ${c.invalid})`,
  statsDayLine: (day, n) => `• ${day}: ${n}`,
  statsIndependent: () => 'Independent (no MCN)',
  statsMoreRows: (n) => `• … and ${n} more rows`,
  statsEarlierDays: (n, total) => `• ${n} earlier days: ${total}`,
  statsCampaignEmpty: () => 'No post has been reported for this campaign yet.',

  exportUsage: () => "Export a campaign's posts as CSV: /export <#hashtag or campaign id>, e.g. /export #MyHoChiMinh",
  exportNeedsPublicUrl: () =>
    'Cannot export yet: the server has no PUBLIC_URL (the public address of Loa), so no download link can be made. Ask the administrator to set PUBLIC_URL, or use GET /api/campaigns/<id>/posts.csv.',
  exportNeedsSecret: () => 'Cannot export yet: the server has neither ADMIN_TOKEN nor DOWNLOAD_SECRET to sign download links. Ask the administrator to set one.',
  exportReadyFile: (p) => `📄 Report of campaign [${p.id}] ${p.name}: ${p.posts} posts. The CSV file follows.`,
  exportReady: (p) => `📄 Report of campaign [${p.id}] ${p.name}: ${p.posts} posts. The download link works until ${p.expires}.`,
  exportTelegramCaption: (p) => `CSV of the posts of campaign ${p.name} (opens in Excel)`,
  exportZaloLink: () => 'Download the CSV (opens in Excel)',
};
