CREATE TABLE `spend_totals` (
	`day` text NOT NULL,
	`model` text NOT NULL,
	`person` text NOT NULL,
	`images` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `model`, `person`)
);
--> statement-breakpoint
ALTER TABLE `comparison_cells` ADD `requested_at` integer;--> statement-breakpoint
ALTER TABLE `comparisons` ADD `created_by` text;
--> statement-breakpoint
-- Spend as running totals (docs/decisions/008-budgets-and-spend.md). What a job counts for is one
-- rule, written here and nowhere else: a completed job its images; a job under way, uncertain, timed
-- out or failed by the model (FAILED), or whose result could not be stored or read, the images it
-- asked for; a refused submit, a system ERROR or a cancelled job nothing. A comparison cell still
-- waiting for its job reserves its image. Triggers keep the totals in the same transaction as the rows.
INSERT INTO `spend_totals` (`day`, `model`, `person`, `images`)
SELECT `day`, `model`, `person`, sum(`images`) FROM (
  SELECT strftime('%Y-%m-%d', (j.`created_at`) / 1000, 'unixepoch') AS `day`, j.`model` AS `model`, coalesce(j.`created_by`, 'local') AS `person`,
  CASE
    WHEN j.`status` = 'completed' THEN (SELECT count(*) FROM `images` WHERE `job_id` = j.`id`)
    WHEN j.`status` IN ('waiting', 'submitting', 'queued', 'processing', 'downloading', 'uncertain', 'timed_out', 'download_failed')
      OR (j.`status` = 'failed' AND j.`error_code` IN ('FAILED', 'download', 'protocol'))
      THEN coalesce(json_extract(j.`params`, '$.num_images'), 1)
    ELSE 0
  END AS `images`
  FROM `jobs` j
  UNION ALL
  SELECT strftime('%Y-%m-%d', (coalesce(c.`requested_at`, cmp.`created_at`)) / 1000, 'unixepoch'), c.`model`, coalesce(cmp.`created_by`, 'local'), CASE WHEN c.`pending` = 1 AND c.`job_id` IS NULL AND c.`same_as` IS NULL THEN coalesce(json_extract(c.`params`, '$.num_images'), 1) ELSE 0 END
  FROM `comparison_cells` c JOIN `comparisons` cmp ON cmp.`id` = c.`comparison_id`
) WHERE `images` > 0 GROUP BY `day`, `model`, `person`;
--> statement-breakpoint
CREATE TRIGGER `jobs_spend_insert` AFTER INSERT ON `jobs` BEGIN
  INSERT INTO `spend_totals` (`day`, `model`, `person`, `images`)
  VALUES (strftime('%Y-%m-%d', (new.`created_at`) / 1000, 'unixepoch'), new.`model`, coalesce(new.`created_by`, 'local'), CASE
    WHEN new.`status` = 'completed' THEN (SELECT count(*) FROM `images` WHERE `job_id` = new.`id`)
    WHEN new.`status` IN ('waiting', 'submitting', 'queued', 'processing', 'downloading', 'uncertain', 'timed_out', 'download_failed')
      OR (new.`status` = 'failed' AND new.`error_code` IN ('FAILED', 'download', 'protocol'))
      THEN coalesce(json_extract(new.`params`, '$.num_images'), 1)
    ELSE 0
  END)
  ON CONFLICT (`day`, `model`, `person`) DO UPDATE SET `images` = `images` + excluded.`images`;
END;
--> statement-breakpoint
-- A job's day, model and person never change; only what it counts for does.
CREATE TRIGGER `jobs_spend_update` AFTER UPDATE OF `status`, `error_code` ON `jobs`
WHEN old.`status` IS NOT new.`status` OR old.`error_code` IS NOT new.`error_code` BEGIN
  INSERT INTO `spend_totals` (`day`, `model`, `person`, `images`)
  VALUES (strftime('%Y-%m-%d', (new.`created_at`) / 1000, 'unixepoch'), new.`model`, coalesce(new.`created_by`, 'local'), (CASE
    WHEN new.`status` = 'completed' THEN (SELECT count(*) FROM `images` WHERE `job_id` = new.`id`)
    WHEN new.`status` IN ('waiting', 'submitting', 'queued', 'processing', 'downloading', 'uncertain', 'timed_out', 'download_failed')
      OR (new.`status` = 'failed' AND new.`error_code` IN ('FAILED', 'download', 'protocol'))
      THEN coalesce(json_extract(new.`params`, '$.num_images'), 1)
    ELSE 0
  END) - (CASE
    WHEN old.`status` = 'completed' THEN (SELECT count(*) FROM `images` WHERE `job_id` = old.`id`)
    WHEN old.`status` IN ('waiting', 'submitting', 'queued', 'processing', 'downloading', 'uncertain', 'timed_out', 'download_failed')
      OR (old.`status` = 'failed' AND old.`error_code` IN ('FAILED', 'download', 'protocol'))
      THEN coalesce(json_extract(old.`params`, '$.num_images'), 1)
    ELSE 0
  END))
  ON CONFLICT (`day`, `model`, `person`) DO UPDATE SET `images` = `images` + excluded.`images`;
END;
--> statement-breakpoint
CREATE TRIGGER `cells_spend_insert` AFTER INSERT ON `comparison_cells` WHEN CASE WHEN new.`pending` = 1 AND new.`job_id` IS NULL AND new.`same_as` IS NULL THEN coalesce(json_extract(new.`params`, '$.num_images'), 1) ELSE 0 END > 0 BEGIN
  INSERT INTO `spend_totals` (`day`, `model`, `person`, `images`)
  VALUES (strftime('%Y-%m-%d', (coalesce(new.`requested_at`, (SELECT `created_at` FROM `comparisons` WHERE `id` = new.`comparison_id`))) / 1000, 'unixepoch'), new.`model`, (SELECT coalesce(`created_by`, 'local') FROM `comparisons` WHERE `id` = new.`comparison_id`), CASE WHEN new.`pending` = 1 AND new.`job_id` IS NULL AND new.`same_as` IS NULL THEN coalesce(json_extract(new.`params`, '$.num_images'), 1) ELSE 0 END)
  ON CONFLICT (`day`, `model`, `person`) DO UPDATE SET `images` = `images` + excluded.`images`;
END;
--> statement-breakpoint
CREATE TRIGGER `cells_spend_release` AFTER UPDATE ON `comparison_cells` WHEN CASE WHEN old.`pending` = 1 AND old.`job_id` IS NULL AND old.`same_as` IS NULL THEN coalesce(json_extract(old.`params`, '$.num_images'), 1) ELSE 0 END > 0 BEGIN
  INSERT INTO `spend_totals` (`day`, `model`, `person`, `images`)
  VALUES (strftime('%Y-%m-%d', (coalesce(old.`requested_at`, (SELECT `created_at` FROM `comparisons` WHERE `id` = old.`comparison_id`))) / 1000, 'unixepoch'), old.`model`, (SELECT coalesce(`created_by`, 'local') FROM `comparisons` WHERE `id` = old.`comparison_id`), -(CASE WHEN old.`pending` = 1 AND old.`job_id` IS NULL AND old.`same_as` IS NULL THEN coalesce(json_extract(old.`params`, '$.num_images'), 1) ELSE 0 END))
  ON CONFLICT (`day`, `model`, `person`) DO UPDATE SET `images` = `images` + excluded.`images`;
END;
--> statement-breakpoint
CREATE TRIGGER `cells_spend_reserve` AFTER UPDATE ON `comparison_cells` WHEN CASE WHEN new.`pending` = 1 AND new.`job_id` IS NULL AND new.`same_as` IS NULL THEN coalesce(json_extract(new.`params`, '$.num_images'), 1) ELSE 0 END > 0 BEGIN
  INSERT INTO `spend_totals` (`day`, `model`, `person`, `images`)
  VALUES (strftime('%Y-%m-%d', (coalesce(new.`requested_at`, (SELECT `created_at` FROM `comparisons` WHERE `id` = new.`comparison_id`))) / 1000, 'unixepoch'), new.`model`, (SELECT coalesce(`created_by`, 'local') FROM `comparisons` WHERE `id` = new.`comparison_id`), CASE WHEN new.`pending` = 1 AND new.`job_id` IS NULL AND new.`same_as` IS NULL THEN coalesce(json_extract(new.`params`, '$.num_images'), 1) ELSE 0 END)
  ON CONFLICT (`day`, `model`, `person`) DO UPDATE SET `images` = `images` + excluded.`images`;
END;
--> statement-breakpoint
CREATE TRIGGER `cells_spend_delete` AFTER DELETE ON `comparison_cells` WHEN CASE WHEN old.`pending` = 1 AND old.`job_id` IS NULL AND old.`same_as` IS NULL THEN coalesce(json_extract(old.`params`, '$.num_images'), 1) ELSE 0 END > 0 BEGIN
  INSERT INTO `spend_totals` (`day`, `model`, `person`, `images`)
  VALUES (strftime('%Y-%m-%d', (coalesce(old.`requested_at`, (SELECT `created_at` FROM `comparisons` WHERE `id` = old.`comparison_id`))) / 1000, 'unixepoch'), old.`model`, (SELECT coalesce(`created_by`, 'local') FROM `comparisons` WHERE `id` = old.`comparison_id`), -(CASE WHEN old.`pending` = 1 AND old.`job_id` IS NULL AND old.`same_as` IS NULL THEN coalesce(json_extract(old.`params`, '$.num_images'), 1) ELSE 0 END))
  ON CONFLICT (`day`, `model`, `person`) DO UPDATE SET `images` = `images` + excluded.`images`;
END;
