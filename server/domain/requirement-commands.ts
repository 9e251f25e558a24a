import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  measures,
  requirementMeasures,
  requirements,
  requirementSections,
  sections,
} from "#db/schema/index.ts";
import {
  requirementCategories,
  requirementPriorities,
  requirementStatuses,
  type RequirementCategory,
  type RequirementPriority,
  type RequirementStatus,
} from "#common/vocabularies.ts";
import { acting, audit } from "#server/audit.ts";
import type { Services } from "#server/services.ts";
import { consultationAccess, isUuid, requirePermission } from "./access.ts";
import { DomainError, forbidden, invalid, notFound } from "./errors.ts";
import { cleanText } from "#common/text.ts";
import type { User } from "./user.ts";
import { isOneOf } from "./values.ts";

export interface RequirementInput {
  consultationId: string;
  title: string;
  description: string;
  category: string;
  priority: string;
  sectionIds: string[];
  measureIds: string[];
  ip?: string;
}

/** True when every id names a section (or measure) of the consultation. */
async function allBelong(
  db: Database,
  table: typeof sections | typeof measures,
  ids: string[],
  consultationId: string,
) {
  if (ids.length === 0) return true;
  if (!ids.every(isUuid)) return false;
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(inArray(table.id, ids), eq(table.consultationId, consultationId)));
  return found.length === ids.length;
}

/** Submits a requirement for the user's organisation (until the deadline); audited, announced. */
export async function submitRequirement(
  { db, events }: Services,
  user: User,
  input: RequirementInput,
  now = new Date(),
): Promise<string> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  requirePermission(access, "requirement.create");
  if (!access.organisationId) throw forbidden("other_organisation");
  const organisationId = access.organisationId;
  const errors: Record<string, string> = {};
  const title = cleanText(input.title);
  const description = cleanText(input.description.replace(/\r\n/g, "\n"));
  if (!title) errors.title = "form.required";
  else if (title.length > 200) errors.title = "form.tooLong";
  if (!description) errors.description = "form.required";
  else if (description.length > 10_000) errors.description = "form.tooLong";
  if (!isOneOf(requirementCategories, input.category)) errors.category = "form.required";
  if (!isOneOf(requirementPriorities, input.priority)) errors.priority = "form.required";
  const sectionIds = [...new Set(input.sectionIds.filter(Boolean))];
  const measureIds = [...new Set(input.measureIds.filter(Boolean))];
  if (!(await allBelong(db, sections, sectionIds, input.consultationId))) {
    errors.sectionIds = "form.invalid";
  }
  if (!(await allBelong(db, measures, measureIds, input.consultationId))) {
    errors.measureIds = "form.invalid";
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(requirements)
      .values({
        consultationId: input.consultationId,
        organisationId,
        authorId: user.id,
        title,
        description,
        category: input.category as RequirementCategory,
        priority: input.priority as RequirementPriority,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: requirements.id });
    const requirementId = row!.id;
    if (sectionIds.length) {
      await tx
        .insert(requirementSections)
        .values(sectionIds.map((sectionId) => ({ requirementId, sectionId })));
    }
    if (measureIds.length) {
      await tx
        .insert(requirementMeasures)
        .values(measureIds.map((measureId) => ({ requirementId, measureId })));
    }
    await audit(tx, acting(user, { organisationId: organisationId }, input.ip), {
      action: "requirement.submitted",
      targetType: "requirement",
      targetId: requirementId,
      consultationId: input.consultationId,
      details: { title, category: input.category, priority: input.priority },
    });
    return requirementId;
  });
  events.publish({
    type: "requirement.submitted",
    consultationId: input.consultationId,
    subjectId: id,
  });
  return id;
}

/** Sets a requirement's intake status (moderators); audited, announced. */
export async function setRequirementStatus(
  { db, events }: Services,
  user: User,
  input: { consultationId: string; requirementId: string; status: string; ip?: string },
  now = new Date(),
): Promise<void> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  requirePermission(access, "requirement.review");
  if (!isUuid(input.requirementId)) throw notFound();
  if (!isOneOf(requirementStatuses, input.status)) throw invalid({ status: "form.invalid" });
  const [current] = await db
    .select({ status: requirements.status })
    .from(requirements)
    .where(
      and(
        eq(requirements.id, input.requirementId),
        eq(requirements.consultationId, input.consultationId),
      ),
    );
  if (!current) throw notFound();
  if (current.status === input.status) return;
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(requirements)
      .set({ status: input.status as RequirementStatus, updatedAt: sql`now()` })
      .where(and(eq(requirements.id, input.requirementId), eq(requirements.status, current.status)))
      .returning({ id: requirements.id });
    // Someone else changed it meanwhile: say so instead of silently overwriting their decision.
    if (updated.length === 0) throw new DomainError("conflict", "requirements.error.changed");
    await audit(tx, acting(user, access, input.ip), {
      action: "requirement.status_changed",
      targetType: "requirement",
      targetId: input.requirementId,
      consultationId: input.consultationId,
      details: { from: current.status, to: input.status },
    });
  });
  events.publish({
    type: "requirement.status_changed",
    consultationId: input.consultationId,
    subjectId: input.requirementId,
  });
}
