import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "#db/client.ts";
import { measures, organisations, positionRevisions, positions, users } from "#db/schema/index.ts";
import { isUuid, type ConsultationAccess } from "../access.ts";
import { notFound } from "../errors.ts";
import { draftContentVisible, draftExistenceVisible } from "./visibility.ts";

const authors = alias(users, "author");
const releasers = alias(users, "releaser");

/** All revisions of the positions on the given measures, newest first, with author names. */
export async function revisionsOf(db: Database, measureIds: string[], organisationId?: string) {
  if (measureIds.length === 0) return [];
  return db
    .select({
      id: positionRevisions.id,
      measureId: positions.measureId,
      organisationId: positions.organisationId,
      organisation: organisations.name,
      stance: positionRevisions.stance,
      reasoning: positionRevisions.reasoning,
      conditions: positionRevisions.conditions,
      costImpactCents: positionRevisions.costImpactCents,
      author: authors.name,
      createdAt: positionRevisions.createdAt,
      releasedBy: releasers.name,
      releasedAt: positionRevisions.releasedAt,
    })
    .from(positionRevisions)
    .innerJoin(positions, eq(positions.id, positionRevisions.positionId))
    .innerJoin(organisations, eq(organisations.id, positions.organisationId))
    .leftJoin(authors, eq(authors.id, positionRevisions.authorId))
    .leftJoin(releasers, eq(releasers.id, positionRevisions.releasedBy))
    .where(
      and(
        inArray(positions.measureId, measureIds),
        organisationId ? eq(positions.organisationId, organisationId) : undefined,
      ),
    )
    .orderBy(desc(positionRevisions.id));
}

export type Revision = Awaited<ReturnType<typeof revisionsOf>>[number];

/**
 * The state of one organisation's position: the current (latest) released revision, and a draft
 * when the newest revision is not released yet. Revisions must be newest first.
 */
export function positionState(revisions: Revision[]) {
  const released = revisions.filter((r) => r.releasedAt !== null);
  const newest = revisions[0] ?? null;
  return {
    current: released[0] ?? null,
    olderReleased: released.slice(1),
    draft: newest && newest.releasedAt === null ? newest : null,
  };
}

/**
 * The positions on one measure as the user may see them: every organisation's released position
 * (with older released revisions on request); the user's own organisation also sees its draft.
 */
export async function measurePositions(
  db: Database,
  access: ConsultationAccess,
  measureId: string,
) {
  const revisions = await revisionsOf(db, [measureId]);
  const byOrganisation = new Map<string, Revision[]>();
  for (const revision of revisions) {
    const list = byOrganisation.get(revision.organisationId) ?? [];
    list.push(revision);
    byOrganisation.set(revision.organisationId, list);
  }
  const result = [...byOrganisation.entries()].map(([organisationId, list]) => {
    const state = positionState(list);
    const own = organisationId === access.organisationId;
    return {
      organisationId,
      organisation: list[0]!.organisation,
      own,
      current: state.current,
      olderReleased: state.olderReleased,
      draft: draftContentVisible(access, organisationId) ? state.draft : null,
      hasDraft: state.draft !== null && draftExistenceVisible(access, organisationId),
    };
  });
  return result
    .filter((p) => p.current || p.draft || p.hasDraft)
    .sort((a, b) => a.organisation.localeCompare(b.organisation, "de"));
}

/** The measure a position is about; not_found unless it belongs to the consultation. */
export async function findMeasure(db: Database, consultationId: string, measureId: string) {
  if (!isUuid(measureId)) throw notFound();
  const [measure] = await db
    .select({
      id: measures.id,
      code: measures.code,
      title: measures.title,
      archived: sql<boolean>`${measures.archivedAt} is not null`,
    })
    .from(measures)
    .where(and(eq(measures.id, measureId), eq(measures.consultationId, consultationId)));
  if (!measure) throw notFound();
  return measure;
}
