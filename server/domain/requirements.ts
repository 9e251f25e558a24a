import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  measures,
  measureSections,
  organisations,
  requirementMeasures,
  requirements,
  requirementSections,
  sections,
  users,
} from "#db/schema/index.ts";
import {
  type RequirementCategory,
  type RequirementPriority,
  type RequirementStatus,
} from "#common/vocabularies.ts";
import { denial } from "#server/auth/policy.ts";
import type { Services } from "#server/services.ts";
import {
  isUuid,
  pageAccess,
  requirePermission,
  type ConsultationAccess,
  type Viewer,
} from "./access.ts";
import { forbidden, notFound } from "./errors.ts";
import { withLinks } from "./read-models/linked.ts";

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

/** The sections a requirement concerns, in document order. */
const sectionLinksOf = (db: Database, ids: string[]) =>
  db
    .select({
      ownerId: requirementSections.requirementId,
      id: sections.id,
      title: sections.title,
      position: sections.position,
    })
    .from(requirementSections)
    .innerJoin(sections, eq(sections.id, requirementSections.sectionId))
    .where(inArray(requirementSections.requirementId, ids))
    .orderBy(asc(sections.position));

/** The measures that answer a requirement, by code. */
const measureLinksOf = (db: Database, ids: string[]) =>
  db
    .select({
      ownerId: requirementMeasures.requirementId,
      id: measures.id,
      code: measures.code,
      title: measures.title,
    })
    .from(requirementMeasures)
    .innerJoin(measures, eq(measures.id, requirementMeasures.measureId))
    .where(inArray(requirementMeasures.requirementId, ids))
    .orderBy(asc(measures.code));

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
  return withLinks(db, rows, { sections: sectionLinksOf, measures: measureLinksOf });
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

/** The choices of the list's filters and the intake form. */
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

/** What the requirement pages show of the consultation. */
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
  viewer: Viewer,
  consultationId: string,
  query: RequirementQuery,
  now = new Date(),
) {
  const access = await pageAccess(db, viewer, consultationId, now);
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
  viewer: Viewer,
  consultationId: string,
  now = new Date(),
) {
  const access = await pageAccess(db, viewer, consultationId, now);
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

/** The measures and requirements that name a section, for the block on the section page. */
export async function sectionLinks(
  { db }: Services,
  viewer: Viewer,
  consultationId: string,
  sectionId: string,
) {
  const access = await pageAccess(db, viewer, consultationId);
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
