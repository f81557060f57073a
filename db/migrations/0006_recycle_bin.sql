ALTER TABLE `pieces` ADD `deleted_at` text;--> statement-breakpoint
ALTER TABLE `pieces` ADD `deleted_by` text;--> statement-breakpoint
ALTER TABLE `pieces` ADD `deleted_by_id` integer;--> statement-breakpoint
ALTER TABLE `pieces` ADD `deleted_reason` text;--> statement-breakpoint
CREATE INDEX `pieces_deleted_idx` ON `pieces` (`deleted_at`) WHERE deleted_at IS NOT NULL;