-- Tallies and reports (db/queries/figures.ts) count a period's mentions in one pass: with every column the
-- figures read in the index, that pass never touches the wide mention rows (title, snippet, matches).
CREATE INDEX `mentions_tally_idx` ON `mentions` (`day`, `sentiment`, `grade`, `status`, `closed_at`, `fetched_at`);
