-- Completed jobs stored their images after their status changed, so the spend trigger counted them as
-- zero images and budgets undercounted finished work. completeJob now stores the images first; this
-- recounts every total from the rows, with the rule of 0007.
DELETE FROM `spend_totals`;
--> statement-breakpoint
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
