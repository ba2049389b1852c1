// English mirror of src/i18n/vi/briefings.ts (same keys: a missing one is a type error).
import type { briefings as vi } from '../vi/briefings';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const briefings: typeof vi = {
  briefingWhen: ({ time, day, date }) => `${time}, ${WEEKDAYS[day]} ${date}`,
  briefingInviteHeading: ({ title }) => `📅 Briefing invitation: ${title}`,
  briefingTimeLine: ({ when }) => `🕑 When: ${when}`,
  briefingPlaceLabel: () => '📍 Where: ',
  briefingCodeLine: ({ id }) => `Briefing code: ${id}`,
  briefingRsvpAsk: ({ id }) => `Will you attend? Tap a button below or type: attend ${id} / decline ${id}.`,
  rsvpYesButton: () => 'Attend',
  rsvpNoButton: () => 'Not attending',
  rsvpYesReply: ({ id }) => `attend ${id}`,
  rsvpNoReply: ({ id }) => `decline ${id}`,
  briefingUsage: () =>
    [
      'Usage: /briefing <title> | <dd/mm/yyyy hh:mm> | <place or link>',
      'Example: /briefing December press briefing | 05/12/2026 14:00 | Department hall, 2 Le Thanh Ton',
      'To invite one group, put @mcn:<MCN code>, @creator or @mcn_lead before the title.',
      'To cancel a briefing: /briefing cancel <code>',
    ].join('\n'),
  briefingBadFormat: () => 'Three parts are needed, separated by |: title | date and time | place.',
  briefingBadWhen: ({ given }) => `"${given}" is not a valid date and time. Write dd/mm/yyyy hh:mm, for example 05/12/2026 14:00.`,
  briefingInPast: ({ when }) => `${when} has passed. Pick a time in the future.`,
  briefingTitleLength: () => 'The title needs 3 to 200 characters.',
  briefingPlaceLength: () => 'The place or link needs 2 to 300 characters.',
  briefingStartedBeforeSend: ({ id }) => `Briefing #${id} has already started, so Loa will not send the invitation. Create it again with /briefing if needed.`,
  briefingSent: ({ id, members }) =>
    `✅ Invitation to briefing #${id} sent to ${members} members. Loa will remind those attending and those who have not answered 24 hours and 1 hour before. See the answers: /briefings`,
  rsvpYesConfirmed: ({ title, when, id }) =>
    `✅ Noted: you will attend "${title}" (${when}). Loa will remind you 24 hours and 1 hour before. Changed your mind? Type: decline ${id}`,
  rsvpNoConfirmed: ({ title, id }) => `Noted: you will not attend "${title}". Changed your mind? Type: attend ${id}`,
  rsvpClosed: ({ title }) => `"${title}" has already started, so answers are closed.`,
  rsvpNotFound: ({ id }) => `No briefing with the code ${id} is meant for you. Type /briefings to see your upcoming ones.`,
  rsvpBriefingCancelled: ({ title }) => `"${title}" was cancelled, so no answer is needed.`,
  rsvpUsage: () => 'Type attend <code> to attend, decline <code> if you will not. See the codes: /briefings',
  reminderHeading: ({ title }) => `⏰ Briefing reminder: ${title}`,
  reminderStartsIn: ({ left }) => `Starts in ${left}.`,
  durationHours: ({ n }) => (n === 1 ? '1 hour' : `${n} hours`),
  durationMinutes: ({ n }) => (n === 1 ? '1 minute' : `${n} minutes`),
  reminderYouSaidYes: ({ id }) => `You said you will attend. If you cannot come, type: decline ${id}`,
  reminderNoAnswer: () => 'You have not answered yet. Will you attend?',
  cancelNoticeHeading: ({ title }) => `❌ The briefing "${title}" is CANCELLED.`,
  cancelNoticeBody: ({ when }) => `The session planned for ${when} will not take place. Sorry for the inconvenience.`,
  cancelDone: ({ id, title, n }) =>
    `Briefing #${id} "${title}" cancelled. Loa is telling the ${n} people who said they would attend; reminders are stopped.`,
  briefingAlreadySent: ({ id, time }) => `The invitation to briefing #${id} was sent at ${time}; Loa does not send it again.`,
  briefingCannotRecall: ({ id }) => `The invitation to briefing #${id} has been sent and cannot be recalled. To cancel the briefing and tell those who accepted: /briefing cancel ${id}`,
  briefingDraftExpired: ({ id, time }) =>
    `The preview of the invitation to briefing #${id} expired at ${time} (after 10 minutes), so Loa did not send it. Type /briefing again to write it anew.`,
  cancelDraftDone: ({ id }) => `Draft briefing #${id} dropped; nobody had been invited.`,
  cancelAlready: ({ id }) => `Briefing #${id} was already cancelled.`,
  cancelStarted: ({ id }) => `Briefing #${id} has already started and can no longer be cancelled.`,
  cancelNotFound: ({ id }) => `No briefing has the code ${id}.`,
  lichEmpty: () => 'No upcoming briefings right now.',
  lichHeader: () => '📅 Upcoming briefings:',
  lichItemTitle: ({ id, title }) => `#${id} · ${title}`,
  lichYes: () => 'You: ✅ attending',
  lichNo: () => 'You: ❌ not attending',
  lichNone: ({ id }) => `You: no answer yet (attend ${id} / decline ${id})`,
  lichCounts: ({ yes, no, none }) => `Answers: ${yes} attending · ${no} not attending · ${none} no answer`,
  lichFooter: () => 'Change your answer with attend <code> or decline <code>, until the start.',
};
