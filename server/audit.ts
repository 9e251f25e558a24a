import type { Database } from "#db/client.ts";
import { auditLog } from "#db/schema/index.ts";

export interface AuditEntry {
  actorUserId?: string | null;
  /** A readable name for the actor at the time (kept even if the user is later deleted). */
  actorLabel?: string | null;
  actingOrganisationId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  consultationId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

type Executor = Pick<Database, "insert">;

/** Appends one entry to the audit log; resolves after the row is written (in the caller's transaction if given one). */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: entry.actorUserId ?? null,
    actorLabel: entry.actorLabel ?? null,
    actingOrganisationId: entry.actingOrganisationId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    consultationId: entry.consultationId ?? null,
    details: entry.details ?? {},
    ip: entry.ip ?? null,
  });
}
