import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only audit log. A trigger (migration 0001) rejects UPDATE and DELETE, so the
 * application cannot rewrite history. Actor columns are plain values, not foreign keys,
 * so that the record outlives the user or organisation it names.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label"),
    actingOrganisationId: uuid("acting_organisation_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    consultationId: uuid("consultation_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
  },
  (t) => [
    index("audit_log_consultation_idx").on(t.consultationId, t.at),
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
  ],
);
