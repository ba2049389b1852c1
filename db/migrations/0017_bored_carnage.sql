CREATE TABLE `campaign_post_counts` (
	`campaign_id` integer NOT NULL,
	`status` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`campaign_id`, `status`)
);
--> statement-breakpoint
DROP INDEX `posts_campaign_mcn_idx`;--> statement-breakpoint
CREATE INDEX `posts_campaign_status_idx` ON `posts` (`campaign_id`,`status`,`mcn_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `posts_campaign_platform_idx` ON `posts` (`campaign_id`,`platform`,`reported_at`,`status`);--> statement-breakpoint
CREATE INDEX `posts_campaign_reported_idx` ON `posts` (`campaign_id`,`reported_at`,`status`);--> statement-breakpoint
CREATE INDEX `posts_campaign_mcn_idx` ON `posts` (`campaign_id`,`mcn_id`,`reported_at`,`status`);