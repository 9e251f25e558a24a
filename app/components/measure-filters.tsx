import { Form } from "react-router";
import { fundingStatuses, measurePriorities, measureStatuses } from "#db/schema/measures.ts";
import { useT } from "#app/i18n/react.tsx";
import { fundingStatusLabel, measurePriorityLabel, measureStatusLabel } from "./measures.tsx";

/** The link that sorts the plan by a column while keeping the current filters. */
export function sortHref(params: URLSearchParams, column: string, dir: "asc" | "desc"): string {
  const next = new URLSearchParams(params);
  next.set("sort", column);
  next.set("dir", dir);
  return `?${next}`;
}

interface Options {
  organisations: { id: string; name: string }[];
  sections: { id: string; title: string; position: number }[];
  requirements: { id: string; title: string }[];
}

/**
 * The plan's filters as a GET form, so they live in the URL, work without JavaScript and can be
 * bookmarked or shared; the timeline and the CSV export read the same parameters.
 */
export function MeasureFilters({
  query,
  options,
  action,
}: {
  query: Record<string, string>;
  options: Options;
  action: string;
}) {
  const t = useT();
  const select = (name: string, label: string, choices: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={query[name] ?? ""}>
        <option value="">{t("measures.all")}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  const text = (
    name: string,
    label: string,
    extra: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <input id={`filter-${name}`} name={name} defaultValue={query[name] ?? ""} {...extra} />
    </div>
  );
  const orgs = options.organisations.map((o) => ({ value: o.id, label: o.name }));
  return (
    <details className="filters no-print" open>
      <summary>{t("measures.filters")}</summary>
      <Form method="get" action={action} className="filter-grid">
        {text("q", t("measures.search"), { type: "search" })}
        {select("lead", t("measure.lead"), orgs)}
        {select("partner", t("measure.partners"), orgs)}
        {select(
          "status",
          t("measure.status"),
          measureStatuses.map((s) => ({ value: s, label: t(measureStatusLabel(s)) })),
        )}
        {select(
          "priority",
          t("measure.priority"),
          measurePriorities.map((s) => ({ value: s, label: t(measurePriorityLabel(s)) })),
        )}
        {select(
          "funding",
          t("measure.fundingStatus"),
          fundingStatuses.map((s) => ({ value: s, label: t(fundingStatusLabel(s)) })),
        )}
        {select("pilot", t("measure.pilot"), [
          { value: "yes", label: t("measure.pilotYes") },
          { value: "no", label: t("measure.pilotNo") },
        ])}
        {select(
          "section",
          t("measure.sections"),
          options.sections.map((s) => ({ value: s.id, label: `${s.position}. ${s.title}` })),
        )}
        {select(
          "requirement",
          t("measure.requirements"),
          options.requirements.map((r) => ({ value: r.id, label: r.title })),
        )}
        {text("from", t("measures.from"), { placeholder: "2027-Q1" })}
        {text("to", t("measures.to"), { placeholder: "2028-Q4" })}
        {text("minCost", t("measures.minCost"), { inputMode: "decimal" })}
        {text("maxCost", t("measures.maxCost"), { inputMode: "decimal" })}
        {text("deadlineBefore", t("measures.deadlineBefore"), { type: "date" })}
        <input type="hidden" name="sort" value={query.sort ?? "code"} />
        <input type="hidden" name="dir" value={query.dir ?? "asc"} />
        <div className="filter-actions">
          <button type="submit" className="button primary">
            {t("measures.apply")}
          </button>{" "}
          <a href={action}>{t("measures.reset")}</a>
        </div>
      </Form>
    </details>
  );
}
