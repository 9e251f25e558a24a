import { Link } from "react-router";
import type { Route } from "./+types/measures.timeline";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { DeadlineCountdown, MeasuresNav, measureStatusLabel } from "#app/components/measures.tsx";
import { LiveStatus } from "#app/components/live-status.tsx";
import { ArchivedBadge } from "#app/components/measure-archive.tsx";
import { MeasureFilters } from "#app/components/measure-filters.tsx";
import { useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { useLiveRevalidation } from "#app/lib/use-live-revalidation.ts";
import { measuresPlan } from "#server/domain/measures/pages.ts";
import { parseMeasureQuery } from "#server/domain/measures/query.ts";
import { formatQuarter, quarterFromIndex, quarterIndex } from "#server/domain/values.ts";
import { PrintButton } from "#app/components/print-button.tsx";
import { servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const query = parseMeasureQuery(new URL(request.url).searchParams);
  const plan = await guard(measuresPlan(servicesOf(context), user, params.consultationId, query));
  const first = Math.min(
    ...plan.rows.map((r) => quarterIndex({ year: r.startYear, quarter: r.startQuarter })),
  );
  const last = Math.max(
    ...plan.rows.map((r) => quarterIndex({ year: r.endYear, quarter: r.endQuarter })),
  );
  const quarters =
    plan.rows.length === 0
      ? []
      : Array.from({ length: last - first + 1 }, (_, i) => {
          const q = quarterFromIndex(first + i);
          return { index: first + i, label: formatQuarter(q.year, q.quarter) };
        });
  return { ...plan, query, quarters };
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ data, search, t }) => [
    { label: t("measures.title"), to: `/c/${data.consultation.id}/measures${search}` },
    { label: t("measures.timeline") },
  ],
};

/** What the bars mean: colour is never the only signal, the pilot bars are hatched. */
function TimelineLegend() {
  const t = useT();
  return (
    <section aria-labelledby="timeline-legend-heading" className="legend timeline-legend">
      <h2 id="timeline-legend-heading">{t("layout.legend")}</h2>
      <ul>
        <li>
          <span className="swatch bar" aria-hidden="true" /> {t("layout.legendActive")}
        </li>
        <li>
          <span className="swatch bar bar-pilot" aria-hidden="true" /> {t("layout.legendPilot")}
        </li>
        <li>
          <span className="swatch gap" aria-hidden="true" /> {t("layout.legendGap")}
        </li>
      </ul>
    </section>
  );
}

export default function MeasuresTimeline({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { consultation, rows, options, query, quarters, now } = loaderData;
  const updates = useLiveRevalidation(consultation.id);
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>{t("measures.timeline")}</PageTitle>
      <h1>{t("measures.timeline")}</h1>
      <p className="print-only">{consultation.title}</p>
      <p className="lead">{t("measures.timelineIntro")}</p>
      <DeadlineCountdown endsAt={consultation.contributionDeadline} serverNow={now} />
      <MeasuresNav consultationId={consultation.id} current="timeline" />
      <LiveStatus updates={updates} />
      <div className="toolbar no-print">
        <PrintButton />
      </div>
      <MeasureFilters
        query={query}
        options={options}
        action={`/c/${consultation.id}/measures/timeline`}
      />
      {rows.length === 0 ? (
        <p>{t("measures.empty")}</p>
      ) : (
        <>
          <TimelineLegend />
          <div
            className="table-scroll"
            role="region"
            aria-labelledby="timeline-caption"
            tabIndex={0}
          >
            <table className="table compact sticky-first timeline">
              <caption id="timeline-caption">{t("measures.timelineCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("positions.measure")}</th>
                  <th scope="col">{t("measure.period")}</th>
                  {quarters.map((q) => (
                    <th scope="col" key={q.index} className="quarter">
                      {/* "2027-Q1" on two lines, so that a quarter column is narrow. */}
                      {q.label.split("-").map((part, i) => (
                        <span key={i} className="quarter-part">
                          {i > 0 ? " " : ""}
                          {part}
                        </span>
                      ))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => {
                  const start = quarterIndex({ year: m.startYear, quarter: m.startQuarter });
                  const end = quarterIndex({ year: m.endYear, quarter: m.endQuarter });
                  return (
                    <tr key={m.id}>
                      <th scope="row">
                        <Link to={`/c/${consultation.id}/measures/${m.id}`}>
                          {m.code} {m.title}
                        </Link>
                        <br />
                        <span className="hint">
                          {t(measureStatusLabel(m.status))}
                          {m.pilot ? ` · ${t("measure.pilot")}` : ""}
                        </span>
                        {m.archivedAt ? (
                          <>
                            {" "}
                            <ArchivedBadge />
                          </>
                        ) : null}
                      </th>
                      <td className="period">
                        <span className="nowrap">{m.start} –</span>{" "}
                        <span className="nowrap">{m.end}</span>
                      </td>
                      {quarters.map((q) => {
                        const active = q.index >= start && q.index <= end;
                        return (
                          <td
                            key={q.index}
                            className={active ? `bar${m.pilot ? " bar-pilot" : ""}` : "gap"}
                          >
                            {active ? (
                              <span className="visually-hidden">{t("measures.active")}</span>
                            ) : null}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
