CREATE TABLE `comparison_cells` (
	`comparison_id` text NOT NULL,
	`idx` integer NOT NULL,
	`x` integer NOT NULL,
	`y` integer NOT NULL,
	`z` integer NOT NULL,
	`model` text NOT NULL,
	`params` text NOT NULL,
	`na` text NOT NULL,
	`same_as` integer,
	`job_id` text,
	`previous_job_id` text,
	`pending` integer NOT NULL,
	PRIMARY KEY(`comparison_id`, `idx`),
	FOREIGN KEY (`comparison_id`) REFERENCES `comparisons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comparison_cells_pending_idx` ON `comparison_cells` (`pending`);--> statement-breakpoint
CREATE TABLE `comparisons` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`spec` text NOT NULL,
	`created_at` integer NOT NULL,
	`cancelled_at` integer
);
--> statement-breakpoint
CREATE INDEX `comparisons_created_idx` ON `comparisons` (`created_at`);