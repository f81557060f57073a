ALTER TABLE `pieces` ADD `uid` text;--> statement-breakpoint
-- Every existing record gets its 记录标识 now (16 random hex digits); new ones get it in db/queries/pieces.ts.
UPDATE `pieces` SET `uid` = lower(hex(randomblob(8))) WHERE `uid` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `pieces_uid_idx` ON `pieces` (`uid`);
