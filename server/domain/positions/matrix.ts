import { and, asc, eq, isNull, ne, notExists, gt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "#db/client.ts";
import {
  consultationMembers,
  measures,
  organisations,
  positionRevisions,
  positions,
} from "#db/schema/index.ts";
import { stances, type Stance } from "#common/vocabularies.ts";
import type { Services } from "#server/services.ts";
import { pageAccess, requirePermission, type Viewer } from "../access.ts";
import { latestReleasedRevisions } from "../read-models/released-positions.ts";
import { draftExistenceVisible } from "./visibility.ts";

const newer = alias(positionRevisions, "newer");

/** The positions of a consultation whose newest revision is a draft, not released yet. */
function positionsWithDraft(db: Database, consultationId: string) {
  return db
    .select({ measureId: positions.measureId, organisationId: positions.organisationId })
    .from(positionRevisions)
    .innerJoin(positions, eq(positions.id, positionRevisions.positionId))
    .innerJoin(measures, eq(measures.id, positions.measureId))
    .where(
      and(
        eq(measures.consultationId, consultationId),
        isNull(positionRevisions.releasedAt),
        notExists(
          db
            .select({ id: newer.id })
            .from(newer)
            .where(
              and(
                eq(newer.positionId, positionRevisions.positionId),
                gt(newer.id, positionRevisions.id),
              ),
            ),
        ),
      ),
    );
}

export type MatrixCell =
  | { state: "released"; stance: Stance; releasedAt: Date; hasNewerDraft: boolean }
  | { state: "draft" }
  | { state: "missing" };

/**
 * Organisations × measures: each released stance, the still missing cells, and the counts per
 * measure. Only released positions count. Moderators (and the organisation itself) also see that a
 * draft exists, never its content. Organisations are those with writing members in the
 * consultation plus any that have released a position.
 */
export async function positionsMatrix(
  { db }: Services,
  viewer: Viewer,
  consultationId: string,
  now = new Date(),
) {
  const access = await pageAccess(db, viewer, consultationId, now);
  requirePermission(access, "consultation.view");
  const [measureRows, released, drafts, memberOrganisations] = await Promise.all([
    db
      .select({ id: measures.id, code: measures.code, title: measures.title })
      .from(measures)
      .where(and(eq(measures.consultationId, consultationId), isNull(measures.archivedAt)))
      .orderBy(asc(measures.code)),
    latestReleasedRevisions(db, { consultationId }),
    positionsWithDraft(db, consultationId),
    db
      .selectDistinct({ id: organisations.id, name: organisations.name })
      .from(consultationMembers)
      .innerJoin(organisations, eq(organisations.id, consultationMembers.organisationId))
      .where(
        and(
          eq(consultationMembers.consultationId, consultationId),
          ne(consultationMembers.role, "observer"),
        ),
      ),
  ]);
  const organisationMap = new Map(memberOrganisations.map((o) => [o.id, o.name]));
  for (const r of released) organisationMap.set(r.organisationId, r.organisation);
  const organisationList = [...organisationMap.entries()]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "de"));

  const key = (measureId: string, organisationId: string) => `${measureId}:${organisationId}`;
  const current = new Map(released.map((r) => [key(r.measureId, r.organisationId), r]));
  const withDraft = new Set(drafts.map((d) => key(d.measureId, d.organisationId)));
  const cells: Record<string, Record<string, MatrixCell>> = {};
  const counts: Record<string, Record<Stance | "missing", number>> = {};
  for (const measure of measureRows) {
    cells[measure.id] = {};
    const count = Object.fromEntries([...stances, "missing"].map((k) => [k, 0])) as Record<
      Stance | "missing",
      number
    >;
    for (const organisation of organisationList) {
      const position = current.get(key(measure.id, organisation.id));
      const draftVisible =
        withDraft.has(key(measure.id, organisation.id)) &&
        draftExistenceVisible(access, organisation.id);
      let cell: MatrixCell;
      if (position) {
        cell = {
          state: "released",
          stance: position.stance,
          releasedAt: position.releasedAt,
          hasNewerDraft: draftVisible,
        };
        count[position.stance] += 1;
      } else {
        cell = draftVisible ? { state: "draft" } : { state: "missing" };
        count.missing += 1;
      }
      cells[measure.id]![organisation.id] = cell;
    }
    counts[measure.id] = count;
  }
  return {
    consultation: {
      id: access.consultation.id,
      title: access.consultation.title,
      contributionDeadline:
        access.deadlines.find((d) => d.phase === "consultation")?.endsAt ?? null,
      deadlinePassed: access.resource.deadlinePassed ?? false,
      open: access.resource.phase === "drafting" || access.resource.phase === "consultation",
    },
    measures: measureRows,
    organisations: organisationList,
    cells,
    counts,
    ownOrganisationId: access.organisationId,
    permissions: { monitor: access.can("position.monitor") },
    now,
  };
}
