import type { Route } from "./+types/measures.csv";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { requestTranslator } from "#app/lib/locale.server.ts";
import { csvEuro, csvResponse, toCsv } from "#server/export/csv.ts";
import { measuresPlan } from "#server/domain/measures/pages.ts";
import { readableMeasure } from "#server/domain/measures/readable.ts";
import { parseMeasureQuery } from "#server/domain/measures/query.ts";
import { servicesOf } from "#server/context.ts";

/** The measures plan as CSV, with the same filters and order as the page that links here. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const t = requestTranslator(request, context);
  const query = parseMeasureQuery(new URL(request.url).searchParams);
  const plan = await guard(measuresPlan(servicesOf(context), user, params.consultationId, query));
  const header = [
    t("measure.code"),
    t("measure.title"),
    t("measure.lead"),
    t("measure.partners"),
    t("measure.start"),
    t("measure.end"),
    t("measure.costOneOff"),
    t("measure.costYearly"),
    t("measure.fundingProgramme"),
    t("measure.fundingStatus"),
    t("measure.applicationDeadline"),
    t("measure.priority"),
    t("measure.status"),
    t("measure.pilot"),
    t("measure.sections"),
    t("measure.requirements"),
    t("measure.description"),
    // Archived measures are in the file only when asked for; then a column says which.
    ...(query.archived === "show" ? [t("archive.csvColumn")] : []),
  ];
  const rows = plan.rows.map((row) => {
    const m = readableMeasure(row);
    return [
      m.code,
      m.title,
      m.leadOrganisation,
      m.partners,
      m.start,
      m.end,
      csvEuro(m.costOneOff),
      csvEuro(m.costYearly),
      m.fundingProgramme,
      t(`fundingStatus.${m.fundingStatus}`),
      m.applicationDeadline ?? "",
      t(`measurePriority.${m.priority}`),
      t(`measureStatus.${m.status}`),
      m.pilot ? t("csv.yes") : t("csv.no"),
      m.sections,
      m.requirements,
      m.description,
      ...(query.archived === "show" ? [row.archivedAt?.toISOString().slice(0, 10) ?? ""] : []),
    ];
  });
  rows.push([
    t("measures.totals", { count: plan.totals.count }),
    "",
    "",
    "",
    "",
    "",
    csvEuro(plan.totals.costOneOffCents),
    csvEuro(plan.totals.costYearlyCents),
  ]);
  return csvResponse(toCsv(header, rows), "massnahmenplan.csv");
}
