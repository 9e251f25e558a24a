import { Link } from "react-router";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Route } from "./+types/home";
import { phaseLabel, roleLabel } from "#app/components/labels.ts";
import { formatDate } from "#app/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { requireUser } from "#app/lib/guards.server.ts";
import { listMyConsultations } from "#server/domain/consultations.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { consultations: await listMyConsultations(context.db, user) };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { consultations } = loaderData;
  return (
    <div className="page">
      <PageTitle>{t("home.title")}</PageTitle>
      <h1>{t("home.title")}</h1>
      {consultations.length === 0 ? (
        <p>{t("home.empty")}</p>
      ) : (
        <ul className="card-list">
          {consultations.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/c/${c.id}`}>{c.title}</Link>
              </h2>
              <dl className="facts">
                <div>
                  <dt>{t("consultation.phase")}</dt>
                  <dd>{t(phaseLabel(c.phase))}</dd>
                </div>
                <div>
                  <dt>{t("consultation.nextDeadline")}</dt>
                  <dd>
                    {c.nextDeadline
                      ? t("consultation.deadlineOf", {
                          phase: t(phaseLabel(c.nextDeadline.phase)),
                          date: formatDate(locale, c.nextDeadline.endsAt),
                        })
                      : t("consultation.noDeadline")}
                  </dd>
                </div>
                <div>
                  <dt>{t("consultation.myRole")}</dt>
                  <dd>{t(roleLabel(c.role))}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
