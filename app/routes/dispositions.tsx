import { Link } from "react-router";
import type { Route } from "./+types/dispositions";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { dispositionCategoryLabel, feedbackKindLabel } from "#app/components/consolidation.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { ownDispositionsPage } from "#server/domain/consolidation.ts";
import { servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return guard(ownDispositionsPage(servicesOf(context), user, params.consultationId));
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("consolidation.mine") }],
};

export default function Dispositions({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { consultation, items } = loaderData;
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>{t("consolidation.mine")}</PageTitle>
      <h1 id="dispositions-heading">{t("consolidation.mine")}</h1>
      <p className="lead">{t("consolidation.mineIntro")}</p>
      {items.length === 0 ? (
        <p>{t("consolidation.mineEmpty")}</p>
      ) : (
        <div
          className="table-scroll"
          role="region"
          aria-labelledby="dispositions-heading"
          tabIndex={0}
        >
          <table className="table">
            <caption className="visually-hidden">{t("consolidation.mine")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("consolidation.item")}</th>
                <th scope="col">{t("consolidation.content")}</th>
                <th scope="col">{t("consolidation.category")}</th>
                <th scope="col">{t("consolidation.justification")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.key}>
                  <th scope="row">
                    {t(feedbackKindLabel(item.kind))}: <Link to={item.href}>{item.title}</Link>
                  </th>
                  <td className="feedback-content">{item.content}</td>
                  <td>{t(dispositionCategoryLabel(item.disposition!.category))}</td>
                  <td>{item.disposition!.justification}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
