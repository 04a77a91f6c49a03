ALTER TABLE `jobs` ADD `prompt_template` text;--> statement-breakpoint
CREATE INDEX `jobs_prompt_template_idx` ON `jobs` (`prompt_template`) WHERE prompt_template is not null;