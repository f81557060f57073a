CREATE TABLE `audit_verified` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`last_hash` text NOT NULL,
	`verified_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`roles` text NOT NULL,
	`steps` text DEFAULT '[]' NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`failed_count` integer DEFAULT 0 NOT NULL,
	`failed_at` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`password_changed_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name_unique` ON `users` (`name`);--> statement-breakpoint
CREATE TABLE `halfyear_finals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period` text NOT NULL,
	`version` integer NOT NULL,
	`signed_by` text NOT NULL,
	`signed_by_id` integer,
	`signed_at` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`figures` text NOT NULL,
	`months` text NOT NULL,
	`docx` blob NOT NULL,
	`xlsx` blob NOT NULL,
	`docx_sha256` text NOT NULL,
	`xlsx_sha256` text NOT NULL,
	`audit_head_id` integer NOT NULL,
	`audit_head` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `halfyear_finals_period_idx` ON `halfyear_finals` (`period`,`version`);--> statement-breakpoint
CREATE TABLE `signoff_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
	`version` integer NOT NULL,
	`signed_by` text NOT NULL,
	`signed_by_id` integer,
	`signed_at` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`figures` text NOT NULL,
	`audit_head_id` integer DEFAULT 0 NOT NULL,
	`audit_head` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signoff_versions_month_idx` ON `signoff_versions` (`month`,`version`);--> statement-breakpoint
INSERT INTO `signoff_versions` (`month`, `version`, `signed_by`, `signed_at`, `comment`, `figures`) SELECT `month`, 1, `signed_by`, `signed_at`, `comment`, `figures` FROM `signoffs`;--> statement-breakpoint
DROP TABLE `signoffs`;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `actor_id` integer;--> statement-breakpoint
ALTER TABLE `pieces` ADD `backfill` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `reviews` ADD `reviewer_id` integer;--> statement-breakpoint
ALTER TABLE `reviews` ADD `content_hash` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `proxy` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `reviews` ADD `recorded_by` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `reviews` ADD `evidence_id` integer;--> statement-breakpoint
ALTER TABLE `mentions` ADD `removed_at` text;--> statement-breakpoint
ALTER TABLE `mentions` ADD `removed_by` text;--> statement-breakpoint
ALTER TABLE `mentions` ADD `removed_reason` text;--> statement-breakpoint
UPDATE `pieces` SET `backfill` = 1 WHERE `status` NOT IN ('draft', 'pending') AND `id` IN (SELECT CAST(`entity_id` AS INTEGER) FROM `audit_log` WHERE `entity` = 'piece' AND (`action` IN ('import', 'seed-demo') OR json_type(`changes`, '$.backfill') IS NOT NULL));--> statement-breakpoint
CREATE TRIGGER `audit_log_append_only_update` BEFORE UPDATE ON `audit_log`
WHEN OLD.`hash` IS NOT NULL OR NEW.`id` IS NOT OLD.`id` OR NEW.`at` IS NOT OLD.`at` OR NEW.`actor` IS NOT OLD.`actor` OR NEW.`action` IS NOT OLD.`action`
  OR NEW.`entity` IS NOT OLD.`entity` OR NEW.`entity_id` IS NOT OLD.`entity_id` OR NEW.`changes` IS NOT OLD.`changes` OR NEW.`actor_id` IS NOT OLD.`actor_id`
BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能修改'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_append_only_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能删除'); END;--> statement-breakpoint
CREATE TRIGGER `signoff_versions_append_only_update` BEFORE UPDATE ON `signoff_versions`
BEGIN SELECT RAISE(ABORT, '签阅记录只能追加，不能修改'); END;--> statement-breakpoint
CREATE TRIGGER `signoff_versions_append_only_delete` BEFORE DELETE ON `signoff_versions`
BEGIN SELECT RAISE(ABORT, '签阅记录只能追加，不能删除'); END;--> statement-breakpoint
CREATE TRIGGER `halfyear_finals_append_only_update` BEFORE UPDATE ON `halfyear_finals`
BEGIN SELECT RAISE(ABORT, '定稿记录只能追加，不能修改'); END;--> statement-breakpoint
CREATE TRIGGER `halfyear_finals_append_only_delete` BEFORE DELETE ON `halfyear_finals`
BEGIN SELECT RAISE(ABORT, '定稿记录只能追加，不能删除'); END;