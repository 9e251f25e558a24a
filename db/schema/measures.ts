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

/** Funding status of a measure (UI: keine, geplant, beantragt, bewilligt, abgelehnt). */
export const fundingStatuses = ["none", "planned", "applied", "granted", "rejected"] as const;
export const fundingStatus = pgEnum("funding_status", fundingStatuses);

/** Priority of a measure (UI: hoch, mittel, niedrig). */
export const measurePriorities = ["high", "medium", "low"] as const;
export const measurePriority = pgEnum("measure_priority", measurePriorities);

/** Implementation status of a measure (UI: geplant … zurückgestellt). */
export const measureStatuses = [
  "planned",
  "in_preparation",
  "in_progress",
  "completed",
  "deferred",
] as const;
export const measureStatus = pgEnum("measure_status", measureStatuses);

/** An organisation's stance on a measure (UI: Zustimmung … Ablehnung), from most to least favourable. */
export const stances = [
  "approve",
  "approve_with_conditions",
  "abstain",
  "concerns",
  "reject",
] as const;
export const stance = pgEnum("position_stance", stances);

/** Requirement categories, the criteria of the criteria catalogue plus costs and "other". */
export const requirementCategories = [
  "digital_sovereignty",
  "data_protection",
  "interoperability",
  "open_source",
  "european_providers",
  "sustainability",
  "it_security",
  "costs",
  "other",
] as const;
export const requirementCategory = pgEnum("requirement_category", requirementCategories);

/** MUSS / SOLL / KANN. */
export const requirementPriorities = ["must", "should", "may"] as const;
export const requirementPriority = pgEnum("requirement_priority", requirementPriorities);

/** Intake status (UI: eingereicht, in Prüfung, übernommen, abgelehnt); the disposition comes later. */
export const requirementStatuses = ["submitted", "in_review", "accepted", "rejected"] as const;
export const requirementStatus = pgEnum("requirement_status", requirementStatuses);

export type FundingStatus = (typeof fundingStatuses)[number];
export type MeasurePriority = (typeof measurePriorities)[number];
export type MeasureStatus = (typeof measureStatuses)[number];
export type Stance = (typeof stances)[number];
export type RequirementCategory = (typeof requirementCategories)[number];
export type RequirementPriority = (typeof requirementPriorities)[number];
export type RequirementStatus = (typeof requirementStatuses)[number];

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
    kind: text("kind").$type<"created" | "updated">().notNull(),
    changes: jsonb("changes")
      .$type<Record<string, { from: unknown; to: unknown }>>()
      .notNull()
      .default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("measure_revisions_measure_idx").on(t.measureId, t.id)],
);

/** One organisation's position on one measure; its content lives in the revisions. */
export const positions = pgTable(
  "positions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("positions_measure_organisation_unique").on(t.measureId, t.organisationId)],
);

/**
 * Every saved version of a position. A revision is a draft until someone with the release right
 * releases it (released_by/released_at); only released revisions count and are shown to others.
 */
export const positionRevisions = pgTable(
  "position_revisions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    positionId: uuid("position_id")
      .notNull()
      .references(() => positions.id, { onDelete: "cascade" }),
    stance: stance("stance").notNull(),
    reasoning: text("reasoning").notNull().default(""),
    conditions: text("conditions").notNull().default(""),
    /** The organisation's own cost impact in euro cents, if it gave one. */
    costImpactCents: bigint("cost_impact_cents", { mode: "number" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    releasedBy: uuid("released_by").references(() => users.id, { onDelete: "set null" }),
    releasedAt: timestamp("released_at", { withTimezone: true }),
  },
  (t) => [index("position_revisions_position_idx").on(t.positionId, t.id)],
);

export const requirements = pgTable(
  "requirements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    category: requirementCategory("category").notNull(),
    priority: requirementPriority("priority").notNull(),
    status: requirementStatus("status").notNull().default("submitted"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("requirements_consultation_idx").on(t.consultationId, t.createdAt)],
);

export const requirementSections = pgTable(
  "requirement_sections",
  {
    requirementId: uuid("requirement_id")
      .notNull()
      .references(() => requirements.id, { onDelete: "cascade" }),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.requirementId, t.sectionId] }),
    index("requirement_sections_section_idx").on(t.sectionId),
  ],
);

/**
 * Requirement ↔ measure: one relation, whether the submitting organisation named the measure as
 * affected or an editor linked the requirement to the measure.
 */
export const requirementMeasures = pgTable(
  "requirement_measures",
  {
    requirementId: uuid("requirement_id")
      .notNull()
      .references(() => requirements.id, { onDelete: "cascade" }),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.requirementId, t.measureId] }),
    index("requirement_measures_measure_idx").on(t.measureId),
  ],
);
