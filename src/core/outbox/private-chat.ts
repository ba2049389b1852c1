// SPEC §6: pushes go only to a person's own private chat with the bot. On Telegram that chat
// exists only once the person has written to the bot privately (or /start'ed it): a Bot API
// message to anyone else is refused (403 "bot can't initiate conversation with a user"). Push
// rows for them are recorded as skipped with this reason and previews count them apart. The
// database enforces it too (trigger `outbox_telegram_private_chat`, migration 0005).

export const TELEGRAM_NO_PRIVATE_CHAT = 'telegram_no_private_chat';

/** Whether a push to this identity can be delivered as far as the private chat goes. */
export function hasPrivateChat(r: { platform: string; privateChatAt: Date | null }): boolean {
  return r.platform !== 'telegram' || r.privateChatAt != null;
}
