import { and, desc, eq, gt, inArray, isNotNull, notExists } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "#db/client.ts";
import { measures, organisations, positionRevisions, positions, users } from "#db/schema/index.ts";

const newer = alias(positionRevisions, "newer_released");

/** Whose positions to read: a whole consultation's, or those on some measures. */
export type PositionScope = { consultationId: string } | { measureIds: string[] };

/**
 * The current released revision of each position (each organisation's stance on a measure): its
 * latest released revision, newer drafts notwithstanding. One query; newest revision first.
 * Positions with no released revision are absent. Every view of "the released positions" (the
 * matrix, the consolidation sources, versions) reads them here.
 */
export async function latestReleasedRevisions(db: Database, scope: PositionScope) {
  if ("measureIds" in scope && scope.measureIds.length === 0) return [];
  return db
    .select({
      revisionId: positionRevisions.id,
      positionId: positions.id,
      measureId: measures.id,
      measureCode: measures.code,
      measureTitle: measures.title,
      organisationId: positions.organisationId,
      organisation: organisations.name,
      stance: positionRevisions.stance,
      reasoning: positionRevisions.reasoning,
      conditions: positionRevisions.conditions,
      costImpactCents: positionRevisions.costImpactCents,
      author: users.name,
      releasedAt: positionRevisions.releasedAt,
    })
    .from(positionRevisions)
    .innerJoin(positions, eq(positions.id, positionRevisions.positionId))
    .innerJoin(measures, eq(measures.id, positions.measureId))
    .innerJoin(organisations, eq(organisations.id, positions.organisationId))
    .leftJoin(users, eq(users.id, positionRevisions.authorId))
    .where(
      and(
        "consultationId" in scope
          ? eq(measures.consultationId, scope.consultationId)
          : inArray(positions.measureId, scope.measureIds),
        isNotNull(positionRevisions.releasedAt),
        notExists(
          db
            .select({ id: newer.id })
            .from(newer)
            .where(
              and(
                eq(newer.positionId, positionRevisions.positionId),
                isNotNull(newer.releasedAt),
                gt(newer.id, positionRevisions.id),
              ),
            ),
        ),
      ),
    )
    .orderBy(desc(positionRevisions.id))
    .then((rows) => rows.map((row) => ({ ...row, releasedAt: row.releasedAt! })));
}

export type ReleasedRevision = Awaited<ReturnType<typeof latestReleasedRevisions>>[number];
