import { Form } from "react-router";
import { fundingStatuses, measurePriorities, measureStatuses } from "#common/vocabularies.ts";
import { useT } from "#app/i18n/react.tsx";
import { FilterDetails } from "./filter-details.tsx";
import { FilterSelect } from "./form.tsx";
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

/** The filter parameters (sorting is not a filter). */
const FILTER_NAMES = [
  "q",
  "lead",
  "partner",
  "status",
  "priority",
  "funding",
  "pilot",
  "section",
  "requirement",
  "from",
  "to",
  "minCost",
  "maxCost",
  "deadlineBefore",
] as const;

/**
 * The plan's filters as a GET form, so they live in the URL, work without JavaScript and can be
 * bookmarked or shared; the timeline and the CSV export read the same parameters. The summary
 * counts the filters in use, so a closed box still says that the list is filtered.
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
  const active = FILTER_NAMES.filter((name) => (query[name] ?? "") !== "").length;
  return (
    <FilterDetails
      summary={`${t("measures.filters")}${active > 0 ? ` (${t("layout.filtersActive", { count: active })})` : ""}`}
    >
      <Form method="get" action={action} className="filter-grid">
        {text("q", t("measures.search"), { type: "search" })}
        <FilterSelect
          name="lead"
          label={t("measure.lead")}
          value={query.lead}
          allLabel={t("measures.all")}
          options={orgs}
        />
        <FilterSelect
          name="partner"
          label={t("measure.partners")}
          value={query.partner}
          allLabel={t("measures.all")}
          options={orgs}
        />
        <FilterSelect
          name="status"
          label={t("measure.status")}
          value={query.status}
          allLabel={t("measures.all")}
          options={measureStatuses.map((s) => ({ value: s, label: t(measureStatusLabel(s)) }))}
        />
        <FilterSelect
          name="priority"
          label={t("measure.priority")}
          value={query.priority}
          allLabel={t("measures.all")}
          options={measurePriorities.map((s) => ({ value: s, label: t(measurePriorityLabel(s)) }))}
        />
        <FilterSelect
          name="funding"
          label={t("measure.fundingStatus")}
          value={query.funding}
          allLabel={t("measures.all")}
          options={fundingStatuses.map((s) => ({ value: s, label: t(fundingStatusLabel(s)) }))}
        />
        <FilterSelect
          name="pilot"
          label={t("measure.pilot")}
          value={query.pilot}
          allLabel={t("measures.all")}
          options={[
            { value: "yes", label: t("measure.pilotYes") },
            { value: "no", label: t("measure.pilotNo") },
          ]}
        />
        <FilterSelect
          name="section"
          label={t("measure.sections")}
          value={query.section}
          allLabel={t("measures.all")}
          options={options.sections.map((s) => ({
            value: s.id,
            label: `${s.position}. ${s.title}`,
          }))}
        />
        <FilterSelect
          name="requirement"
          label={t("measure.requirements")}
          value={query.requirement}
          allLabel={t("measures.all")}
          options={options.requirements.map((r) => ({ value: r.id, label: r.title }))}
        />
        {text("from", t("measures.from"), { placeholder: "2027-Q1" })}
        {text("to", t("measures.to"), { placeholder: "2028-Q4" })}
        {text("minCost", t("measures.minCost"), { inputMode: "decimal" })}
        {text("maxCost", t("measures.maxCost"), { inputMode: "decimal" })}
        {text("deadlineBefore", t("measures.deadlineBefore"), { type: "date" })}
        <div className="checkbox filter-archived">
          <input
            type="checkbox"
            id="filter-archived"
            name="archived"
            value="show"
            defaultChecked={query.archived === "show"}
          />
          <label htmlFor="filter-archived">{t("archive.showArchived")}</label>
        </div>
        <input type="hidden" name="sort" value={query.sort ?? "code"} />
        <input type="hidden" name="dir" value={query.dir ?? "asc"} />
        <div className="filter-actions">
          <button type="submit" className="button primary">
            {t("measures.apply")}
          </button>{" "}
          <a href={action}>{t("measures.reset")}</a>
        </div>
      </Form>
    </FilterDetails>
  );
}
