CREATE TABLE "image_tags" (
	"image_id" text NOT NULL,
	"tag" text NOT NULL,
	"image_seq" bigint NOT NULL,
	CONSTRAINT "image_tags_image_id_tag_pk" PRIMARY KEY("image_id","tag")
);
--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "rating" smallint;--> statement-breakpoint
ALTER TABLE "image_tags" ADD CONSTRAINT "image_tags_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "image_tags_tag_seq_idx" ON "image_tags" USING btree ("tag","image_seq");--> statement-breakpoint
CREATE INDEX "images_rating_seq_idx" ON "images" USING btree ("rating","seq") WHERE deleted_at is null;