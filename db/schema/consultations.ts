import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { consultationRole, phase, sectionStatus } from "./enums.ts";
import { organisations } from "./organisations.ts";
import { users } from "./users.ts";

export const consultations = pgTable("consultations", {
  id: uuid("id").primaryKey().defaultRandom(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  phase: phase("phase").notNull().default("drafting"),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The deadline (Frist) that ends each phase of a consultation. */
export const phaseDeadlines = pgTable(
  "phase_deadlines",
  {
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    phase: phase("phase").notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.phase] })],
);

export const consultationMembers = pgTable(
  "consultation_members",
  {
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: consultationRole("role").notNull(),
    /** The organisation this member acts for in this consultation. */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.consultationId, t.userId] }),
    index("consultation_members_user_idx").on(t.userId),
  ],
);

export const sections = pgTable(
  "sections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    position: integer("position").notNull(),
    leadOrganisationId: uuid("lead_organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    status: sectionStatus("status").notNull().default("draft"),
    /** Moderators can lock a section: everyone reads only. */
    locked: boolean("locked").notNull().default(false),
    /** Starter text in a small Markdown subset (## headings, - bullets, paragraphs). */
    initialContent: text("initial_content").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sections_consultation_idx").on(t.consultationId, t.position)],
);

/** A moderator's grant that lets contributors of an organisation edit one section directly. */
export const sectionEditGrants = pgTable(
  "section_edit_grants",
  {
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sectionId, t.organisationId] })],
);
