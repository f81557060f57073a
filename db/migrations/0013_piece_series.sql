CREATE TABLE `piece_series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`freq` text NOT NULL,
	`interval` integer DEFAULT 1 NOT NULL,
	`weekday` integer,
	`month_day` integer,
	`start_date` text NOT NULL,
	`until_date` text,
	`count` integer,
	`template` text NOT NULL,
	`generated_through` text,
	`stopped_at` text,
	`stopped_by` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `pieces` ADD `series_id` integer;--> statement-breakpoint
ALTER TABLE `pieces` ADD `occurrence` text;--> statement-breakpoint
ALTER TABLE `pieces` ADD `series_edited` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `pieces_series_occurrence_idx` ON `pieces` (`series_id`,`occurrence`);