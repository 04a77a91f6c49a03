-- One row holding the newest change version shared by every instance (docs/decisions/026). Taking a
-- version updates this row, so versions are handed out in commit order: the NOTIFY sent with each
-- reaches listeners in that same order.
CREATE TABLE "change_version" (
	"id" smallint PRIMARY KEY NOT NULL DEFAULT 1 CHECK ("id" = 1),
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "change_version" ("id", "version") VALUES (1, 0);
