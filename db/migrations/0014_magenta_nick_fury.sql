DROP INDEX `outbox_claim_idx`;--> statement-breakpoint
ALTER TABLE `outbox` ADD `priority` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_claim_prio_idx` ON `outbox` (`platform`,`status`,`priority`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_chat_replies_idx` ON `outbox` (`platform`,`chat_id`,`created_at`) WHERE ref = 'reply';