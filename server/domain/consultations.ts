import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  consultationMembers,
  consultations,
  memberships,
  organisations,
  phaseDeadlines,
  sections,
  users,
} from "#db/schema/index.ts";
import { phases, type Phase } from "#common/vocabularies.ts";
import { acting, audit } from "#server/audit.ts";
import { can } from "#server/auth/policy.ts";
import { consultationAccess, currentOrganisationMembership, requirePermission } from "./access.ts";
import { missingDispositions } from "./consolidation.ts";
import { forbidden, invalid } from "./errors.ts";
import { withLinks } from "./read-models/linked.ts";
import { parseLocalDateTime, toLocalDateTime } from "./time.ts";
import { cleanText } from "#common/text.ts";
import type { Services } from "#server/services.ts";
import type { User } from "./user.ts";

/** The next deadline that has not passed yet, if any. */
function nextDeadline(deadlines: { phase: Phase; endsAt: Date }[], now: Date) {
  return deadlines
    .filter((d) => d.endsAt.getTime() > now.getTime())
    .sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime())[0];
}

/** The phase deadlines of consultations. */
const deadlinesOf = (db: Database, ids: string[]) =>
  db
    .select({
      ownerId: phaseDeadlines.consultationId,
      phase: phaseDeadlines.phase,
      endsAt: phaseDeadlines.endsAt,
    })
    .from(phaseDeadlines)
    .where(inArray(phaseDeadlines.consultationId, ids));

/** "Meine Verfahren": the consultations the user belongs to (admins see all), with phase and next deadline. */
export async function listMyConsultations({ db }: Services, user: User, now = new Date()) {
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
        .innerJoin(memberships, currentOrganisationMembership)
        .innerJoin(consultations, eq(consultations.id, consultationMembers.consultationId))
        .where(eq(consultationMembers.userId, user.id))
        .orderBy(asc(consultations.title));
  const withDeadlines = await withLinks(db, rows, { deadlines: deadlinesOf });
  return withDeadlines.map(({ deadlines, ...row }) => ({
    ...row,
    role: row.role ?? ("moderator" as const),
    nextDeadline: nextDeadline(deadlines, now) ?? null,
  }));
}

/** Everything the consultation overview shows; not_found for non-members. */
export async function consultationOverview(
  { db }: Services,
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
  { db, collab }: Services,
  user: User,
  input: { consultationId: string; phase: string; ip?: string },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "consultation.manage");
  if (!(phases as readonly string[]).includes(input.phase))
    throw invalid({ phase: "form.invalid" });
  const phase = input.phase as Phase;
  if (phase === access.consultation.phase) return;
  // Phase gate (consolidation): the council may only receive a text whose feedback is all answered.
  if (
    phase === "submission" &&
    (await missingDispositions({ db }, input.consultationId)).length > 0
  ) {
    throw invalid({ phase: "consolidation.gateMissing" });
  }
  await db.transaction(async (tx) => {
    await tx
      .update(consultations)
      .set({ phase, updatedAt: sql`now()` })
      .where(eq(consultations.id, input.consultationId));
    await audit(tx, acting(user, access, input.ip), {
      action: "consultation.phase_changed",
      targetType: "consultation",
      targetId: input.consultationId,
      consultationId: input.consultationId,
      details: { from: access.consultation.phase, to: phase },
    });
  });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ consultationId: input.consultationId });
}

/** Creates a consultation in the drafting phase (platform admins); audited. */
export async function createConsultation(
  { db }: Services,
  user: User,
  input: { title: string; description: string; ip?: string },
): Promise<{ id: string }> {
  if (
    !can({ userId: user.id, isAdmin: user.isAdmin }, "consultation.create", { type: "platform" })
  ) {
    throw forbidden("role");
  }
  const title = cleanText(input.title);
  const description = cleanText(input.description);
  const errors: Record<string, string> = {};
  if (!title) errors.title = "form.required";
  else if (title.length > 200) errors.title = "form.tooLong";
  if (description.length > 5000) errors.description = "form.tooLong";
  if (Object.keys(errors).length) throw invalid(errors);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(consultations)
      .values({ title, description, createdBy: user.id })
      .returning({ id: consultations.id });
    await audit(tx, acting(user, null, input.ip), {
      action: "consultation.created",
      targetType: "consultation",
      targetId: created.id,
      consultationId: created.id,
      details: { title },
    });
    return created;
  });
}

/**
 * Changes title, description and phase deadlines (moderators). Deadlines are Berlin wall-clock
 * `datetime-local` values; they must follow the phase order, and a changed one may not lie in
 * the past. Audited with the old and new values.
 */
export async function updateConsultationSettings(
  { db, collab }: Services,
  user: User,
  input: {
    consultationId: string;
    title: string;
    description: string;
    deadlines: Partial<Record<Phase, string>>;
    ip?: string;
  },
  now = new Date(),
) {
  const access = await consultationAccess(db, user, input.consultationId, now);
  requirePermission(access, "consultation.manage");
  const title = cleanText(input.title);
  const description = cleanText(input.description);
  const errors: Record<string, string> = {};
  if (!title) errors.title = "form.required";
  else if (title.length > 200) errors.title = "form.tooLong";
  if (description.length > 5000) errors.description = "form.tooLong";
  const current = new Map(access.deadlines.map((d) => [d.phase, d.endsAt]));
  const next = new Map<Phase, Date>();
  let previous: Date | null = null;
  for (const phase of phases) {
    const raw = (input.deadlines[phase] ?? "").trim();
    const field = `deadline_${phase}`;
    if (raw === "") continue;
    const date = parseLocalDateTime(raw);
    if (!date) {
      errors[field] = "form.dateTime";
      continue;
    }
    // The form shows and sends minutes; a deadline sent back as shown is unchanged and keeps
    // its stored instant, even when that lies in the past.
    const stored = current.get(phase);
    const unchanged = stored !== undefined && toLocalDateTime(stored) === raw;
    const value = unchanged ? stored : date;
    if (!unchanged && date.getTime() <= now.getTime())
      errors[field] = "consultation.deadlineInPast";
    else if (previous && value.getTime() <= previous.getTime())
      errors[field] = "consultation.deadlineOrder";
    next.set(phase, value);
    previous = value;
  }
  if (Object.keys(errors).length) throw invalid(errors);
  await db.transaction(async (tx) => {
    await tx
      .update(consultations)
      .set({ title, description, updatedAt: sql`now()` })
      .where(eq(consultations.id, input.consultationId));
    await tx.delete(phaseDeadlines).where(eq(phaseDeadlines.consultationId, input.consultationId));
    if (next.size) {
      await tx.insert(phaseDeadlines).values(
        [...next].map(([phase, endsAt]) => ({
          consultationId: input.consultationId,
          phase,
          endsAt,
        })),
      );
    }
    await audit(tx, acting(user, access, input.ip), {
      action: "consultation.updated",
      targetType: "consultation",
      targetId: input.consultationId,
      consultationId: input.consultationId,
      details: {
        title: { from: access.consultation.title, to: title },
        deadlines: {
          from: Object.fromEntries([...current].map(([p, d]) => [p, d.toISOString()])),
          to: Object.fromEntries([...next].map(([p, d]) => [p, d.toISOString()])),
        },
      },
    });
  });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ consultationId: input.consultationId });
}

/** What the settings page needs: current values, deadlines as Berlin wall-clock, organisations. */
export async function consultationSettings({ db }: Services, user: User, consultationId: string) {
  const access = await consultationAccess(db, user, consultationId);
  requirePermission(access, "consultation.manage");
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name));
  return {
    consultation: {
      id: access.consultation.id,
      title: access.consultation.title,
      description: access.consultation.description,
    },
    deadlines: Object.fromEntries(
      access.deadlines.map((d) => [d.phase, toLocalDateTime(d.endsAt)]),
    ) as Partial<Record<Phase, string>>,
    organisations: orgs,
  };
}
