CREATE TABLE `mention_snapshot_failures` (
	`mention_id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`url` text NOT NULL,
	`message` text NOT NULL,
	FOREIGN KEY (`mention_id`) REFERENCES `mentions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `mention_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mention_id` integer NOT NULL,
	`url` text NOT NULL,
	`final_url` text NOT NULL,
	`status` integer NOT NULL,
	`fetched_at` text NOT NULL,
	`content_type` text,
	`html` blob NOT NULL,
	`html_sha256` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`text` text NOT NULL,
	`text_sha256` text NOT NULL,
	`actor` text NOT NULL,
	FOREIGN KEY (`mention_id`) REFERENCES `mentions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mention_snapshots_mention_idx` ON `mention_snapshots` (`mention_id`,`fetched_at`);--> statement-breakpoint
ALTER TABLE `feeds` ADD `fetch_full_text` integer DEFAULT false NOT NULL;