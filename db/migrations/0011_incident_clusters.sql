ALTER TABLE `mention_sources` ADD `snippet` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mention_sources` ADD `signature` text;--> statement-breakpoint
CREATE INDEX `mention_sources_published_idx` ON `mention_sources` (`published_at`);--> statement-breakpoint
ALTER TABLE `mentions` ADD `grade_reason` text DEFAULT '' NOT NULL;