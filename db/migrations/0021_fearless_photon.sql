DROP INDEX `outbox_identity_idx`;--> statement-breakpoint
CREATE INDEX `outbox_identity_ref_idx` ON `outbox` (`identity_id`,`ref`);