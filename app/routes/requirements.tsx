import { Form, Link, useActionData, useSearchParams } from "react-router";
import * as z from "zod";
import type { Route } from "./+types/requirements";
import { FilterDetails } from "#app/components/filter-details.tsx";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { StatusMessage, useDoneMessage } from "#app/components/status-message.tsx";
import { ErrorSummary, FilterSelect } from "#app/components/form.tsx";
import {
  DeadlineCountdown,
  MeasuresNav,
  requirementCategoryLabel,
  requirementPriorityLabel,
  requirementStatusLabel,
} from "#app/components/measures.tsx";
import { LiveStatus } from "#app/components/live-status.tsx";
import { formatDateTime, isMessageKey } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { field, formAction, handler } from "#app/lib/actions.server.ts";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { useLiveRevalidation } from "#app/lib/use-live-revalidation.ts";
import {
  requirementCategories,
  requirementPriorities,
  requirementStatuses,
} from "#common/vocabularies.ts";
import { parseRequirementQuery, requirementsPage } from "#server/domain/requirements.ts";
import { setRequirementStatus } from "#server/domain/requirement-commands.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const query = parseRequirementQuery(new URL(request.url).searchParams);
  const page = await guard(
    requirementsPage(servicesOf(context), user, params.consultationId, query),
  );
  return { ...page, query };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  return formAction(form, {
    intents: {
      status: handler({
        schema: z.object({ requirementId: field.raw(), status: field.raw() }),
        run: async (input) => {
          await setRequirementStatus(servicesOf(context), user, {
            ...input,
            consultationId: params.consultationId,
            ip: requestOf(context).ip,
          });
          return { status: input.status };
        },
      }),
    },
  });
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("requirements.title") }],
};

export default function Requirements({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { consultation, rows, total, options, permissions, query, now } = loaderData;
  const updates = useLiveRevalidation(consultation.id);
  const base = `/c/${consultation.id}`;
  const failed = result && !result.ok ? result : undefined;
  const doneMessage = useDoneMessage();
  // The export takes the filters, not what the page was told had been done.
  const exportQuery = new URLSearchParams(params);
  exportQuery.delete("done");
  const newStatus = requirementStatuses.find((s) => result?.ok && s === result.extra?.status);
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>{t("requirements.title")}</PageTitle>
      <h1>{t("requirements.title")}</h1>
      <p className="lead">{t("requirements.intro")}</p>
      <DeadlineCountdown endsAt={consultation.contributionDeadline} serverNow={now} />
      <MeasuresNav consultationId={consultation.id} current="requirements" />
      <LiveStatus updates={updates} />
      <StatusMessage
        message={
          newStatus
            ? t("done.requirementStatus", { status: t(requirementStatusLabel(newStatus)) })
            : doneMessage
        }
      />
      <ErrorSummary
        errors={failed?.errors}
        labels={{ status: t("requirement.status") }}
        formError={
          failed?.formError && isMessageKey(failed.formError) ? t(failed.formError) : undefined
        }
      />
      <div className="toolbar no-print">
        {permissions.create ? (
          <Link to={`${base}/requirements/new`} className="button primary">
            {t("requirements.new")}
          </Link>
        ) : permissions.createDenial === "deadline_passed" ||
          permissions.createDenial === "phase_closed" ? (
          <p>{t("requirements.closed")}</p>
        ) : null}
        <a
          href={`${base}/requirements.csv${exportQuery.size ? `?${exportQuery}` : ""}`}
          className="button"
          download
        >
          {t("requirements.exportCsv")}
        </a>
      </div>
      <FilterDetails summary={t("measures.filters")}>
        <Form method="get" className="filter-grid">
          <div className="field">
            <label htmlFor="filter-q">{t("requirements.search")}</label>
            <input id="filter-q" name="q" type="search" defaultValue={query.q} />
          </div>
          <FilterSelect
            name="category"
            label={t("requirement.category")}
            value={query.category}
            allLabel={t("measures.all")}
            options={requirementCategories.map((c) => ({
              value: c,
              label: t(requirementCategoryLabel(c)),
            }))}
          />
          <FilterSelect
            name="priority"
            label={t("requirement.priority")}
            value={query.priority}
            allLabel={t("measures.all")}
            options={requirementPriorities.map((c) => ({
              value: c,
              label: t(requirementPriorityLabel(c)),
            }))}
          />
          <FilterSelect
            name="status"
            label={t("requirement.status")}
            value={query.status}
            allLabel={t("measures.all")}
            options={requirementStatuses.map((c) => ({
              value: c,
              label: t(requirementStatusLabel(c)),
            }))}
          />
          <FilterSelect
            name="organisation"
            label={t("requirement.organisation")}
            value={query.organisation}
            allLabel={t("measures.all")}
            options={options.organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <FilterSelect
            name="section"
            label={t("requirement.sections")}
            value={query.section}
            allLabel={t("measures.all")}
            options={options.sections.map((s) => ({
              value: s.id,
              label: `${s.position}. ${s.title}`,
            }))}
          />
          <FilterSelect
            name="measure"
            label={t("requirement.measures")}
            value={query.measure}
            allLabel={t("measures.all")}
            options={options.measures.map((m) => ({ value: m.id, label: `${m.code} ${m.title}` }))}
          />
          <div className="filter-actions">
            <button type="submit" className="button primary">
              {t("measures.apply")}
            </button>{" "}
            <a href={`${base}/requirements`}>{t("measures.reset")}</a>
          </div>
        </Form>
      </FilterDetails>
      {rows.length === 0 ? (
        <p>{t("requirements.empty")}</p>
      ) : (
        <div
          className="table-scroll"
          role="region"
          aria-labelledby="requirements-caption"
          tabIndex={0}
        >
          <table className="table requirements-table">
            <caption id="requirements-caption">
              {t("requirements.caption", { count: rows.length, total })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("requirement.title")}</th>
                <th scope="col">{t("requirement.organisation")}</th>
                <th scope="col">{t("requirement.category")}</th>
                <th scope="col">{t("requirement.priority")}</th>
                <th scope="col">{t("requirement.sections")}</th>
                <th scope="col">{t("requirement.measures")}</th>
                <th scope="col">{t("requirement.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} id={`requirement-${r.id}`}>
                  <th scope="row">
                    <strong>{r.title}</strong>
                    <p className="requirement-description">{r.description}</p>
                    <span className="hint">
                      {t("requirement.author")} {r.author ?? "—"},{" "}
                      {formatDateTime(locale, r.createdAt)}
                    </span>
                  </th>
                  <td>{r.organisation}</td>
                  <td>{t(requirementCategoryLabel(r.category))}</td>
                  <td>
                    <span className={`priority priority-${r.priority}`}>
                      {t(requirementPriorityLabel(r.priority))}
                    </span>
                  </td>
                  <td>
                    <ul className="plain">
                      {r.sections.map((s) => (
                        <li key={s.id}>
                          <Link to={`${base}/s/${s.id}`}>
                            {s.position}. {s.title}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <ul className="plain">
                      {r.measures.map((m) => (
                        <li key={m.id}>
                          <Link to={`${base}/measures/${m.id}`}>{m.code}</Link>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {permissions.review ? (
                      <Form method="post" className="stack compact">
                        <input type="hidden" name="intent" value="status" />
                        <input type="hidden" name="requirementId" value={r.id} />
                        <label htmlFor={`status-${r.id}`} className="visually-hidden">
                          {t("requirements.statusOf", { title: r.title })}
                        </label>
                        <select
                          id={`status-${r.id}`}
                          name="status"
                          defaultValue={r.status}
                          key={r.status}
                        >
                          {requirementStatuses.map((s) => (
                            <option key={s} value={s}>
                              {t(requirementStatusLabel(s))}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button small">
                          {t("requirements.changeStatus")}
                          <span className="visually-hidden"> ({r.title})</span>
                        </button>
                      </Form>
                    ) : (
                      t(requirementStatusLabel(r.status))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
