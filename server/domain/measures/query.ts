import { fundingStatuses, measureStatuses, type MeasurePriority } from "#common/vocabularies.ts";
import { compareQuarters, isIsoDate, isOneOf, parseEuro, parseQuarter } from "../values.ts";
import type { MeasureRow } from "./rows.ts";

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
  /** "show": archived measures too (marked); otherwise only the measures in the plan. */
  archived: "" | "show";
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
    archived: get("archived") === "show" ? "show" : "",
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

/** How measure texts compare: German, numbers by value, case-insensitive. */
export const collator = new Intl.Collator("de", { numeric: true, sensitivity: "base" });

/** The rows the plan is about: archived measures only when asked for. */
export function inScope(rows: MeasureRow[], query: Pick<MeasureQuery, "archived">): MeasureRow[] {
  return query.archived === "show" ? rows : rows.filter((row) => row.archivedAt === null);
}

/** Filters and sorts plan rows; pure, so the page, the timeline and the CSV agree. */
export function applyMeasureQuery(rows: MeasureRow[], query: MeasureQuery): MeasureRow[] {
  const needle = query.q.toLocaleLowerCase("de");
  const from = parseQuarter(query.from);
  const to = parseQuarter(query.to);
  const minCost = query.minCost ? parseEuro(query.minCost) : undefined;
  const maxCost = query.maxCost ? parseEuro(query.maxCost) : undefined;
  const filtered = inScope(rows, query).filter((row) => {
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
