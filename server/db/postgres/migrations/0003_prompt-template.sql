ALTER TABLE "jobs" ADD COLUMN "prompt_template" text;--> statement-breakpoint
CREATE INDEX "jobs_prompt_template_idx" ON "jobs" USING btree ("prompt_template") WHERE prompt_template is not null;