import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  consultationMembers,
  consultations,
  organisations,
  phaseDeadlines,
  phases,
  sections,
  users,
  type Phase,
} from "#db/schema/index.ts";
import { audit } from "#server/audit.ts";
import type { SessionUser } from "#server/auth/session.ts";
import { consultationAccess, requirePermission } from "./access.ts";
import { invalid } from "./errors.ts";

type User = Pick<SessionUser, "id" | "isAdmin">;

/** The next deadline that has not passed yet, if any. */
function nextDeadline(deadlines: { phase: Phase; endsAt: Date }[], now: Date) {
  return deadlines
    .filter((d) => d.endsAt.getTime() > now.getTime())
    .sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime())[0];
}

/** "Meine Verfahren": the consultations the user belongs to (admins see all), with phase and next deadline. */
export async function listMyConsultations(db: Database, user: User, now = new Date()) {
  const rows = user.isAdmin
    ? await db
        .select({
          id: consultations.id,
          title: consultations.title,
          phase: consultations.phase,
          role: consultationMembers.role,
        })
        .from(consultations)
        .leftJoin(
          consultationMembers,
          and(
            eq(consultationMembers.consultationId, consultations.id),
            eq(consultationMembers.userId, user.id),
          ),
        )
        .orderBy(asc(consultations.title))
    : await db
        .select({
          id: consultations.id,
          title: consultations.title,
          phase: consultations.phase,
          role: consultationMembers.role,
        })
        .from(consultationMembers)
        .innerJoin(consultations, eq(consultations.id, consultationMembers.consultationId))
        .where(eq(consultationMembers.userId, user.id))
        .orderBy(asc(consultations.title));
  if (rows.length === 0) return [];
  const deadlines = await db
    .select()
    .from(phaseDeadlines)
    .where(
      inArray(
        phaseDeadlines.consultationId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((row) => ({
    ...row,
    role: row.role ?? ("moderator" as const),
    nextDeadline:
      nextDeadline(
        deadlines.filter((d) => d.consultationId === row.id),
        now,
      ) ?? null,
  }));
}

/** Everything the consultation overview shows; not_found for non-members. */
export async function consultationOverview(
  db: Database,
  user: User,
  consultationId: string,
  now = new Date(),
) {
  const access = await consultationAccess(db, user, consultationId, now);
  const sectionRows = await db
    .select({
      id: sections.id,
      title: sections.title,
      position: sections.position,
      status: sections.status,
      locked: sections.locked,
      leadOrganisation: organisations.name,
    })
    .from(sections)
    .leftJoin(organisations, eq(organisations.id, sections.leadOrganisationId))
    .where(eq(sections.consultationId, consultationId))
    .orderBy(asc(sections.position));
  const members = await db
    .select({
      userId: users.id,
      name: users.name,
      role: consultationMembers.role,
      organisation: organisations.name,
    })
    .from(consultationMembers)
    .innerJoin(users, eq(users.id, consultationMembers.userId))
    .innerJoin(organisations, eq(organisations.id, consultationMembers.organisationId))
    .where(eq(consultationMembers.consultationId, consultationId))
    .orderBy(asc(users.name));
  return {
    consultation: access.consultation,
    deadlines: access.deadlines,
    nextDeadline: nextDeadline(access.deadlines, now) ?? null,
    role: access.role,
    sections: sectionRows,
    members,
    permissions: {
      manage: access.can("consultation.manage"),
      manageMembers: access.can("member.manage"),
      viewAudit: access.can("audit.view"),
    },
  };
}

/** Moves a consultation to another phase (moderators); audited. */
export async function changePhase(
  db: Database,
  user: User & { email: string },
  input: { consultationId: string; phase: string; ip?: string },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "consultation.manage");
  if (!(phases as readonly string[]).includes(input.phase))
    throw invalid({ phase: "form.invalid" });
  const phase = input.phase as Phase;
  if (phase === access.consultation.phase) return;
  await db.transaction(async (tx) => {
    await tx
      .update(consultations)
      .set({ phase, updatedAt: sql`now()` })
      .where(eq(consultations.id, input.consultationId));
    await audit(tx, {
      actorUserId: user.id,
      actorLabel: user.email,
      actingOrganisationId: access.organisationId,
      action: "consultation.phase_changed",
      targetType: "consultation",
      targetId: input.consultationId,
      consultationId: input.consultationId,
      details: { from: access.consultation.phase, to: phase },
      ip: input.ip,
    });
  });
}
