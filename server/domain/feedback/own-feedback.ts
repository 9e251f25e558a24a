import { and, eq, exists, isNotNull, or, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  commentThreads,
  consultations,
  measures,
  positionRevisions,
  positions,
  requirements,
} from "#db/schema/index.ts";
import type { ConsultationAccess } from "../access.ts";

/**
 * Whether the organisation the user acts for has given feedback in the consultation: a comment
 * thread or suggestion, a requirement, or a released position (the sources of the feedback items
 * in items.ts). Only then does "Abwägung unserer Beiträge" have anything to answer; users without
 * an organisation have none. One query with three EXISTS, cheap enough for every page of the
 * consultation layout.
 */
export async function hasOwnFeedback(
  db: Database,
  access: Pick<ConsultationAccess, "consultation" | "organisationId">,
): Promise<boolean> {
  const organisationId = access.organisationId;
  if (organisationId === null) return false;
  const consultationId = access.consultation.id;
  const thread = db
    .select({ one: sql`1` })
    .from(commentThreads)
    .where(
      and(
        eq(commentThreads.consultationId, consultationId),
        eq(commentThreads.organisationId, organisationId),
      ),
    );
  const requirement = db
    .select({ one: sql`1` })
    .from(requirements)
    .where(
      and(
        eq(requirements.consultationId, consultationId),
        eq(requirements.organisationId, organisationId),
      ),
    );
  const position = db
    .select({ one: sql`1` })
    .from(positions)
    .innerJoin(measures, eq(measures.id, positions.measureId))
    .innerJoin(positionRevisions, eq(positionRevisions.positionId, positions.id))
    .where(
      and(
        eq(measures.consultationId, consultationId),
        eq(positions.organisationId, organisationId),
        isNotNull(positionRevisions.releasedAt),
      ),
    );
  const [row] = await db
    .select({ any: sql<boolean>`${or(exists(thread), exists(requirement), exists(position))}` })
    .from(consultations)
    .where(eq(consultations.id, consultationId));
  return row?.any === true;
}
