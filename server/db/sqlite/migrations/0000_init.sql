CREATE TABLE `images` (
	`id` text PRIMARY KEY NOT NULL,
	`job_id` text NOT NULL,
	`idx` integer NOT NULL,
	`file_name` text NOT NULL,
	`thumb_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `images_job_idx` ON `images` (`job_id`,`idx`);--> statement-breakpoint
CREATE INDEX `images_created_idx` ON `images` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`model` text NOT NULL,
	`prompt` text NOT NULL,
	`params` text NOT NULL,
	`seed` integer,
	`status` text NOT NULL,
	`upstream_status` text,
	`request_id` text,
	`queue_position` integer,
	`error_code` text,
	`error_message` text,
	`error_action` text,
	`created_at` integer NOT NULL,
	`submitted_at` integer,
	`finished_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`);--> statement-breakpoint
CREATE INDEX `jobs_created_idx` ON `jobs` (`created_at`);