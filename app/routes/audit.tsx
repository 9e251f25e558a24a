import { Link } from "react-router";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Route } from "./+types/audit";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { formatDateTime, isMessageKey, type MessageKey } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { consultationAuditLog } from "#server/domain/audit-log.ts";
import { servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const before = Number(new URL(request.url).searchParams.get("before"));
  return guard(
    consultationAuditLog(
      servicesOf(context),
      user,
      params.consultationId,
      Number.isSafeInteger(before) && before > 0 ? before : undefined,
    ),
  );
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("audit.title") }],
};

export default function Audit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { consultation, entries, nextBeforeId } = loaderData;
  return (
    <div className="page">
      <PageTitle consultation={consultation.title}>{t("audit.title")}</PageTitle>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      {entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.time")}</th>
              <th scope="col">{t("audit.actor")}</th>
              <th scope="col">{t("members.organisation")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.details")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(locale, e.at)}</td>
                <td>{e.actor ?? e.actorLabel ?? "—"}</td>
                <td>{e.organisation ?? "—"}</td>
                <td>
                  {isMessageKey(`audit.action.${e.action}`) ? (
                    t(`audit.action.${e.action}` as MessageKey)
                  ) : (
                    <code>{e.action}</code>
                  )}
                </td>
                <td>
                  <code className="details">{JSON.stringify(e.details)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBeforeId ? (
        <p>
          <Link to={`?before=${nextBeforeId}`}>{t("audit.older")}</Link>
        </p>
      ) : null}
    </div>
  );
}
