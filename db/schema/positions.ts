import {
  bigint,
  bigserial,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { measures } from "./measures.ts";
import { organisations } from "./organisations.ts";
import { users } from "./users.ts";
import { stances } from "#common/vocabularies.ts";

export const stance = pgEnum("position_stance", stances);

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
