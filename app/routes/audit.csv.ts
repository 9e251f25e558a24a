import type { Route } from "./+types/audit.csv";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { requestLocale } from "#app/lib/locale.server.ts";
import { formatDateTime, translator } from "#common/i18n/index.ts";
import { sentenceText } from "#common/audit-sentence.ts";
import { csvResponse, toCsv } from "#server/export/csv.ts";
import { auditLogExport, parseAuditQuery } from "#server/domain/audit-log.ts";
import { servicesOf } from "#server/context.ts";

/** The audit log as CSV, with the same filters as the page that links here (all pages). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const locale = requestLocale(request, context);
  const t = translator(locale);
  const query = parseAuditQuery(new URL(request.url).searchParams);
  const entries = await guard(
    auditLogExport(servicesOf(context), user, params.consultationId, query),
  );
  const header = [
    t("audit.time"),
    t("audit.actor"),
    t("audit.organisation"),
    t("audit.kind"),
    t("audit.entry"),
  ];
  const rows = entries.map((e) => [
    formatDateTime(locale, e.at),
    e.actor ?? e.actorLabel ?? "",
    e.organisation ?? "",
    t(`audit.kind.${e.kind}`),
    sentenceText(t, e.sentence),
  ]);
  return csvResponse(toCsv(header, rows), t("audit.csvFile"));
}
