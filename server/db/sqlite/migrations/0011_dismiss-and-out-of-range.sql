ALTER TABLE `comparison_cells` ADD `out_of_range` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `dismissed_at` integer;