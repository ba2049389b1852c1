// English mirror of src/i18n/vi/members.ts (same keys: a missing one is a type error).
import type { members as vi, RegSummary } from '../vi/members';
import type { Role } from '../../core/types';

const roleName: Record<Role, string> = {
  creator: 'content creator',
  mcn_lead: 'MCN lead',
  official: 'Department official',
};

const platformName = (p: string) => (p === 'zalo' ? 'Zalo' : 'Telegram');

export const members: typeof vi = {
  roleName: (role: Role) => roleName[role],

  regIntro: () =>
    'Loa membership registration: a few short questions. Nothing is saved until you confirm at the last step. Type /cancel to stop at any time.',
  regAlreadyRegistered: (p) =>
    [
      `You are already registered. Your member number: ${p.memberId}, role: ${roleName[p.role]}${p.mcn ? `, MCN: ${p.mcn}` : ''}.`,
      'Type /help to see the commands you can use.',
    ].join('\n'),
  regAskName: () => 'What is your full name? (for example: Nguyễn Thị Ánh Tuyết)',
  regAskRole: () => 'How do you take part in Loa?\n1. Content creator\n2. Lead or representative of an MCN company\nAnswer 1 or 2.',
  regAskMcnLead: () => 'What is the name of your MCN company? If this MCN is already on Loa, you will be recorded as its lead.',
  regAskMcnCreator: () => 'Which MCN are you with? Type its name or code. If you are independent, type: no',
  regAskLinks: () =>
    'Send the links of your main channels (TikTok, YouTube, Facebook profile...). You may send several, separated by spaces or new lines.',
  regAskPhone: () => 'Your mobile number? (0xxxxxxxxx or +84xxxxxxxxx). If you prefer not to give it, type: skip',
  regAskConsent: (p) =>
    [
      'Consent to the processing of personal data (Personal Data Protection Law No. 91/2025/QH15):',
      'The Department of Culture and Sports processes your name, phone number and channel links only to send you the digest, announcements and briefings and to record the posts you report for campaigns; you can delete them at any time with /delete.',
      `(Consent text version ${p.version})`,
      '',
      'Type "I agree" to continue. If you do not agree, type "I do not agree" or /cancel: Loa keeps nothing.',
    ].join('\n'),
  regSummary: (s: RegSummary) =>
    [
      'Please check your details:',
      `• Name: ${s.fullName}`,
      `• Role: ${roleName[s.role]}`,
      ...(s.role === 'official' ? [] : [`• MCN: ${s.mcn ?? 'none (independent)'}`]),
      ...(s.links.length ? [`• Channels: ${s.links.join(', ')}`] : []),
      `• Phone: ${s.phone ?? 'not given'}`,
      '',
      'Type "confirm" to save, or /cancel to drop everything.',
    ].join('\n'),
  regDone: (p) =>
    [
      `Registered! Your role: ${roleName[p.role]}.`,
      ...(p.mcn && p.mcnCode
        ? [
            p.newMcn
              ? `Loa created the MCN "${p.mcn}" with the code ${p.mcnCode}. Your creators type this code when they register.`
              : `MCN: ${p.mcn} (code ${p.mcnCode}).`,
          ]
        : []),
      'You will receive the press digest every morning. Type /help to see the commands; type /register to see your details and member number again.',
    ].join('\n'),
  regConsentRefused: () => 'You did not agree, so Loa kept none of your details. Type /register whenever you want to register again.',
  regButtonStale: () => 'That button belongs to an earlier question. The current question:',
  regNoConversation: () => 'You have no registration in progress. Type /register to start.',
  regPrefilled: () => 'Loa received your name and phone number from the Zalo form. Please still answer the other questions, agree and confirm.',
  regSubmitInfoRegistered: () => 'Loa received the form. You are already registered, so your registration stays as it is.',
  regErrors: {
    name_length: 'A name needs 2 to 100 characters.',
    name_chars: 'A name has only letters (with or without accents), spaces, dots and hyphens; no digits or symbols.',
    role_unknown: 'Loa did not understand the role you chose.',
    mcn_length: 'An MCN name needs 2 to 100 characters.',
    lead_needs_mcn: 'An MCN lead needs to give the name of their MCN company.',
    links_none: 'Loa found no link in this message.',
    links_too_many: 'At most 10 main channel links.',
    phone_invalid: 'That phone number is not right: a Vietnamese mobile number has 10 digits starting with 0 (e.g. 0912345678) or starts with +84 (e.g. +84912345678).',
    consent_unclear: 'Loa only continues when you type exactly "I agree".',
    confirm_unclear: 'Loa only saves when you type "confirm".',
  },
  regLinksRejected: (p) => `These links cannot be used (a valid http or https link is needed): ${p.links.join(', ')}`,
  regMcnUnknown: (p) =>
    p.suggestions.length
      ? `Loa does not know this MCN. Did you mean: ${p.suggestions.join('; ')}? Type the exact name or code, or "no" if you are independent.`
      : 'Loa does not know this MCN. Type its exact name or code (ask your MCN lead), or "no" if you are independent.',
  regMcnClaimed: (p) => `The MCN "${p.name}" (code ${p.code}) is already on Loa: you will be recorded as its lead.`,
  mcnLabel: (p) => `${p.name} (code ${p.code})`,
  btnCreator: () => '1. Creator',
  btnLead: () => '2. MCN lead',
  btnIndependent: () => 'No (independent)',
  btnSharePhone: () => '📱 Share my phone number',
  regAskPhoneShare: () => 'Or tap «📱 Share my phone number» below.',
  regContactNotYours: () => 'This is someone else’s number. Loa only takes your own: tap «📱 Share my phone number» or type your number.',
  regPhoneNoted: () => '✅ Phone number noted.',
  regPhoneSkipped: () => 'Phone number skipped.',
  btnSkip: () => 'Skip',
  btnAgree: () => 'I agree',
  btnConfirm: () => 'Confirm',
  btnCancel: () => 'Cancel',
  wordAgree: () => 'I agree',
  wordConfirm: () => 'confirm',
  wordSkip: () => 'skip',
  wordNo: () => 'no',
  wordConfirmDelete: () => 'confirm delete',

  stopDone: () => 'Digests and announcements are stopped for you. Type /resume when you want them again.',
  stopAlready: () => 'You have already stopped them. Type /resume to receive them again.',
  resumeDone: () => 'You will receive digests and announcements again.',
  resumeAlready: () => 'You are still receiving digests and announcements.',
  langSet: () => 'Switched to English.',
  langUsage: () => 'Usage: /language vi (Tiếng Việt) or /language en (English).',
  langNotRegistered: () =>
    'The language is stored for registered members. Until you register, Loa uses the language of your app. Type /register to register.',

  linkIssued: (p) =>
    [
      `Your link code: ${p.code}`,
      `Open Loa on ${p.other} and send: /link ${p.code}`,
      `The code works once and expires at ${p.until}. Do not give it to anyone else.`,
    ].join('\n'),
  linkNeedsRegistration: () =>
    'To link, type /link on your registered account to get a code, then send "/link <code>" here. If you are not registered yet, type /register.',
  linkMalformed: () => 'A link code has 6 digits, for example: /link 123456',
  linkWrong: (p) => `That link code is wrong. ${p.left} tries left.`,
  linkExpired: () => 'That link code has expired (codes work for 10 minutes). Get a new one with link on your other account.',
  linkUsed: () => 'That link code was already used. Get a new one with link on your other account.',
  linkLocked: (p) => `Too many wrong codes. Linking is locked until ${p.until}.`,
  linkAlreadySame: () => 'This account is already yours; no need to link it.',
  linkOwnMember: () =>
    'This account is registered separately, so it cannot be joined. To join it, delete this account’s data with /delete, then send the code again.',
  linkOfficialIdentity: () =>
    "This account is a Department official's account (from the configuration), so it cannot join another member. Linking never changes anyone's role.",
  linkPlatformTaken: (p) => `This member already has a linked ${platformName(p.platform)} account.`,
  linkDone: (p) => `Linked! This account now belongs to member ${p.memberId}; you receive messages in both places.`,
  linkNotice: (p) => `A ${platformName(p.platform)} account was just linked to you. If this was not you, tell the Department right away.`,

  grantUsage: () =>
    [
      'Usage: /grant <member number or phone> official|mcn_lead [MCN code]',
      'official: an official of the Department; mcn_lead: an MCN lead.',
      'Examples: /grant 12 official, /grant 0912345678 mcn_lead YEAH1N',
      'Members see their number by typing /register.',
    ].join('\n'),
  grantNotFound: () => 'No registered member has this number or phone.',
  grantNeedsMcn: () => 'This member belongs to no MCN: add an MCN code, e.g. /grant 12 mcn_lead YEAH1N',
  grantMcnUnknown: (p) => `No MCN has the code ${p.code}.`,
  grantAlready: (p) => `Member ${p.memberId} is already a ${roleName[p.role]}.`,
  grantDone: (p) => `Member ${p.memberId} is now a ${roleName[p.role]}${p.mcn ? ` (MCN ${p.mcn})` : ''}. This was written to the audit log.`,
  grantNotice: (p) => `You are now a ${roleName[p.role]}${p.mcn ? ` of the MCN ${p.mcn}` : ''}. Type /help to see your new commands.`,
  roleRemovedNotice: (p) => `Your ${roleName[p.role]} role was taken back. You are still a member of Loa; type /help to see your commands.`,

  deleteAsk: () =>
    [
      'You are about to delete your personal data from Loa: name, phone number, channel links, linked accounts and any conversation in progress.',
      'Posts you reported stay for the statistics but are no longer tied to you. This cannot be undone.',
      'Type "confirm delete" to delete, or anything else to keep your data.',
    ].join('\n'),
  deleteKept: () => 'Nothing was deleted. Your data stays as it is.',
  deleteDone: () => 'Your personal data has been deleted from Loa. Thank you for being with us. Type /register if you want to join again.',
  btnConfirmDelete: () => 'Confirm delete',
  btnKeep: () => 'Keep',
};
