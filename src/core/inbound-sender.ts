// Who sent an inbound event, as the identity lookup and the store's sender record take it. The
// event's own time counts (the Zalo 7-day window runs from it), never later than now: a clock
// ahead on the platform's side must not stretch the window. The identity's chat is always the
// person's own private chat (Telegram: the user id), never the chat the event came from: a
// command in a group must not make the group the place their pushes go (SPEC §6).
import type { InboundContextInput } from '../../db/queries/inbound-context';
import type { InboundMessage } from './types';

export function senderOf(msg: InboundMessage, now: Date): InboundContextInput {
  return {
    platform: msg.platform,
    externalId: msg.externalUserId,
    chatId: msg.externalUserId,
    privateChat: msg.isPrivate,
    clientLang: msg.languageCode,
    at: new Date(Math.min(Date.parse(msg.sentAt) || now.getTime(), now.getTime())),
    eventKey: msg.eventKey,
  };
}
