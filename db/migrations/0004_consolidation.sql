CREATE TYPE "public"."disposition_category" AS ENUM('accepted', 'partly_accepted', 'not_accepted', 'noted');--> statement-breakpoint
CREATE TYPE "public"."feedback_kind" AS ENUM('thread', 'suggestion', 'requirement', 'position');--> statement-breakpoint
CREATE TABLE "disposition_items" (
	"kind" "feedback_kind" NOT NULL,
	"source_id" text NOT NULL,
	"disposition_id" uuid NOT NULL,
	CONSTRAINT "disposition_items_kind_source_id_pk" PRIMARY KEY("kind","source_id")
);
--> statement-breakpoint
CREATE TABLE "dispositions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"category" "disposition_category" NOT NULL,
	"justification" text DEFAULT '' NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "version_measures" (
	"version_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"code" text NOT NULL,
	"fields" jsonb NOT NULL,
	CONSTRAINT "version_measures_version_id_measure_id_pk" PRIMARY KEY("version_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "version_sections" (
	"version_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"blocks" jsonb NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "version_sections_version_id_section_id_pk" PRIMARY KEY("version_id","section_id")
);
--> statement-breakpoint
CREATE TABLE "versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"consultation_title" text NOT NULL,
	"feedback" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"positions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"frozen_by" uuid,
	"frozen_by_name" text,
	"frozen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "versions_consultation_name_unique" UNIQUE("consultation_id","name")
);
--> statement-breakpoint
ALTER TABLE "disposition_items" ADD CONSTRAINT "disposition_items_disposition_id_dispositions_id_fk" FOREIGN KEY ("disposition_id") REFERENCES "public"."dispositions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_measures" ADD CONSTRAINT "version_measures_version_id_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_sections" ADD CONSTRAINT "version_sections_version_id_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "versions" ADD CONSTRAINT "versions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "versions" ADD CONSTRAINT "versions_frozen_by_users_id_fk" FOREIGN KEY ("frozen_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disposition_items_disposition_idx" ON "disposition_items" USING btree ("disposition_id");--> statement-breakpoint
CREATE INDEX "dispositions_consultation_idx" ON "dispositions" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "versions_consultation_idx" ON "versions" USING btree ("consultation_id","frozen_at");