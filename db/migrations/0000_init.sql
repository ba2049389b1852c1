CREATE TABLE `mcns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`code` text NOT NULL,
	`created_by_member_id` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mcns_name_key_uq` ON `mcns` (`name_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `mcns_code_uq` ON `mcns` (`code`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text,
	`phone` text,
	`role` text DEFAULT 'creator' NOT NULL,
	`mcn_id` integer,
	`channel_links` text,
	`lang` text DEFAULT 'vi' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`registered_at` integer,
	`consent_at` integer,
	`consent_version` text,
	`deleted_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `members_role_idx` ON `members` (`role`);--> statement-breakpoint
CREATE INDEX `members_mcn_idx` ON `members` (`mcn_id`);--> statement-breakpoint
CREATE TABLE `chat_identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	`chat_id` text NOT NULL,
	`member_id` integer,
	`client_lang` text,
	`last_inbound_at` integer,
	`unfollowed_at` integer,
	`last_hint_on` text,
	`link_fail_count` integer DEFAULT 0 NOT NULL,
	`link_fail_since` integer,
	`link_locked_until` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_identities_platform_external_uq` ON `chat_identities` (`platform`,`external_id`);--> statement-breakpoint
CREATE INDEX `chat_identities_member_idx` ON `chat_identities` (`member_id`);--> statement-breakpoint
CREATE TABLE `inbound_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_key` text NOT NULL,
	`platform` text NOT NULL,
	`external_user_id` text NOT NULL,
	`payload` text,
	`status` text DEFAULT 'received' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`processed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_events_key_uq` ON `inbound_events` (`event_key`);--> statement-breakpoint
CREATE INDEX `inbound_events_status_idx` ON `inbound_events` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`identity_id` integer NOT NULL,
	`flow` text NOT NULL,
	`step` text NOT NULL,
	`data` text NOT NULL,
	`expires_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_identity_uq` ON `conversations` (`identity_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`ref` text NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`identity_id` integer,
	`member_id` integer,
	`message` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`parts_sent` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`provider_message_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_uq` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_claim_idx` ON `outbox` (`platform`,`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_ref_idx` ON `outbox` (`ref`);--> statement-breakpoint
CREATE TABLE `platform_tokens` (
	`platform` text PRIMARY KEY NOT NULL,
	`access_token` text NOT NULL,
	`refresh_token` text NOT NULL,
	`expires_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_member_id` integer,
	`action` text NOT NULL,
	`target_member_id` integer,
	`detail` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`key` text PRIMARY KEY NOT NULL,
	`detail` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `link_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by_identity_id` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `link_codes_hash_idx` ON `link_codes` (`code_hash`);--> statement-breakpoint
CREATE INDEX `link_codes_member_idx` ON `link_codes` (`member_id`);--> statement-breakpoint
CREATE TABLE `campaign_hashtags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`tag` text NOT NULL,
	`tag_key` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_hashtags_open_key_uq` ON `campaign_hashtags` (`tag_key`) WHERE active = 1;--> statement-breakpoint
CREATE INDEX `campaign_hashtags_key_idx` ON `campaign_hashtags` (`tag_key`);--> statement-breakpoint
CREATE INDEX `campaign_hashtags_campaign_idx` ON `campaign_hashtags` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`hashtags` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by_member_id` integer,
	`create_key` text NOT NULL,
	`closed_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_create_key_uq` ON `campaigns` (`create_key`);--> statement-breakpoint
CREATE INDEX `campaigns_status_idx` ON `campaigns` (`status`,`starts_on`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer DEFAULT 0 NOT NULL,
	`url` text NOT NULL,
	`raw_url` text NOT NULL,
	`host` text NOT NULL,
	`platform` text NOT NULL,
	`short` integer DEFAULT false NOT NULL,
	`content_id` text,
	`member_id` integer NOT NULL,
	`identity_id` integer NOT NULL,
	`reporter_platform` text NOT NULL,
	`mcn_id` integer,
	`reported_at` integer NOT NULL,
	`event_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`review_note` text,
	`reviewed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_campaign_url_uq` ON `posts` (`campaign_id`,`url`);--> statement-breakpoint
CREATE INDEX `posts_campaign_mcn_idx` ON `posts` (`campaign_id`,`mcn_id`);--> statement-breakpoint
CREATE INDEX `posts_member_idx` ON `posts` (`member_id`);--> statement-breakpoint
CREATE INDEX `posts_mcn_idx` ON `posts` (`mcn_id`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest_date` text NOT NULL,
	`url` text NOT NULL,
	`url_key` text NOT NULL,
	`title` text NOT NULL,
	`outlet` text NOT NULL,
	`position` integer NOT NULL,
	`source` text NOT NULL,
	`added_by_member_id` integer,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_date_url_uq` ON `articles` (`digest_date`,`url_key`);--> statement-breakpoint
CREATE INDEX `articles_date_position_idx` ON `articles` (`digest_date`,`position`);--> statement-breakpoint
CREATE TABLE `digests` (
	`date` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`article_ids` text,
	`trigger` text NOT NULL,
	`recipients` integer DEFAULT 0 NOT NULL,
	`queued_at` integer,
	`empty_notice_at` integer,
	`summary_sent_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `digests_pending_summary_idx` ON `digests` (`status`,`summary_sent_at`);--> statement-breakpoint
CREATE TABLE `digest_picks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest_date` text NOT NULL,
	`article_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`mcn_id` integer,
	`platform` text NOT NULL,
	`picked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_picks_article_member_uq` ON `digest_picks` (`article_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `digest_picks_date_idx` ON `digest_picks` (`digest_date`);--> statement-breakpoint
CREATE TABLE `feed_candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`feed_url` text NOT NULL,
	`url` text NOT NULL,
	`url_key` text NOT NULL,
	`title` text NOT NULL,
	`outlet` text NOT NULL,
	`published_at` integer,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feed_candidates_url_uq` ON `feed_candidates` (`url_key`);--> statement-breakpoint
CREATE INDEX `feed_candidates_fetched_idx` ON `feed_candidates` (`fetched_at`);--> statement-breakpoint
CREATE TABLE `announcements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`briefing_id` integer,
	`created_by_member_id` integer NOT NULL,
	`text` text NOT NULL,
	`audience` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`preview_counts` text NOT NULL,
	`counts` text,
	`source_event_key` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`expires_at` integer NOT NULL,
	`sent_at` integer,
	`closed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `announcements_source_event_uq` ON `announcements` (`source_event_key`);--> statement-breakpoint
CREATE INDEX `announcements_creator_idx` ON `announcements` (`created_by_member_id`,`id`);--> statement-breakpoint
CREATE INDEX `announcements_briefing_idx` ON `announcements` (`briefing_id`);--> statement-breakpoint
CREATE TABLE `briefings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`place` text NOT NULL,
	`audience` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by_member_id` integer NOT NULL,
	`source_event_key` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`announced_at` integer,
	`reminded_24h_at` integer,
	`reminded_1h_at` integer,
	`cancelled_at` integer,
	`cancelled_by_member_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `briefings_source_event_uq` ON `briefings` (`source_event_key`);--> statement-breakpoint
CREATE INDEX `briefings_status_starts_idx` ON `briefings` (`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `briefing_rsvps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`briefing_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`answer` text NOT NULL,
	`platform` text NOT NULL,
	`answered_at` integer NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `briefing_rsvps_briefing_member_uq` ON `briefing_rsvps` (`briefing_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `briefing_rsvps_member_idx` ON `briefing_rsvps` (`member_id`);