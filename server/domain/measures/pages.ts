import { asc, eq } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { measures, organisations, requirements, sections } from "#db/schema/index.ts";
import { denial } from "#server/auth/policy.ts";
import type { Services } from "#server/services.ts";
import {
  isUuid,
  pageAccess,
  requirePermission,
  type ConsultationAccess,
  type Viewer,
} from "../access.ts";
import { DomainError, notFound } from "../errors.ts";
import { measurePositions } from "../positions/revisions.ts";
import { measureHistory } from "./history.ts";
import { nextMeasureCode } from "./next-code.ts";
import { applyMeasureQuery, inScope, measureTotals, type MeasureQuery } from "./query.ts";
import { deletable, measureReferences } from "./archive.ts";
import { loadMeasureRows, type MeasureRow } from "./rows.ts";

/** The choices of the plan's filters and the measure form. */
async function filterOptions(db: Database, consultationId: string) {
  const [organisationRows, sectionRows, requirementRows] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .orderBy(asc(organisations.name)),
    db
      .select({ id: sections.id, title: sections.title, position: sections.position })
      .from(sections)
      .where(eq(sections.consultationId, consultationId))
      .orderBy(asc(sections.position)),
    db
      .select({ id: requirements.id, title: requirements.title })
      .from(requirements)
      .where(eq(requirements.consultationId, consultationId))
      .orderBy(asc(requirements.title)),
  ]);
  return { organisations: organisationRows, sections: sectionRows, requirements: requirementRows };
}

/** What the measure pages show of the consultation. */
function consultationSummary(access: ConsultationAccess) {
  const deadline = access.deadlines.find((d) => d.phase === "consultation")?.endsAt ?? null;
  return {
    id: access.consultation.id,
    title: access.consultation.title,
    phase: access.consultation.phase,
    contributionDeadline: deadline,
    deadlinePassed: access.resource.deadlinePassed ?? false,
  };
}

/** The measures plan: filtered and sorted rows, totals, filter choices and what the user may do. */
export async function measuresPlan(
  { db }: Services,
  viewer: Viewer,
  consultationId: string,
  query: MeasureQuery,
  now = new Date(),
) {
  const access = await pageAccess(db, viewer, consultationId, now);
  requirePermission(access, "consultation.view");
  const all = await loadMeasureRows(db, consultationId);
  const rows = applyMeasureQuery(all, query);
  return {
    consultation: consultationSummary(access),
    rows,
    total: inScope(all, query).length,
    archivedCount: all.filter((row) => row.archivedAt !== null).length,
    totals: measureTotals(rows),
    options: await filterOptions(db, consultationId),
    permissions: { edit: access.can("measure.edit") },
    now,
  };
}

/** One measure with its links, change history and the positions the user may see. */
export async function measureDetail(
  { db }: Services,
  viewer: Viewer,
  consultationId: string,
  measureId: string,
  now = new Date(),
) {
  const access = await pageAccess(db, viewer, consultationId, now);
  requirePermission(access, "consultation.view");
  if (!isUuid(measureId)) throw notFound();
  const [[row], history, positions] = await Promise.all([
    loadMeasureRows(db, consultationId, measureId),
    measureHistory(db, measureId),
    measurePositions(db, access, measureId),
  ]);
  if (!row) throw notFound();
  const archived = row.archivedAt !== null;
  const mayDelete = access.can("measure.delete");
  const references = mayDelete ? await measureReferences(db, consultationId, measureId) : null;
  return {
    consultation: consultationSummary(access),
    measure: row,
    history,
    positions,
    references,
    permissions: {
      edit: !archived && access.can("measure.edit"),
      archive: !archived && access.can("measure.archive"),
      restore: archived && access.can("measure.archive"),
      delete: references !== null && deletable(references),
      recordPosition: !archived && access.organisationId !== null && access.can("position.record"),
      positionDenial: denial(access.actor, "position.record", access.resource),
    },
    now,
  };
}

/** The choices of the measure form (organisations, sections, requirements) and the measure to edit. */
export async function measureForm(
  { db }: Services,
  viewer: Viewer,
  consultationId: string,
  measureId?: string,
) {
  const access = await pageAccess(db, viewer, consultationId);
  requirePermission(access, "measure.edit");
  let measure: MeasureRow | null = null;
  let nextCode: string | null = null;
  if (measureId !== undefined) {
    if (!isUuid(measureId)) throw notFound();
    [measure = null] = await loadMeasureRows(db, consultationId, measureId);
    if (!measure) throw notFound();
    if (measure.archivedAt) throw new DomainError("conflict", "archive.readOnly");
  } else {
    const codes = await db
      .select({ code: measures.code })
      .from(measures)
      .where(eq(measures.consultationId, consultationId));
    nextCode = nextMeasureCode(codes.map((c) => c.code));
  }
  return {
    consultation: consultationSummary(access),
    measure,
    /** The next free number, as the code field's hint on a new measure. */
    nextCode,
    options: await filterOptions(db, consultationId),
  };
}
