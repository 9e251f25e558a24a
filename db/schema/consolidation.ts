import {
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
import { consultations } from "./consultations.ts";
import { users } from "./users.ts";
import {
  feedbackKinds,
  dispositionCategories,
  type FeedbackKind,
  type DispositionCategory,
} from "#common/vocabularies.ts";

export const feedbackKind = pgEnum("feedback_kind", feedbackKinds);

export const dispositionCategory = pgEnum("disposition_category", dispositionCategories);

/** What a disposition caused: a measure, a section or a suggestion, or a free link. */
export interface DispositionLink {
  type: "measure" | "section" | "suggestion" | "url";
  /** The referenced id, or the URL for type "url". */
  target: string;
  label: string;
}

/**
 * The moderators' answer (Abwägung) to one or more feedback items. Several similar items share a
 * disposition by pointing at the same row from disposition_items.
 */
export const dispositions = pgTable(
  "dispositions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    category: dispositionCategory("category").notNull(),
    justification: text("justification").notNull().default(""),
    links: jsonb("links").$type<DispositionLink[]>().notNull().default([]),
    /** Organisations see a disposition of their items only once it is published. */
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dispositions_consultation_idx").on(t.consultationId)],
);

/** Feedback item → its disposition; an item has at most one. */
export const dispositionItems = pgTable(
  "disposition_items",
  {
    kind: feedbackKind("kind").notNull(),
    sourceId: text("source_id").notNull(),
    dispositionId: uuid("disposition_id")
      .notNull()
      .references(() => dispositions.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.sourceId] }),
    index("disposition_items_disposition_idx").on(t.dispositionId),
  ],
);

/** One row of the Abwägungstabelle as frozen into a version. */
export interface FrozenFeedbackRow {
  kind: FeedbackKind;
  sourceId: string;
  reference: string;
  organisation: string;
  author: string | null;
  content: string;
  category: DispositionCategory | null;
  justification: string;
}

/** One organisation's released position on a measure as frozen into a version. */
export interface FrozenPosition {
  measureCode: string;
  organisation: string;
  stance: string;
  reasoning: string;
  conditions: string;
}

/**
 * A named version (Fassung): the frozen state of all sections and measures. Rows of this table
 * and of version_sections/version_measures never change; a trigger rejects UPDATE and DELETE.
 */
export const versions = pgTable(
  "versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id),
    name: text("name").notNull(),
    /** The consultation's title when frozen, so exports read the same later. */
    consultationTitle: text("consultation_title").notNull(),
    feedback: jsonb("feedback").$type<FrozenFeedbackRow[]>().notNull().default([]),
    positions: jsonb("positions").$type<FrozenPosition[]>().notNull().default([]),
    frozenBy: uuid("frozen_by").references(() => users.id),
    frozenByName: text("frozen_by_name"),
    frozenAt: timestamp("frozen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("versions_consultation_name_unique").on(t.consultationId, t.name),
    index("versions_consultation_idx").on(t.consultationId, t.frozenAt),
  ],
);

/** A section's text as of a version; section_id has no foreign key so sections can go later. */
export const versionSections = pgTable(
  "version_sections",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => versions.id),
    sectionId: uuid("section_id").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    blocks: jsonb("blocks").$type<unknown[]>().notNull(),
    text: text("text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.sectionId] })],
);

/** A measure's fields as of a version. */
export const versionMeasures = pgTable(
  "version_measures",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => versions.id),
    measureId: uuid("measure_id").notNull(),
    code: text("code").notNull(),
    fields: jsonb("fields").$type<Record<string, string>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.measureId] })],
);
