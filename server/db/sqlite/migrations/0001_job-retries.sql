ALTER TABLE `jobs` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `jobs` ADD `next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `jobs` ADD `retry_reason` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `deadline_at` integer;--> statement-breakpoint
ALTER TABLE `jobs` ADD `retry_of` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `comparison_id` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `webhook_token` text;--> statement-breakpoint
CREATE INDEX `jobs_comparison_idx` ON `jobs` (`comparison_id`);