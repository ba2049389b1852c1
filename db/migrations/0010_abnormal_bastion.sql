ALTER TABLE `chat_identities` ADD `renewal_sent_at` integer;--> statement-breakpoint
ALTER TABLE `chat_identities` ADD `renewal_off` integer DEFAULT false NOT NULL;