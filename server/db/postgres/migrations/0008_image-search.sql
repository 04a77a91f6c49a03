-- The gallery checks prompt words on the image row it walks (docs/decisions/031): each image carries
-- its job's tsvector, copied when the row arrives by the trigger that already copies the comparison,
-- and the GIN index for rare words moves from jobs (nothing else searches jobs) to images.
DROP INDEX "jobs_search_idx";--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "search" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
UPDATE images i SET search = j.search FROM jobs j WHERE j.id = i.job_id;--> statement-breakpoint
CREATE INDEX "images_search_idx" ON "images" USING gin ("search");--> statement-breakpoint
CREATE OR REPLACE FUNCTION images_comparison() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  job record;
BEGIN
  SELECT comparison_id, search INTO job FROM jobs WHERE id = new.job_id;
  IF new.comparison_id IS NULL THEN
    new.comparison_id := job.comparison_id;
  END IF;
  new.search := coalesce(job.search, ''::tsvector);
  RETURN new;
END;
$$;
--> statement-breakpoint
-- Parameter sweeps filter on steps and guidance together: at 1M the count walked 89k images by seq
-- for 501 of `model + steps + guidance` (23 ms); this index walks exactly those (1 ms).
CREATE INDEX "images_steps_guidance_seq_idx" ON "images" USING btree ("steps","guidance","seq") WHERE deleted_at is null;--> statement-breakpoint
-- A model has its own usual steps and guidance: without statistics on them together the planner
-- multiplies their shares as if independent and expects a tenth of the rows such a filter finds.
CREATE STATISTICS images_params_stats (dependencies, mcv) ON model, steps, guidance FROM images;--> statement-breakpoint
ANALYZE images;
