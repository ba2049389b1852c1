// The messages members get: an announcement, a briefing invitation with RSVP buttons, a reminder,
// a cancellation notice. The preview an official sees is built by the same functions.
import type { BriefingRow } from '../../../db/queries/briefings';
import type { Messages } from '../../i18n';
import { formatDate, localDate, localTime } from '../time';
import type { Button, Line, OutboundMessage } from '../types';

/** "14:00, Thứ Tư 25/11/2026" in the zone. */
export function formatWhen(t: Messages, at: Date, timeZone: string): string {
  const [y, m, d] = localDate(at, timeZone).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return t.briefingWhen({ time: localTime(at, timeZone), day, date: formatDate(at, timeZone) });
}

export function announcementMessage(t: Messages, text: string): OutboundMessage {
  return { lines: [[{ text: t.announceHeading(), bold: true }], '', ...text.normalize('NFC').split(/\r?\n/)] };
}

const LINK = /^(https?:\/\/|www\.)\S+$/iu;

function placeLine(t: Messages, place: string): Line {
  if (!LINK.test(place)) return t.briefingPlaceLabel() + place;
  const href = place.startsWith('www.') ? `https://${place}` : place;
  return [{ text: t.briefingPlaceLabel() }, { text: place, href }];
}

export function rsvpButtons(t: Messages, id: number): Button[][] {
  return [
    [
      { label: t.rsvpYesButton(), data: `rsvp:${id}:yes`, reply: t.rsvpYesReply({ id }) },
      { label: t.rsvpNoButton(), data: `rsvp:${id}:no`, reply: t.rsvpNoReply({ id }) },
    ],
  ];
}

type BriefingFacts = Pick<BriefingRow, 'id' | 'title' | 'startsAt' | 'place'>;

function briefingFacts(t: Messages, b: BriefingFacts, timeZone: string): Line[] {
  return [t.briefingTimeLine({ when: formatWhen(t, b.startsAt, timeZone) }), placeLine(t, b.place), t.briefingCodeLine({ id: b.id })];
}

export function briefingInviteMessage(t: Messages, b: BriefingFacts, timeZone: string): OutboundMessage {
  return {
    lines: [[{ text: t.briefingInviteHeading({ title: b.title }), bold: true }], ...briefingFacts(t, b, timeZone), '', t.briefingRsvpAsk({ id: b.id })],
    buttons: rsvpButtons(t, b.id),
  };
}

/** "24 giờ", "1 giờ", "45 phút": the time left, as of when the reminder is queued. */
export function timeLeft(t: Messages, ms: number): string {
  const mins = Math.max(1, Math.round(ms / 60_000));
  return mins < 60 ? t.durationMinutes({ n: mins }) : t.durationHours({ n: Math.round(mins / 60) });
}

export function reminderMessage(t: Messages, b: BriefingFacts, timeZone: string, now: Date, saidYes: boolean): OutboundMessage {
  const lines: Line[] = [
    [{ text: t.reminderHeading({ title: b.title }), bold: true }],
    t.reminderStartsIn({ left: timeLeft(t, b.startsAt.getTime() - now.getTime()) }),
    ...briefingFacts(t, b, timeZone),
    '',
    saidYes ? t.reminderYouSaidYes({ id: b.id }) : t.reminderNoAnswer(),
  ];
  return saidYes ? { lines } : { lines, buttons: rsvpButtons(t, b.id) };
}

export function cancelNoticeMessage(t: Messages, b: BriefingFacts, timeZone: string): OutboundMessage {
  return {
    lines: [[{ text: t.cancelNoticeHeading({ title: b.title }), bold: true }], t.cancelNoticeBody({ when: formatWhen(t, b.startsAt, timeZone) })],
  };
}
