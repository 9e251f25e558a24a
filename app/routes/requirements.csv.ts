import type { Route } from "./+types/requirements.csv";
import { formatDateTime } from "#common/i18n/index.ts";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { requestLocale, requestTranslator } from "#app/lib/locale.server.ts";
import { csvResponse, toCsv } from "#server/export/csv.ts";
import { parseRequirementQuery, requirementsPage } from "#server/domain/requirements.ts";
import { servicesOf } from "#server/context.ts";

/** The requirements list as CSV, with the same filters as the page that links here. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const t = requestTranslator(request, context);
  const locale = requestLocale(request, context);
  const query = parseRequirementQuery(new URL(request.url).searchParams);
  const page = await guard(
    requirementsPage(servicesOf(context), user, params.consultationId, query),
  );
  const header = [
    t("requirement.title"),
    t("requirement.description"),
    t("requirement.organisation"),
    t("requirement.category"),
    t("requirement.priority"),
    t("requirement.status"),
    t("requirement.sections"),
    t("requirement.measures"),
    t("requirement.author"),
    t("requirement.submittedAt"),
  ];
  const rows = page.rows.map((r) => [
    r.title,
    r.description,
    r.organisation,
    t(`requirementCategory.${r.category}`),
    t(`requirementPriority.${r.priority}`),
    t(`requirementStatus.${r.status}`),
    r.sections.map((s) => `${s.position}. ${s.title}`).join(", "),
    r.measures.map((m) => m.code).join(", "),
    r.author ?? "",
    formatDateTime(locale, r.createdAt),
  ]);
  return csvResponse(toCsv(header, rows), "anforderungen.csv");
}
