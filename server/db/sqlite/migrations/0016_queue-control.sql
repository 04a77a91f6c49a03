CREATE TABLE `queue_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`changed_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `jobs` ADD `queue_rank` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `jobs_queue_rank_idx` ON `jobs` (`queue_rank`);--> statement-breakpoint
-- Jobs already there keep their order (oldest first, as before ranks); new ones join at max + 1.
UPDATE `jobs` SET `queue_rank` = `ranked`.`rn` FROM (SELECT `id`, row_number() OVER (ORDER BY `created_at`, `id`) AS `rn` FROM `jobs`) AS `ranked` WHERE `jobs`.`id` = `ranked`.`id`;
