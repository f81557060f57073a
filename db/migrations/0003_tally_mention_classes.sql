-- Tallies count a period's mentions per sentiment × grade. With those two leading, each of the nine classes is
-- one range of this index (sentiment = ? AND grade = ? AND day BETWEEN …), counted without decoding a column,
-- and the closed ones (status, closed_at, fetched_at) are read from the index too. It replaces the day-first
-- index of 0002, which made every row of the period evaluate nine conditions.
DROP INDEX IF EXISTS `mentions_tally_idx`;
--> statement-breakpoint
CREATE INDEX `mentions_class_idx` ON `mentions` (`sentiment`, `grade`, `day`, `status`, `closed_at`, `fetched_at`);
