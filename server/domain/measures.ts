import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  fundingStatuses,
  measurePartners,
  measurePriorities,
  measureRevisions,
  measures,
  measureSections,
  measureStatuses,
  organisations,
  requirementMeasures,
  requirements,
  sections,
  users,
  type FundingStatus,
  type MeasurePriority,
  type MeasureStatus,
} from "#db/schema/index.ts";
import { acting, audit } from "#server/audit.ts";
import { denial } from "#server/auth/policy.ts";
import {
  consultationAccess,
  isUuid,
  requirePermission,
  type ConsultationAccess,
} from "./access.ts";
import { invalid, notFound } from "./errors.ts";
import { measurePositions } from "./positions.ts";
import {
  compareQuarters,
  formatQuarter,
  isIsoDate,
  isOneOf,
  parseEuro,
  parseQuarter,
  todayInBerlin,
} from "./values.ts";
import { cleanText } from "./text.ts";
import type { Services } from "#server/services.ts";
import type { User } from "./user.ts";

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
}

/** Loads all measures of a consultation with their organisations, sections and requirements. */
export async function loadMeasureRows(db: Database, consultationId: string): Promise<MeasureRow[]> {
  const rows = await db
    .select({ measure: measures, leadOrganisation: organisations.name })
    .from(measures)
    .leftJoin(organisations, eq(organisations.id, measures.leadOrganisationId))
    .where(eq(measures.consultationId, consultationId))
    .orderBy(asc(measures.code));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.measure.id);
  const [partnerRows, sectionRows, requirementRows] = await Promise.all([
    db
      .select({
        measureId: measurePartners.measureId,
        id: organisations.id,
        name: organisations.name,
      })
      .from(measurePartners)
      .innerJoin(organisations, eq(organisations.id, measurePartners.organisationId))
      .where(inArray(measurePartners.measureId, ids))
      .orderBy(asc(organisations.name)),
    db
      .select({
        measureId: measureSections.measureId,
        id: sections.id,
        title: sections.title,
        position: sections.position,
      })
      .from(measureSections)
      .innerJoin(sections, eq(sections.id, measureSections.sectionId))
      .where(inArray(measureSections.measureId, ids))
      .orderBy(asc(sections.position)),
    db
      .select({
        measureId: requirementMeasures.measureId,
        id: requirements.id,
        title: requirements.title,
      })
      .from(requirementMeasures)
      .innerJoin(requirements, eq(requirements.id, requirementMeasures.requirementId))
      .where(inArray(requirementMeasures.measureId, ids))
      .orderBy(asc(requirements.title)),
  ]);
  const group = <T extends { measureId: string }>(list: T[], id: string) =>
    list.filter((item) => item.measureId === id).map(({ measureId: _, ...rest }) => rest);
  return rows.map(({ measure: m, leadOrganisation }) => ({
    id: m.id,
    code: m.code,
    title: m.title,
    description: m.description,
    leadOrganisationId: m.leadOrganisationId,
    leadOrganisation,
    partners: group(partnerRows, m.id),
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
    sections: group(sectionRows, m.id),
    requirements: group(requirementRows, m.id),
    updatedAt: m.updatedAt,
  }));
}

export const measureSortKeys = [
  "code",
  "title",
  "lead",
  "partners",
  "start",
  "end",
  "costOneOff",
  "costYearly",
  "fundingProgramme",
  "fundingStatus",
  "applicationDeadline",
  "priority",
  "status",
  "pilot",
] as const;
export type MeasureSortKey = (typeof measureSortKeys)[number];

/** The plan's filters and sort order, as they appear in the URL's search parameters. */
export interface MeasureQuery {
  q: string;
  lead: string;
  partner: string;
  status: string;
  priority: string;
  funding: string;
  pilot: string;
  section: string;
  requirement: string;
  /** Only measures still running in or after this quarter ("2027-Q1"). */
  from: string;
  /** Only measures starting in or before this quarter. */
  to: string;
  /** Minimum and maximum one-off cost in euro. */
  minCost: string;
  maxCost: string;
  /** Only measures whose funding application is due on or before this date. */
  deadlineBefore: string;
  sort: MeasureSortKey;
  dir: "asc" | "desc";
}

/** Reads the plan's query from URL search parameters; unknown values fall back to "no filter". */
export function parseMeasureQuery(params: URLSearchParams): MeasureQuery {
  const get = (name: string) => (params.get(name) ?? "").trim();
  const sort = get("sort");
  return {
    q: get("q"),
    lead: get("lead"),
    partner: get("partner"),
    status: get("status"),
    priority: get("priority"),
    funding: get("funding"),
    pilot: get("pilot"),
    section: get("section"),
    requirement: get("requirement"),
    from: get("from"),
    to: get("to"),
    minCost: get("minCost"),
    maxCost: get("maxCost"),
    deadlineBefore: get("deadlineBefore"),
    sort: isOneOf(measureSortKeys, sort) ? sort : "code",
    dir: get("dir") === "desc" ? "desc" : "asc",
  };
}

const PRIORITY_ORDER: Record<MeasurePriority, number> = { high: 0, medium: 1, low: 2 };

function sortValue(row: MeasureRow, key: MeasureSortKey): string | number {
  switch (key) {
    case "code":
      return row.code;
    case "title":
      return row.title;
    case "lead":
      return row.leadOrganisation ?? "";
    case "partners":
      return row.partners.map((p) => p.name).join(", ");
    case "start":
      return row.startYear * 4 + row.startQuarter;
    case "end":
      return row.endYear * 4 + row.endQuarter;
    case "costOneOff":
      return row.costOneOffCents ?? -1;
    case "costYearly":
      return row.costYearlyCents ?? -1;
    case "fundingProgramme":
      return row.fundingProgramme;
    case "fundingStatus":
      return fundingStatuses.indexOf(row.fundingStatus);
    case "applicationDeadline":
      return row.applicationDeadline ?? "9999-12-31";
    case "priority":
      return PRIORITY_ORDER[row.priority];
    case "status":
      return measureStatuses.indexOf(row.status);
    case "pilot":
      return row.pilot ? 0 : 1;
  }
}

const collator = new Intl.Collator("de", { numeric: true, sensitivity: "base" });

/** Filters and sorts plan rows; pure, so the page, the timeline and the CSV agree. */
export function applyMeasureQuery(rows: MeasureRow[], query: MeasureQuery): MeasureRow[] {
  const needle = query.q.toLocaleLowerCase("de");
  const from = parseQuarter(query.from);
  const to = parseQuarter(query.to);
  const minCost = query.minCost ? parseEuro(query.minCost) : undefined;
  const maxCost = query.maxCost ? parseEuro(query.maxCost) : undefined;
  const filtered = rows.filter((row) => {
    if (
      needle &&
      ![row.code, row.title, row.description, row.fundingProgramme].some((text) =>
        text.toLocaleLowerCase("de").includes(needle),
      )
    ) {
      return false;
    }
    if (query.lead && row.leadOrganisationId !== query.lead) return false;
    if (query.partner && !row.partners.some((p) => p.id === query.partner)) return false;
    if (query.status && row.status !== query.status) return false;
    if (query.priority && row.priority !== query.priority) return false;
    if (query.funding && row.fundingStatus !== query.funding) return false;
    if (query.pilot === "yes" && !row.pilot) return false;
    if (query.pilot === "no" && row.pilot) return false;
    if (query.section && !row.sections.some((s) => s.id === query.section)) return false;
    if (query.requirement && !row.requirements.some((r) => r.id === query.requirement)) {
      return false;
    }
    if (from && compareQuarters({ year: row.endYear, quarter: row.endQuarter }, from) < 0) {
      return false;
    }
    if (to && compareQuarters({ year: row.startYear, quarter: row.startQuarter }, to) > 0) {
      return false;
    }
    if (typeof minCost === "number" && (row.costOneOffCents ?? 0) < minCost) return false;
    if (typeof maxCost === "number" && (row.costOneOffCents ?? 0) > maxCost) return false;
    if (
      query.deadlineBefore &&
      isIsoDate(query.deadlineBefore) &&
      (!row.applicationDeadline || row.applicationDeadline > query.deadlineBefore)
    ) {
      return false;
    }
    return true;
  });
  const factor = query.dir === "desc" ? -1 : 1;
  return filtered.sort((a, b) => {
    const x = sortValue(a, query.sort);
    const y = sortValue(b, query.sort);
    const order =
      typeof x === "number" && typeof y === "number"
        ? x - y
        : collator.compare(String(x), String(y));
    return order === 0 ? collator.compare(a.code, b.code) : factor * order;
  });
}

/** Sums of the cost estimates of the given rows, in cents. */
export function measureTotals(rows: MeasureRow[]) {
  return {
    costOneOffCents: rows.reduce((sum, r) => sum + (r.costOneOffCents ?? 0), 0),
    costYearlyCents: rows.reduce((sum, r) => sum + (r.costYearlyCents ?? 0), 0),
    count: rows.length,
  };
}

async function filterOptions(db: Database, consultationId: string) {
  const [organisationRows, sectionRows, requirementRows] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .orderBy(asc(organisations.name)),
    db
      .select({ id: sections.id, title: sections.title, position: sections.position })
      .from(sections)
      .where(eq(sections.consultationId, consultationId))
      .orderBy(asc(sections.position)),
    db
      .select({ id: requirements.id, title: requirements.title })
      .from(requirements)
      .where(eq(requirements.consultationId, consultationId))
      .orderBy(asc(requirements.title)),
  ]);
  return { organisations: organisationRows, sections: sectionRows, requirements: requirementRows };
}

function consultationSummary(access: ConsultationAccess) {
  const deadline = access.deadlines.find((d) => d.phase === "consultation")?.endsAt ?? null;
  return {
    id: access.consultation.id,
    title: access.consultation.title,
    phase: access.consultation.phase,
    contributionDeadline: deadline,
    deadlinePassed: access.resource.deadlinePassed ?? false,
  };
}

/** The measures plan: filtered and sorted rows, totals, filter choices and what the user may do. */
export async function measuresPlan(
  { db }: Services,
  user: User,
  consultationId: string,
  query: MeasureQuery,
  now = new Date(),
) {
  const access = await consultationAccess(db, user, consultationId, now);
  requirePermission(access, "consultation.view");
  const all = await loadMeasureRows(db, consultationId);
  const rows = applyMeasureQuery(all, query);
  return {
    consultation: consultationSummary(access),
    rows,
    total: all.length,
    totals: measureTotals(rows),
    options: await filterOptions(db, consultationId),
    permissions: { edit: access.can("measure.edit") },
    now,
  };
}

/** One measure with its links, change history and the positions the user may see. */
export async function measureDetail(
  { db }: Services,
  user: User,
  consultationId: string,
  measureId: string,
  now = new Date(),
) {
  const access = await consultationAccess(db, user, consultationId, now);
  requirePermission(access, "consultation.view");
  if (!isUuid(measureId)) throw notFound();
  const row = (await loadMeasureRows(db, consultationId)).find((r) => r.id === measureId);
  if (!row) throw notFound();
  const history = await db
    .select({
      id: measureRevisions.id,
      kind: measureRevisions.kind,
      changes: measureRevisions.changes,
      createdAt: measureRevisions.createdAt,
      author: users.name,
      organisation: organisations.name,
    })
    .from(measureRevisions)
    .leftJoin(users, eq(users.id, measureRevisions.authorId))
    .leftJoin(organisations, eq(organisations.id, measureRevisions.organisationId))
    .where(eq(measureRevisions.measureId, measureId))
    .orderBy(desc(measureRevisions.id));
  // jsonb does not keep key order, so the fields come back in the form's order.
  const ordered = history.map(({ changes, ...entry }) => ({
    ...entry,
    changes: measureHistoryFields
      .filter((field) => field in changes)
      .map((field) => ({ field, from: changes[field]!.from, to: changes[field]!.to })),
  }));
  return {
    consultation: consultationSummary(access),
    measure: row,
    history: ordered,
    positions: await measurePositions(db, access, measureId),
    permissions: {
      edit: access.can("measure.edit"),
      recordPosition: access.organisationId !== null && access.can("position.record"),
      positionDenial: denial(access.actor, "position.record", access.resource),
    },
    now,
  };
}

/** The choices of the measure form (organisations, sections, requirements) and the measure to edit. */
export async function measureForm(
  { db }: Services,
  user: User,
  consultationId: string,
  measureId?: string,
) {
  const access = await consultationAccess(db, user, consultationId);
  requirePermission(access, "measure.edit");
  let measure: MeasureRow | null = null;
  if (measureId !== undefined) {
    if (!isUuid(measureId)) throw notFound();
    measure = (await loadMeasureRows(db, consultationId)).find((r) => r.id === measureId) ?? null;
    if (!measure) throw notFound();
  }
  return {
    consultation: consultationSummary(access),
    measure,
    options: await filterOptions(db, consultationId),
  };
}

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

interface MeasureValues {
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
async function validateMeasure(
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

/** The fields of the change history, in display order. */
export const measureHistoryFields = [
  "code",
  "title",
  "description",
  "leadOrganisation",
  "partners",
  "start",
  "end",
  "costOneOff",
  "costYearly",
  "fundingProgramme",
  "fundingStatus",
  "applicationDeadline",
  "priority",
  "status",
  "pilot",
  "sections",
  "requirements",
] as const;
export type MeasureHistoryField = (typeof measureHistoryFields)[number];
type Snapshot = Record<MeasureHistoryField, string | number | boolean | null>;

/** A readable picture of a measure for the change history: names instead of ids. */
async function snapshot(db: Database, values: MeasureValues): Promise<Snapshot> {
  const orgIds = [values.leadOrganisationId, ...values.partnerOrganisationIds];
  const [orgRows, sectionRows, requirementRows] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, orgIds)),
    values.sectionIds.length
      ? db
          .select({ id: sections.id, title: sections.title, position: sections.position })
          .from(sections)
          .where(inArray(sections.id, values.sectionIds))
          .orderBy(asc(sections.position))
      : Promise.resolve([]),
    values.requirementIds.length
      ? db
          .select({ id: requirements.id, title: requirements.title })
          .from(requirements)
          .where(inArray(requirements.id, values.requirementIds))
          .orderBy(asc(requirements.title))
      : Promise.resolve([]),
  ]);
  const name = (id: string) => orgRows.find((o) => o.id === id)?.name ?? id;
  return {
    code: values.code,
    title: values.title,
    description: values.description,
    leadOrganisation: name(values.leadOrganisationId),
    partners: values.partnerOrganisationIds.map(name).sort(collator.compare).join(", "),
    start: formatQuarter(values.startYear, values.startQuarter),
    end: formatQuarter(values.endYear, values.endQuarter),
    costOneOff: values.costOneOffCents,
    costYearly: values.costYearlyCents,
    fundingProgramme: values.fundingProgramme,
    fundingStatus: values.fundingStatus,
    applicationDeadline: values.applicationDeadline,
    priority: values.priority,
    status: values.status,
    pilot: values.pilot,
    sections: sectionRows.map((s) => `${s.position}. ${s.title}`).join(", "),
    requirements: requirementRows.map((r) => r.title).join(", "),
  };
}

function rowValues(row: MeasureRow): MeasureValues {
  return {
    ...row,
    leadOrganisationId: row.leadOrganisationId ?? "",
    partnerOrganisationIds: row.partners.map((p) => p.id),
    sectionIds: row.sections.map((s) => s.id),
    requirementIds: row.requirements.map((r) => r.id),
  };
}

function diff(before: Snapshot | null, after: Snapshot) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of measureHistoryFields) {
    const from = before ? before[field] : null;
    const to = after[field];
    const empty = (v: unknown) => v === null || v === "" || v === false;
    if (before ? from !== to : !empty(to)) changes[field] = { from, to };
  }
  return changes;
}

async function writeLinks(tx: Database, measureId: string, values: MeasureValues) {
  await tx.delete(measurePartners).where(eq(measurePartners.measureId, measureId));
  await tx.delete(measureSections).where(eq(measureSections.measureId, measureId));
  await tx.delete(requirementMeasures).where(eq(requirementMeasures.measureId, measureId));
  if (values.partnerOrganisationIds.length) {
    await tx
      .insert(measurePartners)
      .values(
        values.partnerOrganisationIds.map((organisationId) => ({ measureId, organisationId })),
      );
  }
  if (values.sectionIds.length) {
    await tx
      .insert(measureSections)
      .values(values.sectionIds.map((sectionId) => ({ measureId, sectionId })));
  }
  if (values.requirementIds.length) {
    await tx
      .insert(requirementMeasures)
      .values(values.requirementIds.map((requirementId) => ({ measureId, requirementId })));
  }
}

function columns(values: MeasureValues) {
  const {
    partnerOrganisationIds: _partners,
    sectionIds: _sections,
    requirementIds: _requirements,
    ...rest
  } = values;
  return rest;
}

/** Creates a measure (moderators, editors) with its first history entry; audited. Returns its id. */
export async function createMeasure(
  { db, events }: Services,
  user: User,
  input: MeasureInput & { consultationId: string; ip?: string },
  now = new Date(),
): Promise<string> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  requirePermission(access, "measure.edit");
  const values = await validateMeasure(db, input.consultationId, input, null, now);
  const after = await snapshot(db, values);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(measures)
      .values({ ...columns(values), consultationId: input.consultationId, createdBy: user.id })
      .returning({ id: measures.id });
    const measureId = row!.id;
    await writeLinks(tx, measureId, values);
    await tx.insert(measureRevisions).values({
      measureId,
      authorId: user.id,
      organisationId: access.organisationId,
      kind: "created",
      changes: diff(null, after),
    });
    await audit(tx, acting(user, access, input.ip), {
      action: "measure.created",
      targetType: "measure",
      targetId: measureId,
      consultationId: input.consultationId,
      details: { code: values.code },
    });
    return measureId;
  });
  events.publish({
    type: "measure.changed",
    consultationId: input.consultationId,
    subjectId: id,
  });
  return id;
}

/** Saves changes to a measure and records each changed field in its history; audited. */
export async function updateMeasure(
  { db, events }: Services,
  user: User,
  input: MeasureInput & { consultationId: string; measureId: string; ip?: string },
  now = new Date(),
): Promise<void> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  requirePermission(access, "measure.edit");
  if (!isUuid(input.measureId)) throw notFound();
  const current = (await loadMeasureRows(db, input.consultationId)).find(
    (r) => r.id === input.measureId,
  );
  if (!current) throw notFound();
  const values = await validateMeasure(db, input.consultationId, input, current, now);
  const changes = diff(await snapshot(db, rowValues(current)), await snapshot(db, values));
  if (Object.keys(changes).length === 0) return;
  await db.transaction(async (tx) => {
    await tx
      .update(measures)
      .set({ ...columns(values), updatedAt: sql`now()` })
      .where(eq(measures.id, input.measureId));
    await writeLinks(tx, input.measureId, values);
    await tx.insert(measureRevisions).values({
      measureId: input.measureId,
      authorId: user.id,
      organisationId: access.organisationId,
      kind: "updated",
      changes,
    });
    await audit(tx, acting(user, access, input.ip), {
      action: "measure.updated",
      targetType: "measure",
      targetId: input.measureId,
      consultationId: input.consultationId,
      details: { code: values.code, fields: Object.keys(changes) },
    });
  });
  events.publish({
    type: "measure.changed",
    consultationId: input.consultationId,
    subjectId: input.measureId,
  });
}
