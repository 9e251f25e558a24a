import { useEffect, useRef } from "react";
import { Form, useActionData, useNavigation } from "react-router";
import * as z from "zod";
import type { Route } from "./+types/consolidation";
import { FilterDetails } from "#app/components/filter-details.tsx";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import {
  dispositionCategoryLabel,
  dispositionStateLabel,
  feedbackKindLabel,
} from "#app/components/consolidation.tsx";
import { DispositionFields } from "#app/components/disposition-fields.tsx";
import { FeedbackItemCard } from "#app/components/feedback-item-card.tsx";
import { ErrorSummary, FilterSelect } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ConfirmButton } from "#app/components/confirm.tsx";
import { StatusMessage } from "#app/components/status-message.tsx";
import { isMessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import { field, formAction, handler } from "#app/lib/actions.server.ts";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { dispositionCategories, dispositionStates, feedbackKinds } from "#common/vocabularies.ts";
import {
  consolidationPage,
  parseQueueQuery,
  publishDispositions,
  setDisposition,
} from "#server/domain/consolidation.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const query = parseQueueQuery(new URL(request.url).searchParams);
  const page = await guard(
    consolidationPage(servicesOf(context), user, params.consultationId, query),
  );
  return { ...page, query };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  const consultationId = params.consultationId;
  const ip = requestOf(context).ip;
  const dispose = handler({
    schema: z.object({
      items: field.list(),
      category: field.raw(),
      justification: field.raw(),
      links: field.list(),
    }),
    run: async (input) => {
      await setDisposition(servicesOf(context), user, { ...input, consultationId, ip });
    },
  });
  return formAction(form, {
    intents: {
      dispose,
      // The group form: the same disposition for every selected item.
      "dispose-group": dispose,
      publish: handler({
        schema: z.object({}),
        run: async () => {
          await publishDispositions(servicesOf(context), user, { consultationId, ip });
        },
      }),
    },
  });
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("consolidation.title") }],
};

export default function Consolidation({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const groupForm = useRef<HTMLFormElement>(null);
  // A saved group clears its selection and fields, so no later save reuses them unnoticed.
  useEffect(() => {
    if (result?.ok && result.intent === "dispose-group") groupForm.current?.reset();
  }, [result]);
  const { consultation, items, progress, unpublished, unjustified, options, query, permissions } =
    loaderData;
  const failed = result && !result.ok ? result : undefined;
  const typedFor = failed?.values?.intent === "dispose" ? failed.values.items : undefined;
  const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 100;
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>{t("consolidation.title")}</PageTitle>
      <h1>{t("consolidation.title")}</h1>
      <p className="lead">{t("consolidation.intro")}</p>
      <div className="progress-block">
        <label htmlFor="consolidation-progress">{t("consolidation.progress")}</label>
        <progress id="consolidation-progress" max={progress.total || 1} value={progress.done}>
          {percent} %
        </progress>
        <p>
          {t("consolidation.progressText", { done: progress.done, count: progress.total })} (
          {percent} %)
        </p>
      </div>

      <StatusMessage
        message={
          result?.ok
            ? result.intent === "publish"
              ? t("consolidation.published")
              : t("consolidation.saved")
            : undefined
        }
      />
      <ErrorSummary
        errors={failed?.errors}
        labels={{
          items: t("consolidation.item"),
          category: t("consolidation.category"),
          justification: t("consolidation.justification"),
          links: t("consolidation.links"),
        }}
        formError={
          failed?.formError && isMessageKey(failed.formError) ? t(failed.formError) : undefined
        }
      >
        {failed?.intent === "publish" && unjustified.length ? (
          <>
            <p id="unjustified-heading">{t("consolidation.unjustifiedItems")}</p>
            <ul aria-labelledby="unjustified-heading">
              {unjustified.map((item) => (
                <li key={item.key}>
                  {t(feedbackKindLabel(item.kind))}: {item.title}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </ErrorSummary>

      {permissions.publish ? (
        <Form method="post" className="publish-form">
          <input type="hidden" name="intent" value="publish" />
          <p className="hint" id="publish-hint">
            {t("consolidation.publishHint")}
          </p>
          {unpublished > 0 ? (
            <ConfirmButton
              className="button primary"
              aria-describedby="publish-hint"
              disabled={navigation.state === "submitting"}
              title={t("confirm.publish.title")}
              body={t("confirm.publish.body", { count: unpublished })}
              confirmLabel={t("confirm.publish.submit")}
            >
              {t("consolidation.publish", { count: unpublished })}
            </ConfirmButton>
          ) : (
            // Nothing to publish: the server says so, there is nothing to confirm.
            <button
              type="submit"
              className="button primary"
              aria-describedby="publish-hint"
              disabled={navigation.state === "submitting"}
            >
              {t("consolidation.publish", { count: unpublished })}
            </button>
          )}
        </Form>
      ) : null}

      <FilterDetails summary={t("consolidation.filters")}>
        <Form method="get" className="filter-grid">
          <FilterSelect
            name="kind"
            label={t("consolidation.kind")}
            value={query.kind}
            allLabel={t("consolidation.all")}
            options={feedbackKinds.map((k) => ({ value: k, label: t(feedbackKindLabel(k)) }))}
          />
          <FilterSelect
            name="state"
            label={t("consolidation.state")}
            value={query.state}
            allLabel={t("consolidation.all")}
            options={dispositionStates.map((s) => ({
              value: s,
              label: t(dispositionStateLabel(s)),
            }))}
          />
          <FilterSelect
            name="category"
            label={t("consolidation.category")}
            value={query.category}
            allLabel={t("consolidation.all")}
            options={dispositionCategories.map((c) => ({
              value: c,
              label: t(dispositionCategoryLabel(c)),
            }))}
          />
          <FilterSelect
            name="section"
            label={t("consolidation.section")}
            value={query.section}
            allLabel={t("consolidation.all")}
            options={options.sections.map((s) => ({ value: s.id, label: s.title }))}
          />
          <FilterSelect
            name="measure"
            label={t("consolidation.measure")}
            value={query.measure}
            allLabel={t("consolidation.all")}
            options={options.measures.map((m) => ({ value: m.id, label: `${m.code} ${m.title}` }))}
          />
          <FilterSelect
            name="organisation"
            label={t("consolidation.organisation")}
            value={query.organisation}
            allLabel={t("consolidation.all")}
            options={options.organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <button type="submit" className="button">
            {t("consolidation.filter")}
          </button>
        </Form>
      </FilterDetails>

      <section aria-labelledby="group-heading" className="card group-form">
        <h2 id="group-heading">{t("consolidation.groupHeading")}</h2>
        <p className="hint">{t("consolidation.groupHint")}</p>
        <Form method="post" id="group-form" ref={groupForm}>
          <input type="hidden" name="intent" value="dispose-group" />
          <DispositionFields
            idPrefix="group"
            options={options}
            defaults={{ category: "", justification: "", links: [] }}
          />
          <button type="submit" className="button">
            {t("consolidation.saveGroup")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">
          {t("consolidation.queue", { count: items.length, total: progress.total })}
        </h2>
        {items.length === 0 ? (
          <p>{t("consolidation.empty")}</p>
        ) : (
          <ul className="card-list feedback-list">
            {items.map((item, index) => (
              <FeedbackItemCard
                key={item.key}
                item={item}
                index={index}
                options={options}
                typed={
                  typedFor === item.key
                    ? {
                        category: failed?.values.category ?? "",
                        justification: failed?.values.justification ?? "",
                        links: failed?.lists.links ?? [],
                      }
                    : undefined
                }
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
