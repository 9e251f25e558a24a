import { sql } from "drizzle-orm";
import {
  customType,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { sections } from "./consultations.ts";

/** PostgreSQL's tsvector, read only inside SQL (never selected into JavaScript). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * Which stored state of a section's document its search text was taken from (ADR 016): the
 * `DocStorage.states` marker read before the text. A search re-reads the text of a section whose
 * marker changed since; nothing on the editing path writes here.
 */
export const sectionSearchStates = pgTable("section_search_states", {
  sectionId: uuid("section_id")
    .primaryKey()
    .references(() => sections.id, { onDelete: "cascade" }),
  state: text("state").notNull(),
  indexedAt: timestamp("indexed_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The plain text of each top-level block of a section's document, numbered in document order, with
 * its German text-search vector (ADR 016). Derived data: rebuilt from the document at any time.
 */
export const sectionSearchBlocks = pgTable(
  "section_search_blocks",
  {
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
    block: integer("block").notNull(),
    text: text("text").notNull(),
    words: tsvector("words")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('german'::regconfig, "text")`),
  },
  (t) => [primaryKey({ columns: [t.sectionId, t.block] })],
);
