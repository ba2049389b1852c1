// Who sent an inbound event, as the identity lookup and the store's sender record take it. The
// event's own time counts (the Zalo 7-day window runs from it), never later than now: a clock
// ahead on the platform's side must not stretch the window.
import type { InboundContextInput } from '../../db/queries/inbound-context';
import type { InboundMessage } from './types';

export function senderOf(msg: InboundMessage, now: Date): InboundContextInput {
  return {
    platform: msg.platform,
    externalId: msg.externalUserId,
    chatId: msg.chatId,
    clientLang: msg.languageCode,
    at: new Date(Math.min(Date.parse(msg.sentAt) || now.getTime(), now.getTime())),
  };
}
