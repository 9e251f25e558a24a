import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  consultationMembers,
  consultations,
  memberships,
  phaseDeadlines,
  sectionEditGrants,
  sections,
} from "#db/schema/index.ts";
import { type Phase, type Role } from "#common/vocabularies.ts";
import { can, denial, type Action, type Actor, type Resource } from "#server/auth/policy.ts";
import { forbidden, notFound } from "./errors.ts";
import type { User } from "./user.ts";

export interface ConsultationAccess {
  consultation: typeof consultations.$inferSelect;
  deadlines: { phase: Phase; endsAt: Date }[];
  actor: Actor;
  /** The actor's role; admins who are not members act as moderators. */
  role: Role;
  /** The organisation writes are attributed to (null for an admin without membership). */
  organisationId: string | null;
  resource: Extract<Resource, { type: "consultation" }>;
  can(action: Action): boolean;
}

/** True once the consultation phase's deadline (Beteiligungsfrist) has passed. */
export function contributionDeadlinePassed(
  deadlines: { phase: Phase; endsAt: Date }[],
  now = new Date(),
): boolean {
  const end = deadlines.find((d) => d.phase === "consultation")?.endsAt;
  return end !== undefined && end.getTime() <= now.getTime();
}

/**
 * Join condition from a consultation membership to the organisation membership it acts for. A
 * consultation member acts for an organisation only while they still belong to it: joined with
 * an inner join, a removed organisation membership ends the consultation membership at once.
 */
export const currentOrganisationMembership = and(
  eq(memberships.userId, consultationMembers.userId),
  eq(memberships.organisationId, consultationMembers.organisationId),
)!;

/**
 * Loads a consultation with the user's membership (only while the user still belongs to the
 * organisation the membership acts for). Throws not_found when it does not exist or
 * the user is neither a member nor an admin, so that non-members learn nothing about it.
 */
export async function consultationAccess(
  db: Database,
  user: Pick<User, "id" | "isAdmin">,
  consultationId: string,
  now = new Date(),
): Promise<ConsultationAccess> {
  if (!isUuid(consultationId)) throw notFound();
  const member = membershipOf(db, user.id);
  const [row] = await db
    .select({ consultation: consultations, ...memberFields(member), deadlines: deadlinesJson })
    .from(consultations)
    .leftJoin(member, eq(member.memberConsultationId, consultations.id))
    .where(eq(consultations.id, consultationId));
  if (!row) throw notFound();
  return accessOf(user, row.consultation, row, row.deadlines, now);
}

/**
 * The user's membership in each consultation, only while they still belong to the organisation
 * it acts for: a subquery, so that a consultation or section and the user's access to it come
 * from one query.
 */
function membershipOf(db: Database, userId: string) {
  return db
    .select({
      memberConsultationId: consultationMembers.consultationId,
      role: consultationMembers.role,
      organisationId: consultationMembers.organisationId,
      canReleasePositions: memberships.canReleasePositions,
    })
    .from(consultationMembers)
    .innerJoin(memberships, currentOrganisationMembership)
    .where(eq(consultationMembers.userId, userId))
    .as("member");
}

function memberFields(member: ReturnType<typeof membershipOf>) {
  return {
    role: member.role,
    organisationId: member.organisationId,
    canReleasePositions: member.canReleasePositions,
  };
}

/** A JSON value as the driver hands it over: parsed already (PGlite) or as text (postgres.js). */
export function fromJson<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** The consultation's deadlines, earliest first, as a JSON array (a column of the access query). */
const deadlinesJson = sql<unknown>`(select coalesce(json_agg(json_build_object('phase', ${phaseDeadlines.phase}, 'endsAt', ${phaseDeadlines.endsAt}) order by ${phaseDeadlines.endsAt}), '[]'::json) from ${phaseDeadlines} where ${phaseDeadlines.consultationId} = ${consultations.id})`;

/** What the user may do in the consultation, from its row, their membership and its deadlines. */
function accessOf(
  user: Pick<User, "id" | "isAdmin">,
  consultation: typeof consultations.$inferSelect,
  member: {
    role: Role | null;
    organisationId: string | null;
    canReleasePositions: boolean | null;
  },
  deadlinesValue: unknown,
  now: Date,
): ConsultationAccess {
  if (!member.role && !user.isAdmin) throw notFound();
  const deadlines = fromJson<{ phase: Phase; endsAt: string }[]>(deadlinesValue).map((d) => ({
    phase: d.phase,
    endsAt: new Date(d.endsAt),
  }));
  const actor: Actor = {
    userId: user.id,
    isAdmin: user.isAdmin,
    membership: member.role
      ? {
          role: member.role,
          organisationId: member.organisationId!,
          canReleasePositions: member.canReleasePositions!,
        }
      : null,
  };
  const resource = {
    type: "consultation" as const,
    phase: consultation.phase,
    deadlinePassed: contributionDeadlinePassed(deadlines, now),
  };
  return {
    consultation,
    deadlines,
    actor,
    role: user.isAdmin ? "moderator" : member.role!,
    organisationId: member.organisationId ?? null,
    resource,
    can: (action) => can(actor, action, resource),
  };
}

/**
 * Whom a page is for: the user, whose access the page loads, or their access to the consultation
 * when the caller has loaded it already (a loader that shows several page parts loads it once).
 */
export type Viewer = Pick<User, "id" | "isAdmin"> | ConsultationAccess;

/** The viewer's access to the consultation: the one given, when it is for this consultation, or loaded. */
export async function pageAccess(
  db: Database,
  viewer: Viewer,
  consultationId: string,
  now = new Date(),
): Promise<ConsultationAccess> {
  if ("actor" in viewer) {
    if (viewer.consultation.id !== consultationId) throw notFound();
    return viewer;
  }
  return consultationAccess(db, viewer, consultationId, now);
}

export interface SectionAccess extends Omit<ConsultationAccess, "can" | "resource"> {
  section: typeof sections.$inferSelect;
  resource: Extract<Resource, { type: "section" }>;
  can(action: Action): boolean;
}

/** Loads a section and what the user may do with it; not_found for unknown ids and non-members. */
export async function sectionAccess(
  db: Database,
  user: Pick<User, "id" | "isAdmin">,
  sectionId: string,
  now = new Date(),
): Promise<SectionAccess> {
  return (await sectionAccessWith(db, user, sectionId, null, now)).access;
}

/**
 * A section's access from one query, with an `extra` column of the page that asks for it read in
 * the same query (a page then costs no further round trip for what belongs to the section; the
 * column may refer to the `sections` row).
 */
export async function sectionAccessWith(
  db: Database,
  user: Pick<User, "id" | "isAdmin">,
  sectionId: string,
  extra: SQL<unknown> | null,
  now = new Date(),
): Promise<{ access: SectionAccess; extra: unknown }> {
  if (!isUuid(sectionId)) throw notFound();
  const member = membershipOf(db, user.id);
  const [row] = await db
    .select({
      extra: extra ?? sql<unknown>`null`,
      section: sections,
      consultation: consultations,
      ...memberFields(member),
      deadlines: deadlinesJson,
      grants: sql<unknown>`(select coalesce(json_agg(${sectionEditGrants.organisationId}), '[]'::json) from ${sectionEditGrants} where ${sectionEditGrants.sectionId} = ${sections.id})`,
    })
    .from(sections)
    .innerJoin(consultations, eq(consultations.id, sections.consultationId))
    .leftJoin(member, eq(member.memberConsultationId, consultations.id))
    .where(eq(sections.id, sectionId));
  if (!row) throw notFound();
  const access = accessOf(user, row.consultation, row, row.deadlines, now);
  return {
    access: sectionAccessFrom(access, row.section, fromJson<string[]>(row.grants)),
    extra: row.extra,
  };
}

/**
 * A section's access derived from the consultation's, for pages that show many sections: the
 * same permissions as sectionAccess, given the organisations granted to edit the section.
 */
export function sectionAccessFrom(
  access: ConsultationAccess,
  section: typeof sections.$inferSelect,
  grantedOrganisationIds: string[],
): SectionAccess {
  const resource = {
    type: "section" as const,
    phase: access.consultation.phase,
    deadlinePassed: access.resource.deadlinePassed,
    locked: section.locked,
    grantedOrganisationIds,
  };
  const { can: _can, resource: _resource, ...rest } = access;
  return {
    ...rest,
    section,
    resource,
    can: (action) => can(access.actor, action, resource),
  };
}

/** The policy resource for one organisation's position in the consultation. */
export function positionResource(
  access: Pick<ConsultationAccess, "resource">,
  organisationId: string,
): Extract<Resource, { type: "position" }> {
  return {
    type: "position",
    phase: access.resource.phase,
    deadlinePassed: access.resource.deadlinePassed,
    organisationId,
  };
}

/** Throws forbidden with the policy's reason unless the action is allowed. */
export function requirePermission(
  access: { actor: Actor; resource: Resource },
  action: Action,
): void {
  const reason = denial(access.actor, action, access.resource);
  if (reason) throw forbidden(reason);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
