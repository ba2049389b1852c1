CREATE INDEX `members_registered_idx` ON `members` (`registered_at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_member_id`);