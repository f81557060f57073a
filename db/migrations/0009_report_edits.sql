CREATE TABLE `report_edits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period` text NOT NULL,
	`paragraph_key` text NOT NULL,
	`text` text NOT NULL,
	`auto` text NOT NULL,
	`edited_by` text NOT NULL,
	`edited_by_id` integer,
	`edited_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_edits_period_key_idx` ON `report_edits` (`period`,`paragraph_key`);