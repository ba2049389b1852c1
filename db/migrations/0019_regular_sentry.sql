CREATE TABLE `member_name_words` (
	`word` text NOT NULL,
	`member_id` integer NOT NULL,
	PRIMARY KEY(`word`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `member_name_words_member_idx` ON `member_name_words` (`member_id`,`word`);--> statement-breakpoint
DROP INDEX `members_mcn_idx`;--> statement-breakpoint
CREATE INDEX `members_phone_idx` ON `members` (`phone`);--> statement-breakpoint
CREATE INDEX `members_mcn_idx` ON `members` (`mcn_id`,`role`,`status`);