import { useState } from "react";
import { Link } from "react-router";
import type { Route } from "./+types/version";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { SectionText } from "#app/components/section-text.tsx";
import { formatDateTime } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { versionPage } from "#server/domain/versions.ts";
import { servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const sectionId = new URL(request.url).searchParams.get("section");
  return guard(
    versionPage(servicesOf(context), user, {
      consultationId: params.consultationId,
      versionId: params.versionId,
      sectionId,
    }),
  );
}

/**
 * Builds the export in the background and saves it, announcing progress; without JavaScript the
 * form simply downloads the file.
 */
function ExportForm({ action }: { action: string }) {
  const t = useT();
  const [state, setState] = useState<"idle" | "building" | "ready" | "failed">("idle");
  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) params.append(key, String(value));
    if (submitter?.name) params.set(submitter.name, submitter.value);
    setState("building");
    try {
      const response = await fetch(`${action}?${params}`);
      if (!response.ok) throw new Error(String(response.status));
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ??
        "export";
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      setState("ready");
    } catch {
      setState("failed");
    }
  }
  const busy = state === "building";
  return (
    <form method="get" action={action} onSubmit={onSubmit} className="export-form" aria-busy={busy}>
      <div className="field checkbox">
        <input type="checkbox" id="export-anonymous" name="anonymous" value="1" />
        <label htmlFor="export-anonymous">{t("export.anonymous")}</label>
      </div>
      <div className="button-row">
        {(["docx", "odt", "pdf", "xlsx"] as const).map((format) => (
          <button
            key={format}
            type="submit"
            name="format"
            value={format}
            className="button"
            disabled={busy}
          >
            {t(`export.${format}`)}
          </button>
        ))}
      </div>
      <p role="status" className={state === "failed" ? "field-error" : "hint"}>
        {state === "building"
          ? t("export.building")
          : state === "ready"
            ? t("export.ready")
            : state === "failed"
              ? t("export.failed")
              : ""}
      </p>
    </form>
  );
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ data, t }) => [
    { label: t("versions.title"), to: `/c/${data.consultation.id}/versions` },
    { label: data.version.name },
  ],
};

export default function Version({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { consultation, version, sectionList, sections, measures, permissions } = loaderData;
  const base = `/c/${consultation.id}`;
  const here = `${base}/versions/${version.id}`;
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>{version.name}</PageTitle>
      <h1>{version.name}</h1>
      <p className="lead">
        {t("versions.asOf", { name: version.name, date: formatDateTime(locale, version.frozenAt) })}
        {version.frozenByName ? ` · ${t("versions.frozenBy")}: ${version.frozenByName}` : ""}
      </p>
      {permissions.export ? (
        <section aria-labelledby="export-heading" className="card no-print">
          <h2 id="export-heading">{t("export.heading")}</h2>
          <p>{t("export.intro")}</p>
          <ExportForm action={`${here}/export`} />
        </section>
      ) : null}
      <nav aria-label={t("versions.sections")} className="no-print">
        <h2>{t("versions.sections")}</h2>
        <ul>
          <li>
            <Link to={here}>{t("versions.allSections")}</Link>
          </li>
          {sectionList.map((s) => (
            <li key={s.id}>
              <Link to={`${here}?section=${s.id}`}>{s.title}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {sections.map((s) => (
        <section
          key={s.sectionId}
          aria-labelledby={`vs-${s.sectionId}`}
          className="version-section"
        >
          <h2 id={`vs-${s.sectionId}`}>{s.title}</h2>
          <SectionText blocks={s.blocks} />
        </section>
      ))}
      {measures.length ? (
        <section aria-labelledby="version-measures">
          <h2 id="version-measures">{t("versions.measures")}</h2>
          <div
            className="table-scroll"
            role="region"
            aria-labelledby="version-measures"
            tabIndex={0}
          >
            <table className="table">
              <caption className="visually-hidden">{t("versions.measures")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("measure.code")}</th>
                  <th scope="col">{t("measure.title")}</th>
                  <th scope="col">{t("measure.lead")}</th>
                  <th scope="col">{t("measure.period")}</th>
                </tr>
              </thead>
              <tbody>
                {measures.map((m) => (
                  <tr key={m.measureId}>
                    <th scope="row">{m.code}</th>
                    <td>{m.fields.title}</td>
                    <td>{m.fields.leadOrganisation}</td>
                    <td>
                      {m.fields.start} – {m.fields.end}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
