CREATE TABLE `collections` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `collections_name_unique` ON `collections` (`name`);--> statement-breakpoint
CREATE TABLE `image_collections` (
	`collection_id` text NOT NULL,
	`image_id` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`collection_id`, `image_id`),
	FOREIGN KEY (`collection_id`) REFERENCES `collections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`image_id`) REFERENCES `images`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `image_collections_image_idx` ON `image_collections` (`image_id`);--> statement-breakpoint
CREATE TABLE `prompt_history` (
	`prompt` text PRIMARY KEY NOT NULL,
	`negative_prompt` text,
	`model` text NOT NULL,
	`uses` integer NOT NULL,
	`last_used_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `prompt_history_used_idx` ON `prompt_history` (`last_used_at`);--> statement-breakpoint
ALTER TABLE `images` ADD `model` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `images` ADD `seed` integer;--> statement-breakpoint
ALTER TABLE `images` ADD `steps` integer;--> statement-breakpoint
ALTER TABLE `images` ADD `guidance` real;--> statement-breakpoint
ALTER TABLE `images` ADD `favourite` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `images` ADD `deleted_at` integer;--> statement-breakpoint
CREATE INDEX `images_live_created_idx` ON `images` (`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `images_model_created_idx` ON `images` (`model`,`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `images_fav_created_idx` ON `images` (`created_at`,`id`) WHERE deleted_at is null and favourite = 1;--> statement-breakpoint
CREATE INDEX `images_seed_idx` ON `images` (`seed`);--> statement-breakpoint
CREATE INDEX `images_steps_idx` ON `images` (`steps`);--> statement-breakpoint
CREATE INDEX `images_deleted_idx` ON `images` (`deleted_at`);--> statement-breakpoint
UPDATE `images` SET
	`model` = (SELECT `model` FROM `jobs` WHERE `jobs`.`id` = `images`.`job_id`),
	`seed` = (SELECT `seed` FROM `jobs` WHERE `jobs`.`id` = `images`.`job_id`),
	`steps` = (SELECT json_extract(`params`, '$.num_inference_steps') FROM `jobs` WHERE `jobs`.`id` = `images`.`job_id`),
	`guidance` = (SELECT json_extract(`params`, '$.guidance_scale') FROM `jobs` WHERE `jobs`.`id` = `images`.`job_id`);
--> statement-breakpoint
INSERT OR IGNORE INTO `prompt_history` (`prompt`, `negative_prompt`, `model`, `uses`, `last_used_at`)
	SELECT `prompt`, json_extract(`params`, '$.negative_prompt'), `model`, count(*), max(`created_at`) FROM `jobs` GROUP BY `prompt`;
--> statement-breakpoint
-- Full-text search over prompts. A plain FTS5 table keyed by job id (not external content on rowid,
-- which VACUUM may renumber), kept in step by triggers.
CREATE VIRTUAL TABLE `jobs_fts` USING fts5(`job_id` UNINDEXED, `prompt`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `jobs_fts` (`job_id`, `prompt`) SELECT `id`, `prompt` FROM `jobs`;
--> statement-breakpoint
CREATE TRIGGER `jobs_fts_insert` AFTER INSERT ON `jobs` BEGIN
	INSERT INTO `jobs_fts` (`job_id`, `prompt`) VALUES (new.`id`, new.`prompt`);
END;
--> statement-breakpoint
CREATE TRIGGER `jobs_fts_delete` AFTER DELETE ON `jobs` BEGIN
	DELETE FROM `jobs_fts` WHERE `job_id` = old.`id`;
END;
