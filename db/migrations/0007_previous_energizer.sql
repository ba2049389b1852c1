ALTER TABLE `inbound_events` ADD `lease_owner` text;--> statement-breakpoint
ALTER TABLE `inbound_events` ADD `lease_until` integer;--> statement-breakpoint
CREATE INDEX `inbound_events_person_idx` ON `inbound_events` (`external_user_id`,`platform`,`status`);