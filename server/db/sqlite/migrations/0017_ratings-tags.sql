CREATE TABLE `image_tags` (
	`image_id` text NOT NULL,
	`tag` text NOT NULL,
	`image_seq` integer NOT NULL,
	PRIMARY KEY(`image_id`, `tag`),
	FOREIGN KEY (`image_id`) REFERENCES `images`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `image_tags_tag_seq_idx` ON `image_tags` (`tag`,`image_seq`);--> statement-breakpoint
ALTER TABLE `images` ADD `rating` integer;--> statement-breakpoint
CREATE INDEX `images_rating_seq_idx` ON `images` (`rating`,`seq`) WHERE deleted_at is null;