import { eq } from "drizzle-orm";
import { organisations } from "#db/schema/index.ts";
import { can, denial } from "#server/auth/policy.ts";
import type { Services } from "#server/services.ts";
import { pageAccess, positionResource, requirePermission, type Viewer } from "../access.ts";
import { forbidden } from "../errors.ts";
import { releasersOf } from "./releasers.ts";
import { findMeasure, positionState, revisionsOf } from "./revisions.ts";

/** The position page of the user's organisation for one measure: history, draft, permissions. */
export async function positionPage(
  { db }: Services,
  viewer: Viewer,
  consultationId: string,
  measureId: string,
  now = new Date(),
) {
  const access = await pageAccess(db, viewer, consultationId, now);
  requirePermission(access, "consultation.view");
  const measure = await findMeasure(db, consultationId, measureId);
  // Admins without a membership speak for no organisation: there is no position to show them.
  if (!access.organisationId) throw forbidden("other_organisation");
  const [organisation] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, access.organisationId));
  const revisions = await revisionsOf(db, [measureId], access.organisationId);
  const resource = positionResource(access, access.organisationId);
  const releasers = await releasersOf(db, access.consultation.id, resource);
  return {
    consultation: {
      id: access.consultation.id,
      title: access.consultation.title,
      contributionDeadline:
        access.deadlines.find((d) => d.phase === "consultation")?.endsAt ?? null,
      deadlinePassed: access.resource.deadlinePassed ?? false,
    },
    measure,
    organisation: organisation!,
    revisions,
    ...positionState(revisions),
    /** Who may release this position: named on the page, so drafts do not wait unnoticed. */
    releasers,
    permissions: {
      record: !measure.archived && can(access.actor, "position.record", resource),
      recordDenial: denial(access.actor, "position.record", resource),
      release: !measure.archived && can(access.actor, "position.release", resource),
      releaseDenial: denial(access.actor, "position.release", resource),
    },
    now,
  };
}
