CREATE TYPE "public"."funding_status" AS ENUM('none', 'planned', 'applied', 'granted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."measure_priority" AS ENUM('high', 'medium', 'low');--> statement-breakpoint
CREATE TYPE "public"."measure_status" AS ENUM('planned', 'in_preparation', 'in_progress', 'completed', 'deferred');--> statement-breakpoint
CREATE TYPE "public"."requirement_category" AS ENUM('digital_sovereignty', 'data_protection', 'interoperability', 'open_source', 'european_providers', 'sustainability', 'it_security', 'costs', 'other');--> statement-breakpoint
CREATE TYPE "public"."requirement_priority" AS ENUM('must', 'should', 'may');--> statement-breakpoint
CREATE TYPE "public"."requirement_status" AS ENUM('submitted', 'in_review', 'accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."position_stance" AS ENUM('approve', 'approve_with_conditions', 'abstain', 'concerns', 'reject');--> statement-breakpoint
CREATE TABLE "measure_partners" (
	"measure_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "measure_partners_measure_id_organisation_id_pk" PRIMARY KEY("measure_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "measure_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"measure_id" uuid NOT NULL,
	"author_id" uuid,
	"organisation_id" uuid,
	"kind" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_sections" (
	"measure_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	CONSTRAINT "measure_sections_measure_id_section_id_pk" PRIMARY KEY("measure_id","section_id")
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"lead_organisation_id" uuid,
	"start_year" integer NOT NULL,
	"start_quarter" integer NOT NULL,
	"end_year" integer NOT NULL,
	"end_quarter" integer NOT NULL,
	"cost_one_off_cents" bigint,
	"cost_yearly_cents" bigint,
	"funding_programme" text DEFAULT '' NOT NULL,
	"funding_status" "funding_status" DEFAULT 'none' NOT NULL,
	"application_deadline" date,
	"priority" "measure_priority" DEFAULT 'medium' NOT NULL,
	"status" "measure_status" DEFAULT 'planned' NOT NULL,
	"pilot" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measures_consultation_code_unique" UNIQUE("consultation_id","code")
);
--> statement-breakpoint
CREATE TABLE "position_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"position_id" uuid NOT NULL,
	"stance" "position_stance" NOT NULL,
	"reasoning" text DEFAULT '' NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"cost_impact_cents" bigint,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_by" uuid,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "positions_measure_organisation_unique" UNIQUE("measure_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "requirement_measures" (
	"requirement_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	CONSTRAINT "requirement_measures_requirement_id_measure_id_pk" PRIMARY KEY("requirement_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "requirement_sections" (
	"requirement_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	CONSTRAINT "requirement_sections_requirement_id_section_id_pk" PRIMARY KEY("requirement_id","section_id")
);
--> statement-breakpoint
CREATE TABLE "requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"author_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" "requirement_category" NOT NULL,
	"priority" "requirement_priority" NOT NULL,
	"status" "requirement_status" DEFAULT 'submitted' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "measure_partners" ADD CONSTRAINT "measure_partners_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_partners" ADD CONSTRAINT "measure_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_revisions" ADD CONSTRAINT "measure_revisions_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_revisions" ADD CONSTRAINT "measure_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_revisions" ADD CONSTRAINT "measure_revisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_sections" ADD CONSTRAINT "measure_sections_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_sections" ADD CONSTRAINT "measure_sections_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_revisions" ADD CONSTRAINT "position_revisions_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_revisions" ADD CONSTRAINT "position_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_revisions" ADD CONSTRAINT "position_revisions_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_measures" ADD CONSTRAINT "requirement_measures_requirement_id_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."requirements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_measures" ADD CONSTRAINT "requirement_measures_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_sections" ADD CONSTRAINT "requirement_sections_requirement_id_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."requirements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_sections" ADD CONSTRAINT "requirement_sections_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_revisions_measure_idx" ON "measure_revisions" USING btree ("measure_id","id");--> statement-breakpoint
CREATE INDEX "measure_sections_section_idx" ON "measure_sections" USING btree ("section_id");--> statement-breakpoint
CREATE INDEX "position_revisions_position_idx" ON "position_revisions" USING btree ("position_id","id");--> statement-breakpoint
CREATE INDEX "requirement_measures_measure_idx" ON "requirement_measures" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "requirement_sections_section_idx" ON "requirement_sections" USING btree ("section_id");--> statement-breakpoint
CREATE INDEX "requirements_consultation_idx" ON "requirements" USING btree ("consultation_id","created_at");