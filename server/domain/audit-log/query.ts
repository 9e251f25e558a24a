import { and, eq, gte, inArray, lt, notInArray, sql, type SQL } from "drizzle-orm";
import { auditLog } from "#db/schema/index.ts";
import { isUuid } from "../access.ts";

/** Entries per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

/**
 * Kinds of entries a reader filters by; each groups the action codes of one area by their prefix
 * (the part before the first dot). Codes of any other prefix are of kind "other".
 */
export const AUDIT_KINDS = {
  sections: ["section"],
  comments: ["comment_thread", "comment", "suggestion"],
  measures: ["measure"],
  positions: ["position"],
  requirements: ["requirement"],
  consolidation: ["disposition"],
  versions: ["version"],
  members: ["member"],
  consultation: ["consultation", "demo"],
  accounts: ["auth", "admin"],
  other: [],
} as const satisfies Record<string, readonly string[]>;

export type AuditKind = keyof typeof AUDIT_KINDS;
export const auditKinds = Object.keys(AUDIT_KINDS) as AuditKind[];

const KNOWN_PREFIXES: string[] = Object.values(AUDIT_KINDS).flat();

/** The kind an action code belongs to. */
export function auditKindOf(action: string): AuditKind {
  const prefix = action.split(".")[0];
  return auditKinds.find((k) => (AUDIT_KINDS[k] as readonly string[]).includes(prefix)) ?? "other";
}

/** The filters and page of the audit log, from the page's query string. */
export interface AuditQuery {
  /** A user id (the actor). */
  person: string;
  /** An organisation id (the acting organisation). */
  organisation: string;
  kind: AuditKind | "";
  /** First and last day of the period, "YYYY-MM-DD", both included (Berlin time). */
  from: string;
  to: string;
  /** 1-based page number. */
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string): boolean {
  return DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/**
 * Reads the query string; a value that is not a valid id, kind, day or page is ignored (the
 * filter is then off), so a hand-edited address shows the unfiltered log instead of an error.
 */
export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  const get = (name: string) => params.get(name)?.trim() ?? "";
  const kind = get("kind");
  const page = Number(get("page"));
  return {
    person: isUuid(get("person")) ? get("person") : "",
    organisation: isUuid(get("organisation")) ? get("organisation") : "",
    kind: (auditKinds as string[]).includes(kind) ? (kind as AuditKind) : "",
    from: isDay(get("from")) ? get("from") : "",
    to: isDay(get("to")) ? get("to") : "",
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

/** Midnight at the start of a day in Berlin, as an instant. */
export function berlinMidnight(day: string): Date {
  const utc = new Date(`${day}T00:00:00Z`);
  // The offset of Berlin from UTC at about that time (one or two hours).
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Berlin",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(utc);
  const hours = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  return new Date(utc.getTime() - hours * 3_600_000);
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The SQL condition of a consultation's entries under the query's filters. */
export function auditConditions(consultationId: string, query: AuditQuery): SQL | undefined {
  const prefix = sql<string>`split_part(${auditLog.action}, '.', 1)`;
  const kind = query.kind;
  return and(
    eq(auditLog.consultationId, consultationId),
    query.person ? eq(auditLog.actorUserId, query.person) : undefined,
    query.organisation ? eq(auditLog.actingOrganisationId, query.organisation) : undefined,
    kind === "other"
      ? notInArray(prefix, KNOWN_PREFIXES)
      : kind
        ? inArray(prefix, [...AUDIT_KINDS[kind]])
        : undefined,
    query.from ? gte(auditLog.at, berlinMidnight(query.from)) : undefined,
    query.to ? lt(auditLog.at, berlinMidnight(nextDay(query.to))) : undefined,
  );
}
