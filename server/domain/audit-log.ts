import { and, desc, eq, lt } from "drizzle-orm";
import { auditLog, organisations, users } from "#db/schema/index.ts";
import { consultationAccess, requirePermission } from "./access.ts";
import { draftContentVisible } from "./positions/visibility.ts";
import type { Services } from "#server/services.ts";
import type { User } from "./user.ts";

export const AUDIT_PAGE_SIZE = 100;

/**
 * The consultation's audit trail, newest first, a page at a time (moderators and admins). Entries
 * about drafts show no more than the draft's visibility rule allows the reader.
 */
export async function consultationAuditLog(
  { db }: Services,
  user: User,
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
      organisationId: auditLog.actingOrganisationId,
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
    entries: rows.slice(0, AUDIT_PAGE_SIZE).map(({ organisationId, ...entry }) =>
      // A draft's entry is shown through the draft's own rule: others learn that a draft was
      // saved for which measure, never its stance.
      entry.action === "position.drafted" && !draftContentVisible(access, organisationId)
        ? { ...entry, details: { measure: (entry.details as { measure?: unknown }).measure } }
        : entry,
    ),
    nextBeforeId: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1].id : null,
  };
}
