-- SPEC §6: pushes go only to a person's private chat with the bot.
-- 1. Existing identities: a Telegram identity whose stored chat is its own user id and that wrote
--    to the bot has a private chat; every Zalo identity does (Zalo chats are 1:1). A Telegram
--    identity first seen in a group gets no private chat until it writes privately again.
UPDATE `chat_identities` SET `private_chat_at` = coalesce(`last_inbound_at`, `created_at`)
  WHERE `platform` = 'zalo' OR (`chat_id` = `external_id` AND `last_inbound_at` IS NOT NULL);
--> statement-breakpoint
-- 2. Queued pushes that were addressed to a group instead of the person are not sent.
UPDATE `outbox` SET `status` = 'skipped', `last_error` = 'telegram_no_private_chat'
  WHERE `platform` = 'telegram' AND `status` = 'queued' AND `ref` <> 'reply' AND `identity_id` IS NOT NULL
    AND `chat_id` <> (SELECT `external_id` FROM `chat_identities` WHERE `id` = `outbox`.`identity_id`);
--> statement-breakpoint
-- 3. An identity's chat is its own private chat, never a group's.
UPDATE `chat_identities` SET `chat_id` = `external_id` WHERE `chat_id` <> `external_id`;
--> statement-breakpoint
-- 4. By construction, whatever code path queues it: a Telegram message to a person's private chat
--    before they opened it is recorded as skipped, not sent (the Bot API would refuse it anyway,
--    403 "bot can't initiate conversation"). Fan-outs mark these rows themselves to count them;
--    this catches every other push (notices, summaries).
CREATE TRIGGER `outbox_telegram_private_chat` AFTER INSERT ON `outbox`
WHEN NEW.`platform` = 'telegram' AND NEW.`status` = 'queued' AND NEW.`identity_id` IS NOT NULL
  AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`id` = NEW.`identity_id` AND i.`private_chat_at` IS NULL AND i.`external_id` = NEW.`chat_id`)
BEGIN
  UPDATE `outbox` SET `status` = 'skipped', `last_error` = 'telegram_no_private_chat' WHERE `id` = NEW.`id`;
END;
