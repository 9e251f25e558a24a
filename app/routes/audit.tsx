import { Form, Link } from "react-router";
import { AuditSentenceText } from "#app/components/audit-sentence.tsx";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { Field, FilterSelect } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Route } from "./+types/audit";
import { formatDateTime } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { consultationAuditLog, parseAuditQuery } from "#server/domain/audit-log.ts";
import { servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const query = parseAuditQuery(new URL(request.url).searchParams);
  const log = await guard(
    consultationAuditLog(servicesOf(context), user, params.consultationId, query),
  );
  return {
    ...log,
    // The stored fields travel to the browser only for those who may open them.
    entries: log.entries.map(({ details, ...entry }) => ({
      ...entry,
      details: log.showRaw ? details : undefined,
    })),
    query,
  };
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("audit.title") }],
};

export default function Audit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { consultation, entries, total, page, pages, options, query, showRaw } = loaderData;
  const filters = new URLSearchParams();
  for (const name of ["person", "organisation", "kind", "from", "to"] as const) {
    if (query[name]) filters.set(name, query[name]);
  }
  const pageHref = (n: number) => {
    const params = new URLSearchParams(filters);
    if (n > 1) params.set("page", String(n));
    return params.size ? `?${params}` : "?";
  };
  const csvHref = `/c/${consultation.id}/audit.csv${filters.size ? `?${filters}` : ""}`;
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>{t("audit.title")}</PageTitle>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>

      <details className="filters no-print" open>
        <summary>{t("audit.filters")}</summary>
        <Form method="get" className="filter-grid audit-filters">
          <FilterSelect
            name="person"
            label={t("audit.actor")}
            value={query.person}
            allLabel={t("audit.all")}
            options={options.people.map((p) => ({ value: p.id, label: p.name }))}
          />
          <FilterSelect
            name="organisation"
            label={t("audit.organisation")}
            value={query.organisation}
            allLabel={t("audit.all")}
            options={options.organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <FilterSelect
            name="kind"
            label={t("audit.kind")}
            value={query.kind}
            allLabel={t("audit.all")}
            options={options.kinds.map((k) => ({ value: k, label: t(`audit.kind.${k}`) }))}
          />
          <Field
            name="from"
            id="filter-from"
            type="date"
            label={t("audit.from")}
            defaultValue={query.from}
          />
          <Field
            name="to"
            id="filter-to"
            type="date"
            label={t("audit.to")}
            defaultValue={query.to}
          />
          <div className="filter-actions button-row">
            <button type="submit" className="button">
              {t("audit.filter")}
            </button>
            {filters.size ? <Link to="?">{t("audit.resetFilters")}</Link> : null}
          </div>
        </Form>
      </details>

      <div className="audit-summary">
        <p role="status">{t("audit.count", { count: total })}</p>
        {total ? (
          <a href={csvHref} className="button" download>
            {t("audit.csv")}
          </a>
        ) : null}
      </div>

      {entries.length === 0 ? (
        <p>{filters.size ? t("audit.noMatch") : t("audit.empty")}</p>
      ) : (
        <table className="table audit-table">
          <caption className="visually-hidden">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.time")}</th>
              <th scope="col">{t("audit.entry")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="audit-time">{formatDateTime(locale, e.at)}</td>
                <td>
                  <AuditSentenceText sentence={e.sentence} />
                  {showRaw && e.details ? (
                    <details className="audit-raw">
                      <summary>{t("audit.raw")}</summary>
                      <code className="details">
                        {JSON.stringify({ action: e.action, target: e.targetId, ...e.details })}
                      </code>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {pages > 1 ? (
        <nav aria-label={t("audit.paging")} className="audit-paging">
          {page > 1 ? <Link to={pageHref(page - 1)}>{t("audit.newer")}</Link> : null}
          <span>{t("audit.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={pageHref(page + 1)}>{t("audit.older")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
