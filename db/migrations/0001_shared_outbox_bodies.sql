CREATE TABLE `outbox_bodies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`message` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_bodies_key_uq` ON `outbox_bodies` (`key`);--> statement-breakpoint
ALTER TABLE `outbox` ALTER COLUMN "message" TO "message" text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `body_id` integer;
