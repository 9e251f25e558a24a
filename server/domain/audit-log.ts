import { and, count, desc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { auditLog, organisations, users } from "#db/schema/index.ts";
import type { AuditSentence } from "#common/audit-sentence.ts";
import { consultationAccess, requirePermission, type ConsultationAccess } from "./access.ts";
import { describeEntry, type DescribedEntry } from "./audit-log/describe.ts";
import { loadAuditLookup } from "./audit-log/lookup.ts";
import {
  AUDIT_PAGE_SIZE,
  auditConditions,
  auditKindOf,
  auditKinds,
  type AuditKind,
  type AuditQuery,
} from "./audit-log/query.ts";
import { draftContentVisible } from "./positions/visibility.ts";
import type { Services } from "#server/services.ts";
import type { User } from "./user.ts";

export { AUDIT_PAGE_SIZE, parseAuditQuery, type AuditQuery } from "./audit-log/query.ts";

/** The most entries one CSV export holds (newest first); narrower filters reach older ones. */
export const AUDIT_EXPORT_LIMIT = 20_000;

const NO_FILTER: AuditQuery = { person: "", organisation: "", kind: "", from: "", to: "", page: 1 };

export interface AuditEntry extends DescribedEntry {
  id: number;
  at: Date;
  kind: AuditKind;
  sentence: AuditSentence;
}

async function readEntries(
  db: Database,
  access: ConsultationAccess,
  query: AuditQuery,
  limit: number,
  offset: number,
): Promise<AuditEntry[]> {
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
    .where(auditConditions(access.consultation.id, query))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  const entries = rows.map(({ organisationId, ...entry }) =>
    // A draft's entry is shown through the draft's own rule: others learn that a draft was
    // saved for which measure, never its stance.
    entry.action === "position.drafted" && !draftContentVisible(access, organisationId)
      ? { ...entry, details: { measure: (entry.details as { measure?: unknown }).measure } }
      : entry,
  );
  const lookup = await loadAuditLookup(db, access, entries);
  return entries.map((entry) => ({
    ...entry,
    kind: auditKindOf(entry.action),
    sentence: describeEntry(entry, lookup),
  }));
}

/** Who acted and for which organisation in this consultation's log, for the filters. */
async function filterOptions(db: Database, consultationId: string) {
  const [people, orgs] = await Promise.all([
    db
      .selectDistinct({ id: users.id, name: users.name })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(eq(auditLog.consultationId, consultationId)),
    db
      .selectDistinct({ id: organisations.id, name: organisations.name })
      .from(auditLog)
      .innerJoin(organisations, eq(organisations.id, auditLog.actingOrganisationId))
      .where(
        and(eq(auditLog.consultationId, consultationId), isNotNull(auditLog.actingOrganisationId)),
      ),
  ]);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "de");
  return { people: people.sort(byName), organisations: orgs.sort(byName), kinds: auditKinds };
}

/**
 * The consultation's audit trail for moderators and admins: one page (newest first, by id) of
 * the entries matching the filters, each described as a sentence. Entries about drafts show no
 * more than the draft's visibility rule allows the reader.
 */
export async function consultationAuditLog(
  { db }: Services,
  user: User,
  consultationId: string,
  query: AuditQuery = NO_FILTER,
) {
  const access = await consultationAccess(db, user, consultationId);
  requirePermission(access, "audit.view");
  const [[{ total }], options] = await Promise.all([
    db.select({ total: count() }).from(auditLog).where(auditConditions(consultationId, query)),
    filterOptions(db, consultationId),
  ]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const entries = await readEntries(
    db,
    access,
    query,
    AUDIT_PAGE_SIZE,
    (page - 1) * AUDIT_PAGE_SIZE,
  );
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    entries,
    total,
    page,
    pages,
    options,
    /** Admins may open the stored fields of an entry (never the main text). */
    showRaw: user.isAdmin,
  };
}

/** Every entry matching the filters (up to AUDIT_EXPORT_LIMIT, newest first), for the CSV. */
export async function auditLogExport(
  { db }: Services,
  user: User,
  consultationId: string,
  query: AuditQuery,
) {
  const access = await consultationAccess(db, user, consultationId);
  requirePermission(access, "audit.view");
  return readEntries(db, access, query, AUDIT_EXPORT_LIMIT, 0);
}
