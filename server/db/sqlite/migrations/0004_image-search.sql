DROP INDEX `images_live_created_idx`;--> statement-breakpoint
DROP INDEX `images_model_created_idx`;--> statement-breakpoint
DROP INDEX `images_fav_created_idx`;--> statement-breakpoint
DROP INDEX `images_deleted_idx`;--> statement-breakpoint
ALTER TABLE `images` ADD `seq` integer;--> statement-breakpoint
CREATE INDEX `images_live_seq_idx` ON `images` (`seq`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `images_model_seq_idx` ON `images` (`model`,`seq`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `images_fav_seq_idx` ON `images` (`seq`) WHERE deleted_at is null and favourite = 1;--> statement-breakpoint
CREATE UNIQUE INDEX `images_seq_idx` ON `images` (`seq`);--> statement-breakpoint
CREATE INDEX `images_deleted_idx` ON `images` (`deleted_at`) WHERE deleted_at is not null;
--> statement-breakpoint
-- Search moves from jobs to images: one FTS5 entry per image whose rowid is the image's seq, so a
-- match yields integer keys straight into the gallery's sort order (docs/decisions/007).
UPDATE `images` SET `seq` = `r`.`rn` FROM (SELECT `id`, row_number() OVER (ORDER BY `created_at`, `id`) AS `rn` FROM `images`) AS `r` WHERE `r`.`id` = `images`.`id`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `images_fts` USING fts5(`prompt`, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `images_fts` (`rowid`, `prompt`) SELECT `images`.`seq`, `jobs`.`prompt` FROM `images` JOIN `jobs` ON `jobs`.`id` = `images`.`job_id`;
--> statement-breakpoint
CREATE TRIGGER `images_fts_insert` AFTER INSERT ON `images` BEGIN
	INSERT INTO `images_fts` (`rowid`, `prompt`) SELECT new.`seq`, `prompt` FROM `jobs` WHERE `id` = new.`job_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `images_fts_delete` AFTER DELETE ON `images` BEGIN
	DELETE FROM `images_fts` WHERE `rowid` = old.`seq`;
END;
--> statement-breakpoint
DROP TRIGGER `jobs_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `jobs_fts_delete`;
--> statement-breakpoint
DROP TABLE `jobs_fts`;
