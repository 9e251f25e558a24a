import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { consultations, sections } from "./consultations.ts";
import { organisations } from "./organisations.ts";
import { users } from "./users.ts";
import { fundingStatuses, measurePriorities, measureStatuses } from "#common/vocabularies.ts";

export const fundingStatus = pgEnum("funding_status", fundingStatuses);

export const measurePriority = pgEnum("measure_priority", measurePriorities);

export const measureStatus = pgEnum("measure_status", measureStatuses);

export const measures = pgTable(
  "measures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    /** Short reference such as "M-01", unique within the consultation. */
    code: text("code").notNull(),
    title: text("title").notNull(),
    /** The same Markdown subset as section starter text (paragraphs, "- " bullets, "## " headings). */
    description: text("description").notNull().default(""),
    leadOrganisationId: uuid("lead_organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    startYear: integer("start_year").notNull(),
    startQuarter: integer("start_quarter").notNull(),
    endYear: integer("end_year").notNull(),
    endQuarter: integer("end_quarter").notNull(),
    /** Euro cents; null when not yet estimated. */
    costOneOffCents: bigint("cost_one_off_cents", { mode: "number" }),
    costYearlyCents: bigint("cost_yearly_cents", { mode: "number" }),
    fundingProgramme: text("funding_programme").notNull().default(""),
    fundingStatus: fundingStatus("funding_status").notNull().default("none"),
    applicationDeadline: date("application_deadline", { mode: "string" }),
    priority: measurePriority("priority").notNull().default("medium"),
    status: measureStatus("status").notNull().default("planned"),
    pilot: boolean("pilot").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set while the measure is archived: out of the plan and new versions, read-only, its
     * positions closed; restoring clears it. A measure with positions is archived, never deleted.
     */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    archivedBy: uuid("archived_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [unique("measures_consultation_code_unique").on(t.consultationId, t.code)],
);

/** Partner organisations of a measure (the lead organisation is on the measure itself). */
export const measurePartners = pgTable(
  "measure_partners",
  {
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.organisationId] })],
);

export const measureSections = pgTable(
  "measure_sections",
  {
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.sectionId] }),
    index("measure_sections_section_idx").on(t.sectionId),
  ],
);

/** One change of a measure: who, when, and each changed field's old and new value. */
export const measureRevisions = pgTable(
  "measure_revisions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    kind: text("kind").$type<"created" | "updated" | "archived" | "restored">().notNull(),
    changes: jsonb("changes")
      .$type<Record<string, { from: unknown; to: unknown }>>()
      .notNull()
      .default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("measure_revisions_measure_idx").on(t.measureId, t.id)],
);
