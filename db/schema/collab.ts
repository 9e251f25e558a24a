import {
  bigint,
  bigserial,
  customType,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

/** Append-only Yjs update log, one row per accepted (group-committed) update of a document. */
export const docUpdates = pgTable(
  "doc_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    docName: text("doc_name").notNull(),
    update: bytea("update").notNull(),
    userId: uuid("user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("doc_updates_doc_idx").on(t.docName, t.id)],
);

/** Compacted document state: the log up to and including `upToUpdateId` folded into one update. */
export const docSnapshots = pgTable("doc_snapshots", {
  docName: text("doc_name").primaryKey(),
  state: bytea("state").notNull(),
  upToUpdateId: bigint("up_to_update_id", { mode: "number" }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
