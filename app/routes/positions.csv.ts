import type { Route } from "./+types/positions.csv";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { requestTranslator } from "#app/lib/locale.server.ts";
import { stances } from "#common/vocabularies.ts";
import { csvResponse, toCsv } from "#server/export/csv.ts";
import { positionsMatrix } from "#server/domain/positions/matrix.ts";
import { servicesOf } from "#server/context.ts";

/** The positions matrix as CSV: what the matrix page shows the same user, plus the counts. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const t = requestTranslator(request, context);
  const matrix = await guard(positionsMatrix(servicesOf(context), user, params.consultationId));
  const header = [
    t("measure.code"),
    t("measure.title"),
    ...matrix.organisations.map((o) => o.name),
    ...stances.map((s) => t(`stance.${s}`)),
    t("positions.countMissing"),
  ];
  const rows = matrix.measures.map((m) => {
    const count = matrix.counts[m.id]!;
    return [
      m.code,
      m.title,
      ...matrix.organisations.map((o) => {
        const cell = matrix.cells[m.id]![o.id]!;
        if (cell.state === "released") return t(`stance.${cell.stance}`);
        return cell.state === "draft" ? t("positions.draft") : t("positions.missing");
      }),
      ...stances.map((s) => count[s]),
      count.missing,
    ];
  });
  return csvResponse(toCsv(header, rows), "stellungnahmen.csv");
}
