import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { measures, organisations, requirements, sections } from "#db/schema/index.ts";
import {
  fundingStatuses,
  measurePriorities,
  measureStatuses,
  type FundingStatus,
  type MeasurePriority,
  type MeasureStatus,
} from "#common/vocabularies.ts";
import { isUuid } from "../access.ts";
import { invalid } from "../errors.ts";
import { cleanText } from "#common/text.ts";
import {
  compareQuarters,
  isIsoDate,
  isOneOf,
  parseEuro,
  parseQuarter,
  todayInBerlin,
} from "../values.ts";

/** What the measure form sends: the typed text, unparsed, so refused input can be shown again. */
export interface MeasureInput {
  code: string;
  title: string;
  description: string;
  leadOrganisationId: string;
  partnerOrganisationIds: string[];
  start: string;
  end: string;
  costOneOff: string;
  costYearly: string;
  fundingProgramme: string;
  fundingStatus: string;
  applicationDeadline: string;
  priority: string;
  status: string;
  pilot: boolean;
  sectionIds: string[];
  requirementIds: string[];
}

/** A measure as validated: parsed, cleaned, with ids only. */
export interface MeasureValues {
  code: string;
  title: string;
  description: string;
  leadOrganisationId: string;
  partnerOrganisationIds: string[];
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
  sectionIds: string[];
  requirementIds: string[];
}

const CODE = /^[A-Za-zÄÖÜäöü0-9][A-Za-zÄÖÜäöü0-9.\-_/]{0,19}$/;

async function idsThatExist(
  db: Database,
  table: typeof organisations | typeof sections | typeof requirements,
  ids: string[],
  consultationId?: string,
): Promise<boolean> {
  if (ids.length === 0) return true;
  if (!ids.every(isUuid)) return false;
  const unique = [...new Set(ids)];
  const condition =
    consultationId && "consultationId" in table
      ? and(inArray(table.id, unique), eq(table.consultationId, consultationId))
      : inArray(table.id, unique);
  const found = await db.select({ id: table.id }).from(table).where(condition);
  return found.length === unique.length;
}

/**
 * Validates the form field by field; every problem is reported at once with an i18n key.
 * A funding application deadline in the past is refused, except when an edit leaves an existing
 * (meanwhile passed) deadline unchanged, so that old measures stay editable.
 */
export async function validateMeasure(
  db: Database,
  consultationId: string,
  input: MeasureInput,
  existing: { id: string; applicationDeadline: string | null } | null,
  now: Date,
): Promise<MeasureValues> {
  const errors: Record<string, string> = {};
  const code = cleanText(input.code);
  const title = cleanText(input.title);
  const description = cleanText(input.description.replace(/\r\n/g, "\n"));
  const fundingProgramme = cleanText(input.fundingProgramme);
  if (!code) errors.code = "form.required";
  else if (!CODE.test(code)) errors.code = "measures.error.code";
  else {
    const clash = await db
      .select({ id: measures.id })
      .from(measures)
      .where(
        and(
          eq(measures.consultationId, consultationId),
          sql`lower(${measures.code}) = lower(${code})`,
          existing ? ne(measures.id, existing.id) : undefined,
        ),
      );
    if (clash.length > 0) errors.code = "measures.error.codeTaken";
  }
  if (!title) errors.title = "form.required";
  else if (title.length > 200) errors.title = "form.tooLong";
  if (description.length > 20_000) errors.description = "form.tooLong";

  const lead = input.leadOrganisationId.trim();
  if (!lead) errors.leadOrganisationId = "form.required";
  else if (!(await idsThatExist(db, organisations, [lead]))) {
    errors.leadOrganisationId = "form.invalid";
  }
  const partners = [...new Set(input.partnerOrganisationIds.filter((id) => id && id !== lead))];
  if (!(await idsThatExist(db, organisations, partners))) {
    errors.partnerOrganisationIds = "form.invalid";
  }

  const start = parseQuarter(input.start);
  const end = parseQuarter(input.end);
  if (!input.start.trim()) errors.start = "form.required";
  else if (!start) errors.start = "measures.error.quarter";
  if (!input.end.trim()) errors.end = "form.required";
  else if (!end) errors.end = "measures.error.quarter";
  if (start && end && compareQuarters(end, start) < 0) errors.end = "measures.error.endBeforeStart";

  const costOneOff = parseEuro(input.costOneOff);
  const costYearly = parseEuro(input.costYearly);
  if (costOneOff === null) errors.costOneOff = "measures.error.amount";
  if (costYearly === null) errors.costYearly = "measures.error.amount";

  if (fundingProgramme.length > 200) errors.fundingProgramme = "form.tooLong";
  if (!isOneOf(fundingStatuses, input.fundingStatus)) errors.fundingStatus = "form.invalid";
  const deadline = input.applicationDeadline.trim();
  if (deadline) {
    if (!isIsoDate(deadline)) errors.applicationDeadline = "measures.error.date";
    else if (deadline < todayInBerlin(now) && deadline !== existing?.applicationDeadline) {
      errors.applicationDeadline = "measures.error.deadlinePast";
    }
  }
  if (!isOneOf(measurePriorities, input.priority)) errors.priority = "form.invalid";
  if (!isOneOf(measureStatuses, input.status)) errors.status = "form.invalid";

  const sectionIds = [...new Set(input.sectionIds.filter(Boolean))];
  if (!(await idsThatExist(db, sections, sectionIds, consultationId))) {
    errors.sectionIds = "form.invalid";
  }
  const requirementIds = [...new Set(input.requirementIds.filter(Boolean))];
  if (!(await idsThatExist(db, requirements, requirementIds, consultationId))) {
    errors.requirementIds = "form.invalid";
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return {
    code,
    title,
    description,
    leadOrganisationId: lead,
    partnerOrganisationIds: partners,
    startYear: start!.year,
    startQuarter: start!.quarter,
    endYear: end!.year,
    endQuarter: end!.quarter,
    costOneOffCents: costOneOff ?? null,
    costYearlyCents: costYearly ?? null,
    fundingProgramme,
    fundingStatus: input.fundingStatus as FundingStatus,
    applicationDeadline: deadline || null,
    priority: input.priority as MeasurePriority,
    status: input.status as MeasureStatus,
    pilot: input.pilot,
    sectionIds,
    requirementIds,
  };
}
