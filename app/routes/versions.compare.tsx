import { Form } from "react-router";
import type { Route } from "./+types/versions.compare";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { ErrorSummary } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatDateTime, isMessageKey, type MessageKey } from "#common/i18n/index.ts";
import type { FieldErrors } from "#app/lib/forms.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import type { DiffPart } from "#server/domain/word-diff.ts";
import { comparisonPage } from "#server/domain/versions.ts";
import type { MeasureField } from "#server/domain/version-diff.ts";
import { servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const search = new URL(request.url).searchParams;
  const from = search.get("from") ?? "";
  const to = search.get("to") ?? "";
  const page = await guard(
    comparisonPage(servicesOf(context), user, { consultationId: params.consultationId, from, to }),
  );
  return { ...page, from, to };
}

const FIELD_LABEL: Record<MeasureField, MessageKey> = {
  code: "measure.code",
  title: "measure.title",
  description: "measure.description",
  leadOrganisation: "measure.lead",
  partners: "measure.partners",
  start: "measure.start",
  end: "measure.end",
  costOneOffCents: "measure.costOneOff",
  costYearlyCents: "measure.costYearly",
  fundingProgramme: "measure.fundingProgramme",
  fundingStatus: "measure.fundingStatus",
  applicationDeadline: "measure.applicationDeadline",
  priority: "measure.priority",
  status: "measure.status",
  pilot: "measure.pilot",
  sections: "measure.sections",
};

/** Inserted and deleted words, marked by element, style and a spoken label, never by colour alone. */
function Diff({ parts }: { parts: DiffPart[] }) {
  const t = useT();
  return (
    <p className="diff">
      {parts.map((part, i) =>
        part.type === "same" ? (
          <span key={i}>{part.text}</span>
        ) : part.type === "ins" ? (
          <ins key={i}>
            <span className="visually-hidden">{t("compare.insStart")} </span>
            {part.text}
            <span className="visually-hidden"> {t("compare.end")}</span>
          </ins>
        ) : (
          <del key={i}>
            <span className="visually-hidden">{t("compare.delStart")} </span>
            {part.text}
            <span className="visually-hidden"> {t("compare.end")}</span>
          </del>
        ),
      )}
    </p>
  );
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ data, t }) => [
    { label: t("versions.title"), to: `/c/${data.consultation.id}/versions` },
    { label: t("compare.title") },
  ],
};

export default function Compare({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { consultation, versions, comparison, errors, from, to } = loaderData;
  const labels = { from: t("compare.from"), to: t("compare.to") };
  const choices = [
    ...versions.map((v) => ({
      value: v.id,
      label: `${v.name} (${formatDateTime(locale, v.frozenAt)})`,
    })),
    { value: "current", label: t("versions.current") },
  ];
  const select = (name: "from" | "to", value: string) => {
    const error = errors[name];
    return (
      <div className={`field${error ? " field-invalid" : ""}`}>
        <label htmlFor={`field-${name}`}>{labels[name]}</label>
        {error && isMessageKey(error) ? (
          <p id={`field-${name}-error`} className="field-error">
            {t(error)}
          </p>
        ) : null}
        <select
          id={`field-${name}`}
          name={name}
          defaultValue={value}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `field-${name}-error` : undefined}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  const defaultFrom = from || versions[1]?.id || versions[0]?.id || "current";
  const defaultTo = to || (versions[1] ? versions[0]!.id : "current");
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>{t("compare.title")}</PageTitle>
      <h1>{t("compare.title")}</h1>
      <ErrorSummary errors={errors as FieldErrors} labels={labels} />
      <Form method="get" className="filter-grid no-print">
        {select("from", defaultFrom)}
        {select("to", defaultTo)}
        <button type="submit" className="button primary">
          {t("compare.submit")}
        </button>
      </Form>
      {comparison ? (
        <>
          <h2>
            {t("compare.heading", {
              from: comparison.fromName ?? t("versions.current"),
              to: comparison.toName ?? t("versions.current"),
            })}
          </h2>
          <p className="hint">{t("compare.legend")}</p>
          {comparison.sections.map((s) => (
            <section
              key={s.sectionId}
              aria-labelledby={`cmp-${s.sectionId}`}
              className="card compare-section"
            >
              <h3 id={`cmp-${s.sectionId}`}>
                {s.title}{" "}
                <span className={`badge change-${s.change}`}>
                  {t(`compare.change.${s.change}`)}
                </span>
              </h3>
              {s.change === "unchanged" ? null : <Diff parts={s.parts} />}
            </section>
          ))}
          <section aria-labelledby="cmp-measures">
            <h2 id="cmp-measures">{t("compare.measuresHeading")}</h2>
            {comparison.measures.length === 0 ? (
              <p>{t("compare.noMeasureChanges")}</p>
            ) : (
              comparison.measures.map((m) => (
                <div key={m.code} className="card">
                  <h3>
                    {m.code} {m.title}{" "}
                    <span className={`badge change-${m.change}`}>
                      {t(`compare.change.${m.change}`)}
                    </span>
                  </h3>
                  {m.fields.length ? (
                    <table className="table">
                      <caption className="visually-hidden">{`${m.code} ${m.title}`}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("compare.field")}</th>
                          <th scope="col">{t("compare.before")}</th>
                          <th scope="col">{t("compare.after")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {m.fields.map((f) => (
                          <tr key={f.field}>
                            <th scope="row">{t(FIELD_LABEL[f.field])}</th>
                            <td>
                              <del>{f.from}</del>
                            </td>
                            <td>
                              <ins>{f.to}</ins>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : null}
                </div>
              ))
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
