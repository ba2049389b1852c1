CREATE TABLE `question_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`author_member_id` integer,
	`source_key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `question_messages_source_key_unique` ON `question_messages` (`source_key`);--> statement-breakpoint
CREATE INDEX `question_messages_thread_idx` ON `question_messages` (`thread_id`,`at`);--> statement-breakpoint
CREATE TABLE `question_threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`identity_id` integer NOT NULL,
	`member_id` integer,
	`platform` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`waiting_since` integer,
	`last_message_at` integer NOT NULL,
	`answered_at` integer,
	`closed_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `question_threads_identity_idx` ON `question_threads` (`identity_id`);--> statement-breakpoint
CREATE INDEX `question_threads_status_idx` ON `question_threads` (`status`,`waiting_since`);