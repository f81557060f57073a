CREATE INDEX `mentions_fetched_idx` ON `mentions` (`fetched_at`,`sentiment`);--> statement-breakpoint
CREATE INDEX `mentions_escalated_idx` ON `mentions` (`status`) WHERE escalated = 1;