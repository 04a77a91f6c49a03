CREATE TABLE "queue_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"changed_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "queue_rank" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_queue_rank_idx" ON "jobs" USING btree ("queue_rank");--> statement-breakpoint
-- Jobs already there keep their order (oldest first, as before ranks); new ones join at max + 1.
UPDATE "jobs" SET "queue_rank" = "ranked"."rn" FROM (SELECT "id", row_number() OVER (ORDER BY "created_at", "id") AS "rn" FROM "jobs") AS "ranked" WHERE "jobs"."id" = "ranked"."id";
