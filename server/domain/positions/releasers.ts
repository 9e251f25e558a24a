import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { consultationMembers, memberships, users } from "#db/schema/index.ts";
import { denial, type Actor, type Denial, type Resource } from "#server/auth/policy.ts";
import { currentOrganisationMembership } from "../access.ts";

/** Reasons that close releasing for everyone alike: the person still holds the right. */
const FOR_EVERYONE: ReadonlySet<Denial> = new Set(["phase_closed", "deadline_passed"]);

/**
 * Who may release the organisation's position in this consultation (issue 12 item 17): its
 * consultation members with an active account whom the policy lets release it, apart from the
 * phase and the deadline, which close releasing for everyone and are shown on the page anyway.
 */
export async function releasersOf(
  db: Database,
  consultationId: string,
  resource: Extract<Resource, { type: "position" }>,
): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      isAdmin: users.isAdmin,
      role: consultationMembers.role,
      canReleasePositions: memberships.canReleasePositions,
    })
    .from(consultationMembers)
    .innerJoin(memberships, currentOrganisationMembership)
    .innerJoin(users, eq(users.id, consultationMembers.userId))
    .where(
      and(
        eq(consultationMembers.consultationId, consultationId),
        eq(consultationMembers.organisationId, resource.organisationId),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.name));
  return rows
    .filter((row) => {
      const actor: Actor = {
        userId: row.id,
        isAdmin: row.isAdmin,
        membership: {
          role: row.role,
          organisationId: resource.organisationId,
          canReleasePositions: row.canReleasePositions,
        },
      };
      const reason = denial(actor, "position.release", resource);
      return reason === null || FOR_EVERYONE.has(reason);
    })
    .map(({ id, name }) => ({ id, name }));
}
