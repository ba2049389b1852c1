CREATE TABLE `audience_counts` (
	`kind` text NOT NULL,
	`platform` text NOT NULL,
	`inbound_day` integer NOT NULL,
	`role` text NOT NULL,
	`mcn_id` integer NOT NULL,
	`private_chat` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`)
);
--> statement-breakpoint
CREATE TABLE `outbox_counts` (
	`ref` text NOT NULL,
	`part` text NOT NULL,
	`platform` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`ref`, `part`, `platform`, `status`, `reason`)
);
--> statement-breakpoint
CREATE INDEX `chat_identities_inbound_idx` ON `chat_identities` (`platform`,`last_inbound_at`);--> statement-breakpoint
CREATE INDEX `briefing_rsvps_answer_idx` ON `briefing_rsvps` (`briefing_id`,`answer`);