// SPEC §6: a message Loa cannot use inside a conversation (sticker, photo without text, location,
// voice...) is never dropped silently: it gets this reason, then the conversation's question again.
import type { InboundContent } from '../types';
import type { HandlerContext } from './handler-context';

/** "Loa không đọc được nhãn dán (sticker) ở đây: …" for the message being handled. */
export function unusableReason(ctx: HandlerContext): string {
  const content: InboundContent = ctx.msg.content ?? 'other';
  return ctx.t.unusableContent({ what: ctx.t.contentNames[content] });
}
