CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`changes` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`name` text NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`owner` text DEFAULT '' NOT NULL,
	`created_date` text,
	`registered_date` text,
	`status` text DEFAULT '在用' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`due_date` text NOT NULL,
	`done_at` text,
	`notes` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`piece_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	FOREIGN KEY (`piece_id`) REFERENCES `pieces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evidence_piece_idx` ON `evidence` (`piece_id`);--> statement-breakpoint
CREATE TABLE `outlets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`kind` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outlets_name_unique` ON `outlets` (`name`);--> statement-breakpoint
CREATE TABLE `piece_themes` (
	`piece_id` integer NOT NULL,
	`theme` text NOT NULL,
	PRIMARY KEY(`piece_id`, `theme`),
	FOREIGN KEY (`piece_id`) REFERENCES `pieces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `piece_themes_theme_idx` ON `piece_themes` (`theme`);--> statement-breakpoint
CREATE TABLE `pieces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`status` text NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`author` text DEFAULT '' NOT NULL,
	`venue` text DEFAULT '' NOT NULL,
	`outlet_level` text,
	`kind` text,
	`quantity` integer,
	`reach` integer,
	`reads` integer,
	`paid` integer DEFAULT false NOT NULL,
	`link` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`extra` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pieces_date_idx` ON `pieces` (`date`);--> statement-breakpoint
CREATE INDEX `pieces_channel_date_idx` ON `pieces` (`channel`,`date`);--> statement-breakpoint
CREATE INDEX `pieces_status_idx` ON `pieces` (`status`);--> statement-breakpoint
CREATE TABLE `quotas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`label` text NOT NULL,
	`channel` text,
	`min_level` text,
	`only_accepted` integer DEFAULT false NOT NULL,
	`period` text NOT NULL,
	`target` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`piece_id` integer NOT NULL,
	`round` integer NOT NULL,
	`step` integer NOT NULL,
	`step_name` text NOT NULL,
	`reviewer` text NOT NULL,
	`decision` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`piece_id`) REFERENCES `pieces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reviews_piece_idx` ON `reviews` (`piece_id`);--> statement-breakpoint
CREATE TABLE `feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`name` text NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`interval_min` integer DEFAULT 30 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`encoding` text,
	`weight` integer DEFAULT 1 NOT NULL,
	`etag` text,
	`last_modified` text,
	`last_fetch_at` text,
	`last_new_at` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`last_error` text,
	`consecutive_errors` integer DEFAULT 0 NOT NULL,
	`next_fetch_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feeds_url_unique` ON `feeds` (`url`);--> statement-breakpoint
CREATE TABLE `mention_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mention_id` integer NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`mention_id`) REFERENCES `mentions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mention_events_mention_idx` ON `mention_events` (`mention_id`);--> statement-breakpoint
CREATE TABLE `mention_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`mention_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mention_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mention_id` integer NOT NULL,
	`feed_id` integer,
	`guid` text,
	`link` text DEFAULT '' NOT NULL,
	`title` text NOT NULL,
	`published_at` text NOT NULL,
	`fetched_at` text NOT NULL,
	FOREIGN KEY (`mention_id`) REFERENCES `mentions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `mention_sources_mention_idx` ON `mention_sources` (`mention_id`);--> statement-breakpoint
CREATE TABLE `mentions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`link` text DEFAULT '' NOT NULL,
	`snippet` text DEFAULT '' NOT NULL,
	`published_at` text NOT NULL,
	`fetched_at` text NOT NULL,
	`day` text NOT NULL,
	`feed_id` integer,
	`matches` text DEFAULT '[]' NOT NULL,
	`sentiment` text DEFAULT '中性' NOT NULL,
	`sentiment_cues` text DEFAULT '[]' NOT NULL,
	`sentiment_manual` integer DEFAULT false NOT NULL,
	`grade` text DEFAULT '一般' NOT NULL,
	`grade_manual` integer DEFAULT false NOT NULL,
	`score` real DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`assignee` text DEFAULT '' NOT NULL,
	`escalated` integer DEFAULT false NOT NULL,
	`piece_id` integer,
	`source_count` integer DEFAULT 1 NOT NULL,
	`closed_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`piece_id`) REFERENCES `pieces`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `mentions_day_idx` ON `mentions` (`day`);--> statement-breakpoint
CREATE INDEX `mentions_status_idx` ON `mentions` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `mentions_grade_idx` ON `mentions` (`grade`,`id`);--> statement-breakpoint
CREATE TABLE `rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`any_terms` text DEFAULT '[]' NOT NULL,
	`all_terms` text DEFAULT '[]' NOT NULL,
	`none_terms` text DEFAULT '[]' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `signoffs` (
	`month` text PRIMARY KEY NOT NULL,
	`signed_by` text NOT NULL,
	`signed_at` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`figures` text NOT NULL
);
