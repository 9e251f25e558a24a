CREATE TABLE "section_search_blocks" (
	"section_id" uuid NOT NULL,
	"block" integer NOT NULL,
	"text" text NOT NULL,
	"words" "tsvector" GENERATED ALWAYS AS (to_tsvector('german'::regconfig, "text")) STORED NOT NULL,
	CONSTRAINT "section_search_blocks_section_id_block_pk" PRIMARY KEY("section_id","block")
);
--> statement-breakpoint
CREATE TABLE "section_search_states" (
	"section_id" uuid PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "section_search_blocks" ADD CONSTRAINT "section_search_blocks_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_search_states" ADD CONSTRAINT "section_search_states_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE cascade ON UPDATE no action;