import { Form, Link } from "react-router";
import type { Route } from "./+types/section-history";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { ErrorSummary, SelectField } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatDateTime, isMessageKey, type Translate } from "#common/i18n/index.ts";
import type { FieldErrors } from "#app/lib/forms.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import type { HistoryAuthor, HistoryRun } from "#server/domain/section-history.ts";
import { sectionHistoryPage } from "#server/domain/section-history.ts";
import { servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const search = new URL(request.url).searchParams;
  const from = search.get("from") || "start";
  const to = search.get("to") || "now";
  const page = await guard(
    sectionHistoryPage(servicesOf(context), user, {
      consultationId: params.consultationId,
      sectionId: params.sectionId,
      from,
      to,
    }),
  );
  return { ...page, from, to };
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ data, t }) => [
    { label: data.section.title, to: `/c/${data.consultation.id}/s/${data.section.id}` },
    { label: t("history.title") },
  ],
};

/** Colours cycle; the marker number keeps every author apart. */
const PALETTE_SIZE = 8;

function authorLabel(t: Translate, author: HistoryAuthor): string {
  if (author.userId === null) return t("history.starterText");
  const name = author.name ?? t("history.unknownPerson");
  return author.organisation ? `${name} (${author.organisation})` : name;
}

/** One marked passage: element (ins/del), colour, marker number and spoken author, never colour alone. */
function Passage({ run, author }: { run: HistoryRun; author: HistoryAuthor }) {
  const t = useT();
  const locale = useLocale();
  const label = authorLabel(t, author);
  const when = run.at ? formatDateTime(locale, run.at) : "";
  const Tag = run.kind === "ins" ? "ins" : "del";
  const className = `history-mark history-colour-${(author.marker - 1) % PALETTE_SIZE}`;
  return (
    <Tag
      className={className}
      title={`${label}, ${when}`}
      dateTime={run.at ? new Date(run.at).toISOString() : undefined}
    >
      <span className="visually-hidden">
        {t(run.kind === "ins" ? "history.insStart" : "history.delStart", { author: label })}{" "}
      </span>
      {run.text}
      <sup aria-hidden="true" className="history-marker">
        {author.marker}
      </sup>
      <span className="visually-hidden"> {t("history.end")}</span>
    </Tag>
  );
}

export default function SectionHistory({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { consultation, section, versions, errors, history, from, to } = loaderData;
  const labels = { from: t("history.from"), to: t("history.to") };
  const options = (edge: "start" | "now") => {
    const list = versions.map((v) => ({
      value: v.id,
      label: `${v.name} (${formatDateTime(locale, v.frozenAt)})`,
    }));
    return edge === "start"
      ? [{ value: "start", label: t("history.start") }, ...list]
      : [...list, { value: "now", label: t("history.now") }];
  };
  const fieldError = (name: "from" | "to") => {
    const code = errors[name];
    return code && isMessageKey(code) ? code : undefined;
  };
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>
        {t("history.pageTitle", { section: section.title })}
      </PageTitle>
      <h1>{t("history.heading", { section: section.title })}</h1>
      <p className="hint">{t("history.intro")}</p>
      <ErrorSummary errors={errors as FieldErrors} labels={labels} />
      <Form method="get" className="filter-grid no-print">
        <SelectField
          name="from"
          label={labels.from}
          defaultValue={from}
          error={fieldError("from")}
          options={options("start")}
        />
        <SelectField
          name="to"
          label={labels.to}
          defaultValue={to}
          error={fieldError("to")}
          options={options("now")}
        />
        <button type="submit" className="button primary">
          {t("history.submit")}
        </button>
      </Form>
      {loaderData.tooLong ? (
        <p role="status" className="notice">
          {t("history.tooLong")}
        </p>
      ) : null}
      {loaderData.toCompacted ? (
        <p role="status" className="notice">
          {t("history.toCompacted", { date: formatDateTime(locale, loaderData.toCompacted) })}
        </p>
      ) : null}
      {history ? (
        <>
          {history.compactedAt ? (
            <p className="notice">
              {t("history.compacted", { date: formatDateTime(locale, history.compactedAt) })}
            </p>
          ) : null}
          <p role="status" className="visually-hidden">
            {t("history.summary", { count: history.authors.length })}
          </p>
          <section aria-labelledby="history-legend-heading" className="history-legend">
            <h2 id="history-legend-heading">{t("history.legend")}</h2>
            {history.authors.length === 0 ? (
              <p>{t("history.noChanges")}</p>
            ) : (
              <>
                <p className="hint">{t("history.legendHint")}</p>
                <ul>
                  {history.authors.map((a) => (
                    <li key={a.marker}>
                      <span
                        className={`history-swatch history-colour-${(a.marker - 1) % PALETTE_SIZE}`}
                        aria-hidden="true"
                      >
                        {a.marker}
                      </span>{" "}
                      <span className="visually-hidden">
                        {t("history.markerLabel", { marker: a.marker })}{" "}
                      </span>
                      {authorLabel(t, a)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p>
              <a href="#history-list-heading">{t("history.toList")}</a>
            </p>
          </section>
          <section aria-labelledby="history-text-heading" className="history-text">
            <h2 id="history-text-heading">{t("history.text")}</h2>
            {history.blocks.length === 0 ? <p>{t("history.empty")}</p> : null}
            {history.blocks.map((block, i) => {
              const Tag = block.kind === "heading" ? "h3" : "p";
              return (
                <Tag key={i} className={`history-block history-${block.kind}`}>
                  {block.runs.map((run, j) =>
                    run.kind === "same" || run.marker === null ? (
                      <span key={j}>{run.text}</span>
                    ) : (
                      <Passage key={j} run={run} author={history.authors[run.marker - 1]!} />
                    ),
                  )}
                </Tag>
              );
            })}
          </section>
          <section aria-labelledby="history-list-heading" className="history-list">
            <h2 id="history-list-heading">{t("history.list")}</h2>
            {history.authors.length === 0 ? <p>{t("history.noChanges")}</p> : null}
            {history.authors.map((a) => (
              <section key={a.marker} aria-labelledby={`history-author-${a.marker}`}>
                <h3 id={`history-author-${a.marker}`}>
                  <span
                    className={`history-swatch history-colour-${(a.marker - 1) % PALETTE_SIZE}`}
                    aria-hidden="true"
                  >
                    {a.marker}
                  </span>{" "}
                  {authorLabel(t, a)}
                </h3>
                <ul className="history-passages">
                  {a.passages.map((p, i) => (
                    <li key={i}>
                      <span className="history-when">
                        {t(p.kind === "ins" ? "history.inserted" : "history.deleted", {
                          date: formatDateTime(locale, p.last),
                        })}
                      </span>{" "}
                      {p.kind === "ins" ? <ins>{p.text}</ins> : <del>{p.text}</del>}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </section>
        </>
      ) : null}
      <p>
        <Link to={`/c/${consultation.id}/s/${section.id}`}>{t("history.back")}</Link>
      </p>
    </div>
  );
}
