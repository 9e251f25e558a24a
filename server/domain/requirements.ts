import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  measures,
  measureSections,
  organisations,
  requirementCategories,
  requirementMeasures,
  requirementPriorities,
  requirements,
  requirementSections,
  requirementStatuses,
  sections,
  users,
  type RequirementCategory,
  type RequirementPriority,
  type RequirementStatus,
} from "#db/schema/index.ts";
import { acting, audit } from "#server/audit.ts";
import { denial } from "#server/auth/policy.ts";
import {
  consultationAccess,
  isUuid,
  requirePermission,
  type ConsultationAccess,
} from "./access.ts";
import { DomainError, forbidden, invalid, notFound } from "./errors.ts";
import { isOneOf } from "./values.ts";
import { cleanText } from "./text.ts";
import type { Services } from "#server/services.ts";
import type { User } from "./user.ts";

export interface RequirementRow {
  id: string;
  title: string;
  description: string;
  category: RequirementCategory;
  priority: RequirementPriority;
  status: RequirementStatus;
  organisationId: string;
  organisation: string;
  author: string | null;
  createdAt: Date;
  sections: { id: string; title: string; position: number }[];
  measures: { id: string; code: string; title: string }[];
}

/** All requirements of a consultation, oldest first, with their sections and measures. */
export async function loadRequirementRows(
  db: Database,
  consultationId: string,
): Promise<RequirementRow[]> {
  const rows = await db
    .select({
      id: requirements.id,
      title: requirements.title,
      description: requirements.description,
      category: requirements.category,
      priority: requirements.priority,
      status: requirements.status,
      organisationId: requirements.organisationId,
      organisation: organisations.name,
      author: users.name,
      createdAt: requirements.createdAt,
    })
    .from(requirements)
    .innerJoin(organisations, eq(organisations.id, requirements.organisationId))
    .leftJoin(users, eq(users.id, requirements.authorId))
    .where(eq(requirements.consultationId, consultationId))
    .orderBy(asc(requirements.createdAt), asc(requirements.title));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [sectionRows, measureRows] = await Promise.all([
    db
      .select({
        requirementId: requirementSections.requirementId,
        id: sections.id,
        title: sections.title,
        position: sections.position,
      })
      .from(requirementSections)
      .innerJoin(sections, eq(sections.id, requirementSections.sectionId))
      .where(inArray(requirementSections.requirementId, ids))
      .orderBy(asc(sections.position)),
    db
      .select({
        requirementId: requirementMeasures.requirementId,
        id: measures.id,
        code: measures.code,
        title: measures.title,
      })
      .from(requirementMeasures)
      .innerJoin(measures, eq(measures.id, requirementMeasures.measureId))
      .where(inArray(requirementMeasures.requirementId, ids))
      .orderBy(asc(measures.code)),
  ]);
  return rows.map((row) => ({
    ...row,
    sections: sectionRows
      .filter((s) => s.requirementId === row.id)
      .map(({ requirementId: _, ...s }) => s),
    measures: measureRows
      .filter((m) => m.requirementId === row.id)
      .map(({ requirementId: _, ...m }) => m),
  }));
}

export interface RequirementQuery {
  q: string;
  category: string;
  priority: string;
  status: string;
  organisation: string;
  section: string;
  measure: string;
}

export function parseRequirementQuery(params: URLSearchParams): RequirementQuery {
  const get = (name: string) => (params.get(name) ?? "").trim();
  return {
    q: get("q"),
    category: get("category"),
    priority: get("priority"),
    status: get("status"),
    organisation: get("organisation"),
    section: get("section"),
    measure: get("measure"),
  };
}

const PRIORITY_ORDER: Record<RequirementPriority, number> = { must: 0, should: 1, may: 2 };

/** Filters requirements; MUSS before SOLL before KANN, then oldest first. */
export function applyRequirementQuery(rows: RequirementRow[], query: RequirementQuery) {
  const needle = query.q.toLocaleLowerCase("de");
  return rows
    .filter(
      (r) =>
        (!needle ||
          r.title.toLocaleLowerCase("de").includes(needle) ||
          r.description.toLocaleLowerCase("de").includes(needle)) &&
        (!query.category || r.category === query.category) &&
        (!query.priority || r.priority === query.priority) &&
        (!query.status || r.status === query.status) &&
        (!query.organisation || r.organisationId === query.organisation) &&
        (!query.section || r.sections.some((s) => s.id === query.section)) &&
        (!query.measure || r.measures.some((m) => m.id === query.measure)),
    )
    .sort(
      (a, b) =>
        PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    );
}

async function options(db: Database, consultationId: string) {
  const [sectionRows, measureRows, organisationRows] = await Promise.all([
    db
      .select({ id: sections.id, title: sections.title, position: sections.position })
      .from(sections)
      .where(eq(sections.consultationId, consultationId))
      .orderBy(asc(sections.position)),
    db
      .select({ id: measures.id, code: measures.code, title: measures.title })
      .from(measures)
      .where(eq(measures.consultationId, consultationId))
      .orderBy(asc(measures.code)),
    db
      .selectDistinct({ id: organisations.id, name: organisations.name })
      .from(requirements)
      .innerJoin(organisations, eq(organisations.id, requirements.organisationId))
      .where(eq(requirements.consultationId, consultationId))
      .orderBy(asc(organisations.name)),
  ]);
  return { sections: sectionRows, measures: measureRows, organisations: organisationRows };
}

function summary(access: ConsultationAccess) {
  return {
    id: access.consultation.id,
    title: access.consultation.title,
    contributionDeadline: access.deadlines.find((d) => d.phase === "consultation")?.endsAt ?? null,
    deadlinePassed: access.resource.deadlinePassed ?? false,
  };
}

/** The requirements list with filters; moderators also get the status control. */
export async function requirementsPage(
  { db }: Services,
  user: User,
  consultationId: string,
  query: RequirementQuery,
  now = new Date(),
) {
  const access = await consultationAccess(db, user, consultationId, now);
  requirePermission(access, "consultation.view");
  const all = await loadRequirementRows(db, consultationId);
  return {
    consultation: summary(access),
    rows: applyRequirementQuery(all, query),
    total: all.length,
    options: await options(db, consultationId),
    permissions: {
      create: access.organisationId !== null && access.can("requirement.create"),
      createDenial: denial(access.actor, "requirement.create", access.resource),
      review: access.can("requirement.review"),
    },
    now,
  };
}

/** The intake form's choices; forbidden with the reason when the user may not submit. */
export async function requirementForm(
  { db }: Services,
  user: User,
  consultationId: string,
  now = new Date(),
) {
  const access = await consultationAccess(db, user, consultationId, now);
  requirePermission(access, "requirement.create");
  if (!access.organisationId) throw forbidden("other_organisation");
  const [organisation] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, access.organisationId));
  const { sections: sectionRows, measures: measureRows } = await options(db, consultationId);
  return {
    consultation: summary(access),
    organisation: organisation!.name,
    sections: sectionRows,
    measures: measureRows,
    now,
  };
}

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

/** The measures and requirements that name a section, for the block on the section page. */
export async function sectionLinks(
  { db }: Services,
  user: User,
  consultationId: string,
  sectionId: string,
) {
  const access = await consultationAccess(db, user, consultationId);
  requirePermission(access, "section.view");
  if (!isUuid(sectionId)) throw notFound();
  const [measureRows, requirementRows] = await Promise.all([
    db
      .select({ id: measures.id, code: measures.code, title: measures.title })
      .from(measureSections)
      .innerJoin(measures, eq(measures.id, measureSections.measureId))
      .where(
        and(eq(measureSections.sectionId, sectionId), eq(measures.consultationId, consultationId)),
      )
      .orderBy(asc(measures.code)),
    db
      .select({
        id: requirements.id,
        title: requirements.title,
        priority: requirements.priority,
        status: requirements.status,
        organisation: organisations.name,
      })
      .from(requirementSections)
      .innerJoin(requirements, eq(requirements.id, requirementSections.requirementId))
      .innerJoin(organisations, eq(organisations.id, requirements.organisationId))
      .where(
        and(
          eq(requirementSections.sectionId, sectionId),
          eq(requirements.consultationId, consultationId),
        ),
      )
      .orderBy(desc(requirements.createdAt)),
  ]);
  return { measures: measureRows, requirements: requirementRows };
}
