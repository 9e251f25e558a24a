import type { Services } from "#server/services.ts";
import type { FeedbackKind } from "#common/vocabularies.ts";
import type { MessageKey } from "#common/i18n/index.ts";
import { translator } from "#common/i18n/index.ts";
import type { User } from "#server/domain/user.ts";
import { consultationAccess, requirePermission } from "#server/domain/access.ts";
import type { Block } from "#common/blocks.ts";
import { loadVersion } from "#server/domain/versions.ts";

/** A council document is always German: it goes to a German council. */
const t = translator("de");

/** Everything a council package shows, already in words, independent of the file format. */
export interface CouncilPackage {
  title: string;
  versionName: string;
  /** The version's freezing date in German, the document's date. */
  date: string;
  frozenAt: Date;
  sections: { title: string; blocks: Block[] }[];
  measures: {
    code: string;
    title: string;
    lead: string;
    period: string;
    costs: string;
    priority: string;
    status: string;
  }[];
  positions: {
    heading: string;
    rows: { organisation: string; stance: string; text: string }[];
  }[];
  feedback: {
    item: string;
    organisation: string;
    content: string;
    disposition: string;
    justification: string;
  }[];
  /** Labels of the document's parts, in order, for the cover page's table of contents. */
  parts: { strategy: string; measures: string; positions: string; dispositions: string };
}

const euro = (cents: string) =>
  cents === ""
    ? t("measure.notEstimated")
    : new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(
        Number(cents) / 100,
      );

const label = (key: string) => t(key as MessageKey);

/**
 * Builds the council package of a version (moderators). Everything comes from the frozen version,
 * so the same version always gives the same package.
 */
export async function councilPackage(
  { db }: Services,
  user: User,
  input: { consultationId: string; versionId: string; anonymous: boolean },
): Promise<CouncilPackage> {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "export.create");
  const { version, snapshot } = await loadVersion(db, input.consultationId, input.versionId);
  const titles = new Map(snapshot.measures.map((m) => [m.code, m.fields.title ?? ""]));
  const byMeasure = new Map<string, CouncilPackage["positions"][number]["rows"]>();
  for (const p of version.positions) {
    const rows = byMeasure.get(p.measureCode) ?? [];
    rows.push({
      organisation: p.organisation,
      stance: label(`stance.${p.stance}`),
      text: [p.reasoning, p.conditions].filter(Boolean).join(" — "),
    });
    byMeasure.set(p.measureCode, rows);
  }
  return {
    title: version.consultationTitle,
    versionName: version.name,
    date: new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(
      version.frozenAt,
    ),
    frozenAt: version.frozenAt,
    sections: snapshot.sections.map((s) => ({ title: s.title, blocks: s.blocks })),
    measures: snapshot.measures.map(({ fields: f }) => ({
      code: f.code ?? "",
      title: f.title ?? "",
      lead: f.leadOrganisation ?? "",
      period: `${f.start ?? ""} – ${f.end ?? ""}`,
      costs: `${euro(f.costOneOffCents ?? "")} / ${euro(f.costYearlyCents ?? "")}`,
      priority: label(`measurePriority.${f.priority}`),
      status: label(`measureStatus.${f.status}`),
    })),
    positions: [...byMeasure.entries()].map(([code, rows]) => ({
      heading: `${code} ${titles.get(code) ?? ""}`.trim(),
      rows,
    })),
    feedback: version.feedback.map((row) => ({
      item: `${label(`feedbackKind.${row.kind satisfies FeedbackKind}`)}: ${row.reference}`,
      organisation:
        input.anonymous || !row.author
          ? row.organisation || t("consolidation.noOrganisation")
          : `${row.organisation || t("consolidation.noOrganisation")} (${row.author})`,
      content: row.content,
      disposition: row.category ? label(`dispositionCategory.${row.category}`) : "—",
      justification: row.justification,
    })),
    parts: {
      strategy: t("export.strategy"),
      measures: t("export.measuresPlan"),
      positions: t("export.positions"),
      dispositions: t("export.dispositionTable"),
    },
  };
}

/** Column headings of the tables, shared by all formats. */
export const headings = {
  measures: [
    t("measure.code"),
    t("measure.title"),
    t("measure.lead"),
    t("measure.period"),
    `${t("measure.costOneOff")} / ${t("measure.costYearly")}`,
    t("measure.priority"),
    t("measure.status"),
  ],
  positions: [
    t("consolidation.organisation"),
    t("consolidation.disposition"),
    t("consolidation.content"),
  ],
  feedback: [
    t("consolidation.item"),
    t("consolidation.organisation"),
    t("consolidation.content"),
    t("consolidation.disposition"),
    t("consolidation.justification"),
  ],
  cover: { version: t("export.version"), date: t("export.date"), contents: t("export.contents") },
  noPositions: t("export.noPositions"),
};

export const measureRow = (m: CouncilPackage["measures"][number]) => [
  m.code,
  m.title,
  m.lead,
  m.period,
  m.costs,
  m.priority,
  m.status,
];
export const feedbackRow = (f: CouncilPackage["feedback"][number]) => [
  f.item,
  f.organisation,
  f.content,
  f.disposition,
  f.justification,
];

/** A safe, stable file name stem for a package. */
export function fileStem(pkg: CouncilPackage, suffix = ""): string {
  const clean = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ß/g, "ss")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  return [clean(pkg.title).slice(0, 60), clean(pkg.versionName), suffix].filter(Boolean).join("_");
}
