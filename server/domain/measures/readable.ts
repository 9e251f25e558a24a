import type { FundingStatus, MeasurePriority, MeasureStatus } from "#common/vocabularies.ts";
import { formatQuarter } from "../values.ts";

/** The fields of a measure's readable form, in display order (change history, CSV, versions). */
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

/**
 * A measure as people read it: names instead of ids, quarters as "2027-Q1", links as one
 * comma-separated text. Amounts stay cents and coded values stay codes, for the reader's
 * language to format. The change history stores it (field by field), the CSV prints it.
 */
export interface ReadableMeasure {
  code: string;
  title: string;
  description: string;
  leadOrganisation: string;
  partners: string;
  start: string;
  end: string;
  costOneOff: number | null;
  costYearly: number | null;
  fundingProgramme: string;
  fundingStatus: FundingStatus;
  applicationDeadline: string | null;
  priority: MeasurePriority;
  status: MeasureStatus;
  pilot: boolean;
  sections: string;
  requirements: string;
}

/** What the readable form is made from: a plan row (rows.ts) or anything shaped like it. */
export interface MeasureLike {
  code: string;
  title: string;
  description: string;
  leadOrganisation: string | null;
  /** In the order they are to be listed. */
  partners: { name: string }[];
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
  /** In document order. */
  sections: { position: number; title: string }[];
  requirements: { title: string }[];
}

/** The one readable form of a measure (see ReadableMeasure). */
export function readableMeasure(m: MeasureLike): ReadableMeasure {
  return {
    code: m.code,
    title: m.title,
    description: m.description,
    leadOrganisation: m.leadOrganisation ?? "",
    partners: m.partners.map((p) => p.name).join(", "),
    start: formatQuarter(m.startYear, m.startQuarter),
    end: formatQuarter(m.endYear, m.endQuarter),
    costOneOff: m.costOneOffCents,
    costYearly: m.costYearlyCents,
    fundingProgramme: m.fundingProgramme,
    fundingStatus: m.fundingStatus,
    applicationDeadline: m.applicationDeadline,
    priority: m.priority,
    status: m.status,
    pilot: m.pilot,
    sections: m.sections.map((s) => `${s.position}. ${s.title}`).join(", "),
    requirements: m.requirements.map((r) => r.title).join(", "),
  };
}
