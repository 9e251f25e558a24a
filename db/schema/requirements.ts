import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { consultations, sections } from "./consultations.ts";
import { measures } from "./measures.ts";
import { organisations } from "./organisations.ts";
import { users } from "./users.ts";
import {
  requirementCategories,
  requirementPriorities,
  requirementStatuses,
} from "#common/vocabularies.ts";

export const requirementCategory = pgEnum("requirement_category", requirementCategories);

export const requirementPriority = pgEnum("requirement_priority", requirementPriorities);

export const requirementStatus = pgEnum("requirement_status", requirementStatuses);

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
