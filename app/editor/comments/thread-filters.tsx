import { Form } from "react-router";
import { useT } from "#app/i18n/react.tsx";

/** Filters as a GET form, so they work without JavaScript and can be bookmarked. */
export function ThreadFilters({
  query,
  options,
  sections,
}: {
  query: Record<string, string>;
  options: {
    organisations: { id: string; name: string }[];
    authors: { id: string; name: string }[];
  };
  sections?: { id: string; title: string; position: number }[];
}) {
  const t = useT();
  const select = (name: string, label: string, choices: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`thread-filter-${name}`}>{label}</label>
      <select id={`thread-filter-${name}`} name={name} defaultValue={query[name] ?? ""}>
        <option value="">{t("comments.filter.all")}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Form method="get" className="thread-filters" aria-label={t("comments.filters")}>
      {select(
        "status",
        t("comments.filter.status"),
        (["open", "resolved", "accepted", "rejected"] as const).map((s) => ({
          value: s,
          label: t(`comments.status.${s}`),
        })),
      )}
      {select(
        "kind",
        t("comments.filter.kind"),
        (["comment", "suggestion"] as const).map((k) => ({
          value: k,
          label: t(`comments.kind.${k}`),
        })),
      )}
      {select(
        "organisation",
        t("comments.filter.organisation"),
        options.organisations.map((o) => ({ value: o.id, label: o.name })),
      )}
      {select(
        "author",
        t("comments.filter.author"),
        options.authors.map((a) => ({ value: a.id, label: a.name })),
      )}
      {sections
        ? select(
            "section",
            t("comments.filter.section"),
            sections.map((s) => ({ value: s.id, label: `${s.position}. ${s.title}` })),
          )
        : null}
      <button type="submit" className="button small">
        {t("comments.filter.apply")}
      </button>
    </Form>
  );
}
