import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  measurePartners,
  measures,
  measureSections,
  organisations,
  requirementMeasures,
  requirements,
  sections,
  users,
} from "#db/schema/index.ts";
import {
  type FundingStatus,
  type MeasurePriority,
  type MeasureStatus,
} from "#common/vocabularies.ts";
import { withLinks } from "../read-models/linked.ts";
import { formatQuarter } from "../values.ts";

/** One row of the measures plan with everything the table, timeline and CSV show. */
export interface MeasureRow {
  id: string;
  code: string;
  title: string;
  description: string;
  leadOrganisationId: string | null;
  leadOrganisation: string | null;
  partners: { id: string; name: string }[];
  start: string;
  end: string;
  startYear: number;
  startQuarter: number;
  endYear: number;
  endQuarter: number;
  costOneOffCents: number | null;
  costYearlyCents: number | null;
  fundingProgramme: string;
  fundingStatus: FundingStatus;
  applicationDeadline: string | null;
  priority: MeasurePriority;
  status: MeasureStatus;
  pilot: boolean;
  sections: { id: string; title: string; position: number }[];
  requirements: { id: string; title: string }[];
  updatedAt: Date;
  /** When and by whom the measure was archived; null while it is in the plan. */
  archivedAt: Date | null;
  archivedBy: string | null;
}

/** A measure's partner organisations, by name. */
const partnerLinks = (db: Database, ids: string[]) =>
  db
    .select({ ownerId: measurePartners.measureId, id: organisations.id, name: organisations.name })
    .from(measurePartners)
    .innerJoin(organisations, eq(organisations.id, measurePartners.organisationId))
    .where(inArray(measurePartners.measureId, ids))
    .orderBy(asc(organisations.name));

/** The sections a measure serves, in document order. */
const sectionLinks = (db: Database, ids: string[]) =>
  db
    .select({
      ownerId: measureSections.measureId,
      id: sections.id,
      title: sections.title,
      position: sections.position,
    })
    .from(measureSections)
    .innerJoin(sections, eq(sections.id, measureSections.sectionId))
    .where(inArray(measureSections.measureId, ids))
    .orderBy(asc(sections.position));

/** The requirements a measure answers, by title. */
const requirementLinks = (db: Database, ids: string[]) =>
  db
    .select({
      ownerId: requirementMeasures.measureId,
      id: requirements.id,
      title: requirements.title,
    })
    .from(requirementMeasures)
    .innerJoin(requirements, eq(requirements.id, requirementMeasures.requirementId))
    .where(inArray(requirementMeasures.measureId, ids))
    .orderBy(asc(requirements.title));

/**
 * Loads the measures of a consultation (all, or only `measureId`) with their organisations,
 * sections and requirements: four queries however many measures there are.
 */
export async function loadMeasureRows(
  db: Database,
  consultationId: string,
  measureId?: string,
): Promise<MeasureRow[]> {
  const rows = await db
    .select({ measure: measures, leadOrganisation: organisations.name, archiver: users.name })
    .from(measures)
    .leftJoin(organisations, eq(organisations.id, measures.leadOrganisationId))
    .leftJoin(users, eq(users.id, measures.archivedBy))
    .where(
      measureId === undefined
        ? eq(measures.consultationId, consultationId)
        : and(eq(measures.consultationId, consultationId), eq(measures.id, measureId)),
    )
    .orderBy(asc(measures.code));
  const linked = await withLinks(
    db,
    rows.map(({ measure, leadOrganisation, archiver }) => ({
      ...measure,
      leadOrganisation,
      archiver,
    })),
    { partners: partnerLinks, sections: sectionLinks, requirements: requirementLinks },
  );
  return linked.map((m) => ({
    id: m.id,
    code: m.code,
    title: m.title,
    description: m.description,
    leadOrganisationId: m.leadOrganisationId,
    leadOrganisation: m.leadOrganisation,
    partners: m.partners,
    start: formatQuarter(m.startYear, m.startQuarter),
    end: formatQuarter(m.endYear, m.endQuarter),
    startYear: m.startYear,
    startQuarter: m.startQuarter,
    endYear: m.endYear,
    endQuarter: m.endQuarter,
    costOneOffCents: m.costOneOffCents,
    costYearlyCents: m.costYearlyCents,
    fundingProgramme: m.fundingProgramme,
    fundingStatus: m.fundingStatus,
    applicationDeadline: m.applicationDeadline,
    priority: m.priority,
    status: m.status,
    pilot: m.pilot,
    sections: m.sections,
    requirements: m.requirements,
    updatedAt: m.updatedAt,
    archivedAt: m.archivedAt,
    archivedBy: m.archivedAt ? (m.archiver ?? "—") : null,
  }));
}
