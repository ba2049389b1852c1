// English mirror of src/i18n/vi/digest.ts (same keys: a missing one is a type error).
import type { digest as vi } from '../vi/digest';

const digestReasonLabels: Record<string, string> = {
  zalo_outside_window: 'outside Zalo’s 7-day window',
  zalo_unfollowed: 'unfollowed the OA',
  zalo_no_interaction: 'never interacted with the OA',
  zalo_not_follower: 'not following the OA',
  zalo_user_inactive: 'Zalo account inactive',
  zalo_user_restricted: 'Zalo account restricted',
  zalo_token_invalid: 'Zalo access token invalid',
  telegram_no_private_chat: 'never opened a private chat with the Telegram bot',
  telegram_blocked: 'blocked the bot',
  telegram_chat_not_found: 'Telegram chat not found',
};

export const digest: typeof vi = {
  digestHeading: ({ date }) => `📰 News digest, ${date}`,
  digestPickHint: () => 'Will you use an article for your own content? Tap “Use article N” or type: dung N (e.g. dung 2).',
  digestPickButton: ({ n }) => `Use article ${n}`,
  digestNothingToday: ({ date }) => `The digest of ${date} has no articles yet. Please type /news again later.`,

  digestEmptyNotice: ({ date }) =>
    [
      `At the scheduled time the digest of ${date} had no articles, so Loa has not sent a digest to members.`,
      'Articles added today with /addarticle still go into today’s digest. When done, type /senddigest to send it late (Loa shows a preview and asks you to confirm).',
    ].join('\n'),
  lateDigestConfirm: ({ date, n }) =>
    `Send the digest of ${date} (${n} articles, as above) to every member who receives it, now? Type GUI to send, HUY to stop (within 10 minutes).`,
  lateDigestEarly: ({ time }) => `Note: if you do not send it now, today’s digest goes out by itself at ${time}.`,
  lateDigestAskConfirm: () => 'Type GUI to send the digest, or HUY to stop.',
  lateDigestCancelled: () => 'Stopped; Loa did not send the digest.',
  lateDigestNothingPending: () => 'No digest is waiting for confirmation. Type /senddigest to preview today’s digest.',
  lateDigestNothing: ({ date }) => `The digest of ${date} has no articles yet. Add some with /addarticle <link>, then type /senddigest again.`,
  lateDigestAlreadySent: ({ date, time }) => `The digest of ${date} was sent at ${time}; Loa does not send it again.`,
  lateDigestStale: () => 'This preview was yesterday’s, so Loa did not send it. Type /senddigest to see today’s digest.',
  lateDigestSent: ({ date, queued, skipped }) =>
    `✅ Sending the digest of ${date}: ${queued} messages${skipped > 0 ? `; ${skipped} members cannot get it now (outside Zalo’s 7-day window or without a private chat with the bot)` : ''}. Loa will send the summary when it is done.`,

  digestSummaryHeading: ({ date, total }) => `📊 The digest of ${date} is done: ${total} messages handled:`,
  digestSummarySent: ({ n, telegram, zalo }) => `✅ Sent: ${n} (Telegram ${telegram}, Zalo ${zalo})`,
  digestSummarySkipped: ({ n }) => `⏭️ Skipped: ${n}`,
  digestSummaryFailed: ({ n }) => `❌ Failed: ${n}`,
  digestSummaryReason: ({ reason, n }) => `   • ${reason}: ${n}`,
  zaloRenewalLine: () =>
    '🔔 Zalo lets Loa write to you only within 7 days of your last message or tap. Tap «Keep the digest» to keep getting it. To stop these reminders: type /stop reminders.',
  zaloRenewalButton: () => 'Keep the digest',
  zaloRenewalThanks: () => '✅ Thank you! Loa will keep sending you the digest on Zalo.',
  zaloRenewalTelegram: () => 'On Telegram you always get the digest; nothing to do.',
  zaloRenewalOff: () => 'The «Keep the digest» reminders are off. To turn them on again: type /resume reminders.',
  zaloRenewalOn: () => 'The «Keep the digest» reminders are on again.',
  statsZaloReachNow: ({ reachable, members, share, outside }) =>
    `📶 Zalo: ${reachable} of ${members} members reachable now (${share}); ${outside} are outside the 7-day window until they write to the OA.`,
  digestSummaryZaloReach: ({ reached, outside, share }) =>
    `📶 Zalo: ${reached} reached, ${outside} outside the 7-day window. Loa can reach ${share} of Zalo members right now.`,
  zaloTemplateText: ({ date, n }: { date: string; n: number }) => `The digest of ${date} is ready: ${n} articles. Type /tin to read it.`,
  digestSummaryZaloTemplates: ({ sent, notSent, used, max }: { sent: string; notSent: string; used: string; max: string }) =>
    `💳 Paid Zalo template for members outside the 7-day window: ${sent} sent${notSent !== '0' ? `, ${notSent} not delivered` : ''}. Used today: ${used}/${max}.`,
  digestReasonLabels,

  digestArticleAdded: ({ n, date, title, outlet }) => `✅ Added article ${n} to the digest of ${date}: “${title}” (${outlet}).`,
  digestArticleOverLimit: ({ max }) => `Note: the digest sends only the first ${max} articles; this one is not among them.`,
  digestArticleDuplicate: ({ date }) => `This article is already in the digest of ${date}.`,
  digestAskTitle: () => 'What is the title of this article? Type it (or /cancel to stop).',
  digestTitleInvalid: ({ min, max }) => `A title needs ${min} to ${max} characters. Type the title again, or /cancel to stop.`,
  digestBadUrl: () => 'Loa cannot read this link. Type: /addarticle <link> [title], e.g. /addarticle https://tuoitre.vn/article.htm Article title',
  digestDayStatus: ({ date, count }) => `The digest of ${date} has ${count} article(s).`,
  digestCandidatesHeading: ({ date }) =>
    `Articles proposed by the press feeds. Type a number to add it to the digest of ${date} (e.g. 2, or 1 3), or /cancel to stop:`,
  digestNoCandidates: () => 'No articles proposed by the feeds yet. Add one with: /addarticle <link> [title]',
  digestCandidateTaken: () => '✓ already in',
  digestCandidateUnknown: ({ max }) => `There is no article with that number. Type a number from 1 to ${max}, or /cancel to stop.`,

  digestPickRecorded: ({ n, title }) => `👍 Noted: you will use article ${n} “${title}”. Thank you!`,
  digestPickAlready: ({ n }) => `Loa already noted that you use article ${n}.`,
  digestPickUnknown: ({ date, max }) => `The digest of ${date} has ${max} article(s). Type: dung <number>, e.g. dung 2.`,
  digestPickNoDigest: () => 'There is no digest to pick an article from yet.',
  digestPickUsage: () => 'Type: dung <article number in the digest>, e.g. dung 2.',

  digestStatsHeading: ({ date }) => `Digest of ${date}: “Use article” picks`,
  digestStatsLine: ({ n, title, outlet, members, mcns }) => `${n}. ${title} (${outlet}): ${members} member(s), ${mcns} MCN(s)`,
  digestStatsNone: ({ date }) => `The digest of ${date} has no articles.`,
};
