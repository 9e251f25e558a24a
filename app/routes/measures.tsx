import { Link, useSearchParams } from "react-router";
import type { Route } from "./+types/measures";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import {
  DeadlineCountdown,
  formatEuro,
  formatIsoDate,
  fundingStatusLabel,
  MeasuresNav,
  measurePriorityLabel,
  measureStatusLabel,
} from "#app/components/measures.tsx";
import { LiveStatus } from "#app/components/live-status.tsx";
import { PrintButton } from "#app/components/print-button.tsx";
import { MeasureFilters, sortHref } from "#app/components/measure-filters.tsx";
import { useLocale, useT } from "#app/i18n/react.tsx";
import type { MessageKey } from "#common/i18n/index.ts";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { useLiveRevalidation } from "#app/lib/use-live-revalidation.ts";
import { measuresPlan } from "#server/domain/measures/pages.ts";
import { parseMeasureQuery, type MeasureSortKey } from "#server/domain/measures/query.ts";
import { servicesOf } from "#server/context.ts";
import { ArchivedBadge } from "#app/components/measure-archive.tsx";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const query = parseMeasureQuery(new URL(request.url).searchParams);
  const plan = await guard(measuresPlan(servicesOf(context), user, params.consultationId, query));
  return { ...plan, query };
}

export const SORT_LABEL: Record<MeasureSortKey, MessageKey> = {
  code: "measure.code",
  title: "measure.title",
  lead: "measure.lead",
  partners: "measure.partners",
  start: "measure.start",
  end: "measure.end",
  costOneOff: "measure.costOneOff",
  costYearly: "measure.costYearly",
  fundingProgramme: "measure.fundingProgramme",
  fundingStatus: "measure.fundingStatus",
  applicationDeadline: "measure.applicationDeadline",
  priority: "measure.priority",
  status: "measure.status",
  pilot: "measure.pilot",
};

/** A column header that sorts by `column`; `label` names a column that shows more than one field. */
function SortHeader({
  column,
  label: labelKey,
  className,
}: {
  column: MeasureSortKey;
  label?: MessageKey;
  className?: string;
}) {
  const t = useT();
  const [params] = useSearchParams();
  const active = (params.get("sort") ?? "code") === column;
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  const nextDir = active && dir === "asc" ? "desc" : "asc";
  const label = t(labelKey ?? SORT_LABEL[column]);
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link
        to={sortHref(params, column, nextDir)}
        className="sort-link"
        aria-label={
          nextDir === "asc"
            ? t("measures.sortAscending", { column: label })
            : t("measures.sortDescending", { column: label })
        }
      >
        {label}
        {active ? (
          <span aria-hidden="true" className="sort-arrow">
            {dir === "asc" ? " ▲" : " ▼"}
          </span>
        ) : null}
      </Link>
    </th>
  );
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("measures.title") }],
};

export default function Measures({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { consultation, rows, total, archivedCount, totals, options, permissions, query, now } =
    loaderData;
  const updates = useLiveRevalidation(consultation.id);
  const [params] = useSearchParams();
  const csvHref = `/c/${consultation.id}/measures.csv${params.size ? `?${params}` : ""}`;
  // Ten columns so that the plan fits a 1366 px screen: the period is one column (sorted by its
  // start); funding status, programme and application deadline are one (sorted by status); a
  // pilot project is marked beside its title (the filter selects pilots). ?sort=end and the other
  // keys still sort. On narrower screens the table scrolls in its own box.
  const columns: { key: MeasureSortKey; label?: MessageKey; className?: string }[] = [
    { key: "code", className: "measure-code" },
    { key: "title" },
    { key: "lead" },
    { key: "partners" },
    { key: "start", label: "measure.period" },
    { key: "costOneOff", className: "number" },
    { key: "costYearly", className: "number" },
    { key: "fundingStatus", label: "layout.funding" },
    { key: "priority" },
    { key: "status" },
  ];
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>{t("measures.title")}</PageTitle>
      <h1>{t("measures.title")}</h1>
      <p className="print-only">{consultation.title}</p>
      <p className="lead">{t("measures.intro")}</p>
      <DeadlineCountdown endsAt={consultation.contributionDeadline} serverNow={now} />
      <MeasuresNav consultationId={consultation.id} current="table" />
      <LiveStatus updates={updates} />
      {params.get("deleted") ? (
        <p role="status" className="notice">
          {t("archive.deleted", { code: params.get("deleted") ?? "" })}
        </p>
      ) : null}
      <div className="toolbar no-print">
        {permissions.edit ? (
          <Link to={`/c/${consultation.id}/measures/new`} className="button primary">
            {t("measures.new")}
          </Link>
        ) : null}
        <a href={csvHref} className="button" download>
          {t("measures.exportCsv")}
        </a>
        <PrintButton />
      </div>
      <MeasureFilters query={query} options={options} action={`/c/${consultation.id}/measures`} />
      {query.archived !== "show" && archivedCount > 0 ? (
        <p className="hint">{t("archive.hiddenCount", { count: archivedCount })}</p>
      ) : null}
      {rows.length === 0 ? (
        <p>{t("measures.empty")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="measures-caption" tabIndex={0}>
          <table className="table compact sticky-first measures-table">
            <caption id="measures-caption">
              {t("measures.caption", {
                count: rows.length,
                total,
                sort: `${t(SORT_LABEL[query.sort])}, ${
                  query.dir === "asc"
                    ? t("measures.sortedAscending")
                    : t("measures.sortedDescending")
                }`,
              })}
            </caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <SortHeader key={c.key} column={c.key} label={c.label} className={c.className} />
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <th scope="row" className="measure-code">
                    <Link to={`/c/${consultation.id}/measures/${m.id}`}>{m.code}</Link>
                  </th>
                  <td>
                    <Link to={`/c/${consultation.id}/measures/${m.id}`}>{m.title}</Link>
                    {m.pilot ? <span className="badge">{t("measure.pilot")}</span> : null}
                    {m.archivedAt ? (
                      <>
                        {" "}
                        <ArchivedBadge />
                      </>
                    ) : null}
                  </td>
                  <td>{m.leadOrganisation ?? "—"}</td>
                  <td>{m.partners.map((p) => p.name).join(", ") || "—"}</td>
                  <td className="period">
                    <span className="nowrap">{m.start} –</span>{" "}
                    <span className="nowrap">{m.end}</span>
                  </td>
                  <td className="number">{formatEuro(locale, m.costOneOffCents)}</td>
                  <td className="number">{formatEuro(locale, m.costYearlyCents)}</td>
                  <td>
                    {t(fundingStatusLabel(m.fundingStatus))}
                    {m.fundingProgramme ? (
                      <span className="cell-note">
                        {t("layout.fundingProgramme", { name: m.fundingProgramme })}
                      </span>
                    ) : null}
                    {m.applicationDeadline ? (
                      <span className="cell-note">
                        {t("layout.applicationDeadline", {
                          date: formatIsoDate(locale, m.applicationDeadline),
                        })}
                      </span>
                    ) : null}
                  </td>
                  <td>{t(measurePriorityLabel(m.priority))}</td>
                  <td>{t(measureStatusLabel(m.status))}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={5}>
                  {t("measures.totals", { count: totals.count })}
                </th>
                <td className="number">{formatEuro(locale, totals.costOneOffCents)}</td>
                <td className="number">{formatEuro(locale, totals.costYearlyCents)}</td>
                <td colSpan={3} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}
