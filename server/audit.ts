import type { Database } from "#db/client.ts";
import { auditLog } from "#db/schema/index.ts";

/** Who acted, for whom and from where: the same for every entry one request writes. */
export interface Acting {
  userId: string | null;
  /** A readable name for the actor at the time (kept even if the user is later deleted). */
  label: string | null;
  organisationId: string | null;
  ip: string | null;
}

/** What happened. */
export interface AuditRecord {
  action: string;
  targetType: string;
  targetId?: string | null;
  consultationId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The actor of a request: the user, the organisation they act for in this consultation (from
 * their access, when the action belongs to one) and the client address.
 */
export function acting(
  user: { id: string; email: string } | null,
  access?: { organisationId: string | null } | null,
  ip?: string | null,
): Acting {
  return {
    userId: user?.id ?? null,
    label: user?.email ?? null,
    organisationId: access?.organisationId ?? null,
    ip: ip ?? null,
  };
}

type Executor = Pick<Database, "insert">;

/**
 * Appends one entry to the audit log; resolves after the row is written (in the caller's
 * transaction if given one, so the entry commits or rolls back with the change it records).
 */
export async function audit(db: Executor, by: Acting, record: AuditRecord): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: by.userId,
    actorLabel: by.label,
    actingOrganisationId: by.organisationId,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId ?? null,
    consultationId: record.consultationId ?? null,
    details: record.details ?? {},
    ip: by.ip,
  });
}
