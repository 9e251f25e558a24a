import type { Block } from "#server/docs/content.ts";
import { wordDiff, type DiffPart } from "./word-diff.ts";

/**
 * What a version keeps of the text and the measures (a snapshot), and the comparison of two
 * snapshots: pure, so the compare page and tests diff without a database.
 */

/** The measure fields a version keeps, in display order. */
export const measureFields = [
  "code",
  "title",
  "description",
  "leadOrganisation",
  "partners",
  "start",
  "end",
  "costOneOffCents",
  "costYearlyCents",
  "fundingProgramme",
  "fundingStatus",
  "applicationDeadline",
  "priority",
  "status",
  "pilot",
  "sections",
] as const;
export type MeasureField = (typeof measureFields)[number];

export interface SnapshotSection {
  sectionId: string;
  position: number;
  title: string;
  blocks: Block[];
  text: string;
}
export interface SnapshotMeasure {
  measureId: string;
  code: string;
  fields: Record<string, string>;
}
export interface Snapshot {
  sections: SnapshotSection[];
  measures: SnapshotMeasure[];
}

export type SectionComparison = {
  sectionId: string;
  title: string;
  change: "added" | "removed" | "changed" | "unchanged";
  parts: DiffPart[];
};
export type MeasureComparison = {
  code: string;
  title: string;
  change: "added" | "removed" | "changed";
  fields: { field: MeasureField; from: string; to: string }[];
};

/** Section-by-section word differences and field-by-field measure changes from `a` to `b`. */
export function compareSnapshots(a: Snapshot, b: Snapshot) {
  const sectionsOut: SectionComparison[] = [];
  const bSections = new Map(b.sections.map((s) => [s.sectionId, s]));
  const aIds = new Set(a.sections.map((s) => s.sectionId));
  for (const before of a.sections) {
    const after = bSections.get(before.sectionId);
    if (!after) {
      sectionsOut.push({
        sectionId: before.sectionId,
        title: before.title,
        change: "removed",
        parts: [{ type: "del", text: before.text }],
      });
      continue;
    }
    const parts = wordDiff(before.text, after.text);
    const titleChanged = before.title !== after.title;
    sectionsOut.push({
      sectionId: after.sectionId,
      title: after.title,
      change: titleChanged || parts.some((p) => p.type !== "same") ? "changed" : "unchanged",
      parts,
    });
  }
  for (const after of b.sections) {
    if (aIds.has(after.sectionId)) continue;
    sectionsOut.push({
      sectionId: after.sectionId,
      title: after.title,
      change: "added",
      parts: [{ type: "ins", text: after.text }],
    });
  }
  const measuresOut: MeasureComparison[] = [];
  const bMeasures = new Map(b.measures.map((m) => [m.measureId, m]));
  const aMeasureIds = new Set(a.measures.map((m) => m.measureId));
  for (const before of a.measures) {
    const after = bMeasures.get(before.measureId);
    if (!after) {
      measuresOut.push({
        code: before.code,
        title: before.fields.title ?? "",
        change: "removed",
        fields: [],
      });
      continue;
    }
    const fields = measureFields
      .filter((f) => (before.fields[f] ?? "") !== (after.fields[f] ?? ""))
      .map((f) => ({ field: f, from: before.fields[f] ?? "", to: after.fields[f] ?? "" }));
    if (fields.length) {
      measuresOut.push({
        code: after.code,
        title: after.fields.title ?? "",
        change: "changed",
        fields,
      });
    }
  }
  for (const after of b.measures) {
    if (aMeasureIds.has(after.measureId)) continue;
    measuresOut.push({
      code: after.code,
      title: after.fields.title ?? "",
      change: "added",
      fields: [],
    });
  }
  measuresOut.sort((x, y) => x.code.localeCompare(y.code, "de"));
  return { sections: sectionsOut, measures: measuresOut };
}
