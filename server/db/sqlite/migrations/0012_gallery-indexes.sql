DROP INDEX `images_seed_idx`;--> statement-breakpoint
DROP INDEX `images_steps_idx`;--> statement-breakpoint
ALTER TABLE `images` ADD `comparison_id` text;--> statement-breakpoint
CREATE INDEX `images_seed_seq_idx` ON `images` (`seed`,`seq`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `images_steps_seq_idx` ON `images` (`steps`,`seq`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `images_guidance_seq_idx` ON `images` (`guidance`,`seq`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `images_size_seq_idx` ON `images` (`width`,`height`,`seq`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `images_comparison_seq_idx` ON `images` (`comparison_id`,`seq`) WHERE comparison_id is not null;--> statement-breakpoint
ALTER TABLE `image_collections` ADD `image_seq` integer;--> statement-breakpoint
CREATE INDEX `image_collections_seq_idx` ON `image_collections` (`collection_id`,`image_seq`);--> statement-breakpoint
-- Each gallery filter reads an index that ends in seq (docs/decisions/013): the comparison is copied
-- onto the image, and a collection entry carries its image's seq.
UPDATE `images` SET `comparison_id` = (SELECT `comparison_id` FROM `jobs` WHERE `jobs`.`id` = `images`.`job_id`);
--> statement-breakpoint
CREATE TRIGGER `images_comparison_insert` AFTER INSERT ON `images`
	WHEN new.`comparison_id` IS NULL AND (SELECT `comparison_id` FROM `jobs` WHERE `id` = new.`job_id`) IS NOT NULL BEGIN
	UPDATE `images` SET `comparison_id` = (SELECT `comparison_id` FROM `jobs` WHERE `id` = new.`job_id`) WHERE `id` = new.`id`;
END;
--> statement-breakpoint
UPDATE `image_collections` SET `image_seq` = (SELECT `seq` FROM `images` WHERE `images`.`id` = `image_collections`.`image_id`);
--> statement-breakpoint
CREATE TRIGGER `image_collections_seq_insert` AFTER INSERT ON `image_collections` WHEN new.`image_seq` IS NULL BEGIN
	UPDATE `image_collections` SET `image_seq` = (SELECT `seq` FROM `images` WHERE `id` = new.`image_id`)
	WHERE `collection_id` = new.`collection_id` AND `image_id` = new.`image_id`;
END;
--> statement-breakpoint
-- Prefix indexes for 2- and 3-letter prefixes: every word is matched as a prefix ("fo" finds fox),
-- and without them a short prefix merges the doclists of every word it starts (docs/decisions/013).
DROP TRIGGER `images_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `images_fts_delete`;
--> statement-breakpoint
DROP TABLE `images_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `images_fts` USING fts5(`prompt`, content = '', contentless_delete = 1, prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2');
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
