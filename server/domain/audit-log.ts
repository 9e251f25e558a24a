import { and, desc, eq, lt } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { auditLog, organisations, users } from "#db/schema/index.ts";
import type { SessionUser } from "#server/auth/session.ts";
import { consultationAccess, requirePermission } from "./access.ts";

export const AUDIT_PAGE_SIZE = 100;

/** The consultation's audit trail, newest first, a page at a time (moderators and admins). */
export async function consultationAuditLog(
  db: Database,
  user: Pick<SessionUser, "id" | "isAdmin">,
  consultationId: string,
  beforeId?: number,
) {
  const access = await consultationAccess(db, user, consultationId);
  requirePermission(access, "audit.view");
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      actor: users.name,
      actorLabel: auditLog.actorLabel,
      organisation: organisations.name,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.actingOrganisationId))
    .where(
      and(
        eq(auditLog.consultationId, consultationId),
        beforeId ? lt(auditLog.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    entries: rows.slice(0, AUDIT_PAGE_SIZE),
    nextBeforeId: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1].id : null,
  };
}
