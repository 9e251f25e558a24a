import { Link } from "react-router";
import type { Route } from "./+types/positions";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import {
  DeadlineCountdown,
  MeasuresNav,
  STANCE_SYMBOL,
  stanceLabel,
  StanceText,
} from "#app/components/measures.tsx";
import { LiveStatus } from "#app/components/live-status.tsx";
import { useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { useLiveRevalidation } from "#app/lib/use-live-revalidation.ts";
import { stances } from "#common/vocabularies.ts";
import { positionsMatrix } from "#server/domain/positions/matrix.ts";
import { PrintButton } from "#app/components/print-button.tsx";
import { servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return guard(positionsMatrix(servicesOf(context), user, params.consultationId));
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("positions.matrixTitle") }],
};

export default function Positions({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { consultation, measures, organisations, cells, counts, ownOrganisationId, now } =
    loaderData;
  const updates = useLiveRevalidation(consultation.id);
  const base = `/c/${consultation.id}`;
  // Missing cells are highlighted only while positions can still come in.
  const chase = consultation.open && !consultation.deadlinePassed;
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>{t("positions.matrixTitle")}</PageTitle>
      <h1>{t("positions.matrixTitle")}</h1>
      <p className="print-only">{consultation.title}</p>
      <p className="lead">{t("positions.matrixIntro")}</p>
      <DeadlineCountdown endsAt={consultation.contributionDeadline} serverNow={now} />
      <MeasuresNav consultationId={consultation.id} current="positions" />
      <LiveStatus updates={updates} />
      <div className="toolbar no-print">
        <a href={`${base}/positions.csv`} className="button" download>
          {t("positions.exportCsv")}
        </a>
        <PrintButton />
      </div>
      <section aria-labelledby="legend-heading" className="legend">
        <h2 id="legend-heading">{t("positions.legend")}</h2>
        <ul className="plain legend-list">
          {stances.map((s) => (
            <li key={s}>
              <StanceText stance={s} />
            </li>
          ))}
          <li>
            <span className="cell-missing-sample" aria-hidden="true">
              –
            </span>{" "}
            {chase ? t("positions.missingOpen") : t("positions.missing")}
          </li>
          <li>
            <span aria-hidden="true">✎</span> {t("positions.draft")}
          </li>
        </ul>
      </section>
      {measures.length === 0 ? (
        <p>{t("positions.noMeasures")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="matrix-caption" tabIndex={0}>
          <table className="table matrix">
            <caption id="matrix-caption">{t("positions.matrixCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("positions.measure")}</th>
                {organisations.map((o) => (
                  <th scope="col" key={o.id}>
                    {o.name}
                  </th>
                ))}
                <th scope="col">{t("positions.counts")}</th>
              </tr>
            </thead>
            <tbody>
              {measures.map((m) => {
                const count = counts[m.id]!;
                return (
                  <tr key={m.id}>
                    <th scope="row">
                      <Link to={`${base}/measures/${m.id}`}>
                        {m.code} {m.title}
                      </Link>
                    </th>
                    {organisations.map((o) => {
                      const cell = cells[m.id]![o.id]!;
                      const own = o.id === ownOrganisationId;
                      const content =
                        cell.state === "released" ? (
                          <>
                            <StanceText stance={cell.stance} />
                            {cell.hasNewerDraft ? (
                              <span className="cell-note">
                                <span aria-hidden="true">✎ </span>
                                {t("positions.newerDraft")}
                              </span>
                            ) : null}
                          </>
                        ) : cell.state === "draft" ? (
                          <span>
                            <span aria-hidden="true">✎ </span>
                            {t("positions.draft")}
                          </span>
                        ) : (
                          <span>
                            <span aria-hidden="true">– </span>
                            {chase ? t("positions.missingOpen") : t("positions.missing")}
                          </span>
                        );
                      return (
                        <td
                          key={o.id}
                          className={`cell-${cell.state}${cell.state !== "released" && chase ? " cell-chase" : ""}`}
                        >
                          {own ? (
                            <Link to={`${base}/measures/${m.id}/position`} className="cell-link">
                              {content}
                            </Link>
                          ) : (
                            content
                          )}
                        </td>
                      );
                    })}
                    <td className="counts">
                      <ul className="plain">
                        {stances
                          .filter((s) => count[s] > 0)
                          .map((s) => (
                            <li key={s}>
                              <span aria-hidden="true">{STANCE_SYMBOL[s]}</span> {t(stanceLabel(s))}
                              : {count[s]}
                            </li>
                          ))}
                        <li>
                          {t("positions.countMissing")}: {count.missing}
                        </li>
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
