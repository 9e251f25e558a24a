import { Form } from "react-router";
import type { Route } from "./+types/search";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Snippet } from "#app/components/search-snippet.tsx";
import type { MessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { servicesOf } from "#server/context.ts";
import { consultationAccess } from "#server/domain/access.ts";
import {
  MAX_QUERY_LENGTH,
  parseSearchQuery,
  searchConsultation,
} from "#server/domain/search/search.ts";
import type { HitGroup } from "#server/domain/search/search.ts";

/** Search across the consultation: `?q=` (ADR 016). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const services = servicesOf(context);
  const access = await guard(
    consultationAccess(services.db, user, params.consultationId, services.clock.now()),
  );
  const q = parseSearchQuery(new URL(request.url).searchParams);
  const result = await guard(searchConsultation(services, access, params.consultationId, q));
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    result,
    maxLength: MAX_QUERY_LENGTH,
  };
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("search.title") }],
};

type Done = Extract<Route.ComponentProps["loaderData"]["result"], { state: "done" }>;

/** One kind of hits: heading with the count, the hits, and a note when not all are shown. */
function Group<T>({
  id,
  label,
  group,
  children,
}: {
  id: string;
  label: MessageKey;
  group: HitGroup<T>;
  children: (hit: T) => React.ReactNode;
}) {
  const t = useT();
  return (
    <section aria-labelledby={`${id}-heading`} className="search-group" id={id}>
      <h2 id={`${id}-heading`}>
        {t(label)}{" "}
        <span className="search-count">({t("search.groupCount", { count: group.total })})</span>
      </h2>
      {group.total === 0 ? (
        <p className="hint">{t("search.groupNone")}</p>
      ) : (
        <ol className="search-hits">{group.hits.map(children)}</ol>
      )}
      {group.total > group.hits.length ? (
        <p className="hint">{t("search.more", { shown: group.hits.length, count: group.total })}</p>
      ) : null}
    </section>
  );
}

function Results({ result, base }: { result: Done; base: string }) {
  const t = useT();
  const groups = [
    { id: "search-sections", label: "search.group.sections", total: result.sections.total },
    { id: "search-comments", label: "search.group.comments", total: result.comments.total },
    {
      id: "search-requirements",
      label: "search.group.requirements",
      total: result.requirements.total,
    },
    { id: "search-measures", label: "search.group.measures", total: result.measures.total },
  ] as const;
  return (
    <>
      <nav aria-label={t("search.headingsNav")} className="search-toc">
        <ul>
          {groups.map((g) => (
            <li key={g.id}>
              <a href={`#${g.id}`}>
                {t(g.label)} ({t("search.groupCount", { count: g.total })})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Group id="search-sections" label="search.group.sections" group={result.sections}>
        {(hit) => (
          <li key={`${hit.sectionId}-${hit.block ?? "title"}`}>
            <a
              href={`${base}/s/${hit.sectionId}${hit.block === null ? "" : `#passage-${hit.block}`}`}
              className="search-hit-title"
            >
              {hit.position}. <Snippet runs={hit.title} />
            </a>
            <p className="hint">{t(hit.block === null ? "search.inTitle" : "search.inText")}</p>
            {hit.snippet.length ? <Snippet runs={hit.snippet} block /> : null}
          </li>
        )}
      </Group>
      <Group id="search-comments" label="search.group.comments" group={result.comments}>
        {(hit) => (
          <li key={`${hit.threadId}-${hit.proposal}-${hit.snippet.map((r) => r.text).join("")}`}>
            <a
              href={`${base}/s/${hit.sectionId}#thread-${hit.threadId}`}
              className="search-hit-title"
            >
              {t(hit.proposal ? "search.proposal" : "search.comment", {
                author: hit.author ?? t("search.unknownAuthor"),
              })}
            </a>
            <p className="hint">
              {hit.organisation ? `${hit.organisation}, ` : ""}
              {t("search.inSection", {
                section: `${hit.sectionPosition}. ${hit.sectionTitle}`,
              })}
            </p>
            <Snippet runs={hit.snippet} block />
          </li>
        )}
      </Group>
      <Group id="search-requirements" label="search.group.requirements" group={result.requirements}>
        {(hit) => (
          <li key={hit.id}>
            <a href={`${base}/requirements#requirement-${hit.id}`} className="search-hit-title">
              <Snippet runs={hit.title} />
            </a>
            <p className="hint">{t("search.by", { organisation: hit.organisation })}</p>
            {hit.snippet.length ? <Snippet runs={hit.snippet} block /> : null}
          </li>
        )}
      </Group>
      <Group id="search-measures" label="search.group.measures" group={result.measures}>
        {(hit) => (
          <li key={hit.id}>
            <a href={`${base}/measures/${hit.id}`} className="search-hit-title">
              {hit.code} <Snippet runs={hit.title} />
            </a>
            {hit.snippet.length ? <Snippet runs={hit.snippet} block /> : null}
          </li>
        )}
      </Group>
    </>
  );
}

export default function Search({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { consultation, result, maxLength } = loaderData;
  const base = `/c/${consultation.id}`;
  const tooLong = result.state === "too_long";
  const describedBy = ["search-q-hint", tooLong ? "search-q-error" : null]
    .filter(Boolean)
    .join(" ");
  let summary = "";
  if (result.state === "empty") summary = t("search.empty");
  else if (result.state === "no_terms") summary = t("search.noTerms");
  else if (result.state === "done")
    summary =
      result.total === 0
        ? t("search.none", { q: result.q })
        : t("search.summary", { count: result.total, q: result.q });
  return (
    <div className="page wide search-page">
      <PageTitle consultation={consultation.title}>
        {result.q ? `${t("search.title")}: ${result.q}` : t("search.title")}
      </PageTitle>
      <h1>{t("search.title")}</h1>
      <p className="lead">{t("search.intro")}</p>
      <Form method="get" role="search" aria-label={t("search.landmark")} className="search-form">
        <div className={`field${tooLong ? " field-invalid" : ""}`}>
          <label htmlFor="search-q">{t("search.field")}</label>
          <p id="search-q-hint" className="hint">
            {t("search.hint", { max: maxLength })}
          </p>
          {tooLong ? (
            <p id="search-q-error" className="field-error" role="alert">
              {t("search.tooLong", { max: result.max, length: [...result.q].length })}
            </p>
          ) : null}
          <div className="search-row">
            <input
              id="search-q"
              name="q"
              type="search"
              defaultValue={result.q}
              key={result.q}
              aria-describedby={describedBy}
              aria-invalid={tooLong || undefined}
            />
            <button type="submit" className="button primary">
              {t("search.submit")}
            </button>
          </div>
        </div>
      </Form>
      <p role="status" className="search-summary">
        {summary}
      </p>
      {result.state === "done" && result.total > 0 ? <Results result={result} base={base} /> : null}
    </div>
  );
}
