// English mirror of src/i18n/vi/announcements.ts (same keys: a missing one is a type error).
import type { announcements as vi } from '../vi/announcements';

export const announcements: typeof vi = {
  announceHeading: () => '📣 Announcement from the Department of Culture and Sports',
  announceUsage: () =>
    [
      'Usage: /announce <text>',
      'To send to one group, start the text with @mcn:<MCN code>, @creator (content creators) or @mcn_lead (MCN leads).',
      'Example: /announce @creator Join the #TetVuiKhoe campaign.',
    ].join('\n'),
  announcePreviewIntro: () => '👆 Preview: members will receive exactly the message above.',
  announcePreviewTitle: ({ id }) => `Announcement #${id} (not sent yet)`,
  audienceEveryone: () => 'all members',
  audienceRoleCreator: () => 'content creators',
  audienceRoleMcnLead: () => 'MCN leads',
  audienceMcn: ({ name, code }) => `members of MCN ${name} (${code})`,
  previewAudience: ({ audience }) => `Recipients: ${audience}`,
  previewTotal: ({ members }) => `Total: ${members} members`,
  previewTelegram: ({ n, noPrivateChat }) =>
    noPrivateChat > 0 ? `Telegram: ${n - noPrivateChat} reachable, ${noPrivateChat} never opened a private chat with the bot` : `Telegram: ${n} recipients`,
  previewTelegramNote: () =>
    'Telegram only lets a bot write to people who opened a private chat with it (tapped Start): the others will not get this one.',
  previewZalo: ({ reachable, outside }) => `Zalo: ${reachable} reachable now, ${outside} outside the 7-day window`,
  previewZaloNote: () => 'Zalo only allows messages to people who interacted with the OA in the last 7 days: those outside the window will not get this one.',
  previewNobody: () => '⚠️ Nobody is in this group of recipients right now.',
  previewConfirm: () => 'Type SEND to send it, CANCEL to drop it (expires in 10 minutes).',
  buttonSend: () => 'Send',
  buttonCancel: () => 'Cancel',
  announceSent: ({ id, members }) => `✅ Announcement #${id} sent to ${members} members.`,
  announceSentCounts: ({ telegram, telegramNoPrivateChat, zaloReachable, zaloOutside }) =>
    `Telegram: ${telegram - telegramNoPrivateChat}${telegramNoPrivateChat > 0 ? ` (${telegramNoPrivateChat} without a private chat with the bot, not sent)` : ''} · Zalo: ${zaloReachable} reachable now, ${zaloOutside} outside the 7-day window (not sent).`,
  announceCancelled: ({ id }) => `Announcement #${id} dropped. Nobody received it.`,
  announceExpired: ({ id, time }) =>
    `Preview #${id} expired at ${time} (after 10 minutes), so Loa did not send it. Type /announce again to write it anew.`,
  announceNothingPending: () => 'No announcement is waiting to be sent. Write a new one: /announce <text>.',
  announceAlreadySent: ({ id, time }) => `Announcement #${id} was sent at ${time}; Loa does not send it twice.`,
  announceCannotRecall: ({ id }) => `Announcement #${id} was already sent and cannot be recalled.`,
  audienceUnknown: ({ token }) =>
    `Loa does not understand the recipients "${token}". Use @mcn:<MCN code>, @creator (content creators) or @mcn_lead (MCN leads), or nothing to send to everyone.`,
  audienceMcnUnknown: ({ code, codes }) => `No MCN has the code "${code}".${codes ? ` Existing codes: ${codes}.` : ''}`,
  audienceTwoMcns: () => 'An announcement can go to one MCN only.',
};
