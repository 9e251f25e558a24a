import { Form, useActionData } from "react-router";
import * as z from "zod";
import type { Route } from "./+types/position";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { StatusMessage } from "#app/components/status-message.tsx";
import { ErrorSummary, Field, TextAreaField } from "#app/components/form.tsx";
import { DeadlineCountdown, euroInput, stanceLabel } from "#app/components/measures.tsx";
import { PositionRevision, PositionRevisions } from "#app/components/position-revisions.tsx";
import { LiveStatus } from "#app/components/live-status.tsx";
import { isMessageKey } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { field, formAction, handler } from "#app/lib/actions.server.ts";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { useLiveRevalidation } from "#app/lib/use-live-revalidation.ts";
import { stances } from "#common/vocabularies.ts";
import { positionPage } from "#server/domain/positions/page.ts";
import { recordPosition, releasePosition } from "#server/domain/positions/commands.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return guard(positionPage(servicesOf(context), user, params.consultationId, params.measureId));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  const { consultationId, measureId } = params;
  const ip = requestOf(context).ip;
  const record = (release: boolean) =>
    handler({
      schema: z.object({
        stance: field.raw(),
        reasoning: field.raw(),
        conditions: field.raw(),
        costImpact: field.raw(),
      }),
      run: async (input) => {
        await recordPosition(servicesOf(context), user, {
          ...input,
          consultationId,
          measureId,
          release,
          ip,
        });
      },
    });
  return formAction(form, {
    intents: {
      draft: record(false),
      "draft-release": record(true),
      release: handler({
        schema: z.object({ revisionId: field.raw() }),
        run: async ({ revisionId }) => {
          await releasePosition(servicesOf(context), user, {
            consultationId,
            measureId,
            revisionId,
            ip,
          });
        },
      }),
    },
  });
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ data, t }) => [
    { label: t("measures.title"), to: `/c/${data.consultation.id}/measures` },
    { label: data.measure.code, to: `/c/${data.consultation.id}/measures/${data.measure.id}` },
    { label: t("positions.title") },
  ],
};

export default function Position({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const {
    consultation,
    measure,
    organisation,
    revisions,
    current,
    draft,
    releasers,
    permissions,
    now,
  } = loaderData;
  const updates = useLiveRevalidation(consultation.id);
  // Start a new version from the newest one, so a small change does not mean retyping.
  const latest = draft ?? current;
  const value = (name: string, fallback: string) => failed?.values[name] ?? fallback;
  const stance = value("stance", latest?.stance ?? "");
  const labels = {
    stance: t("positions.stance"),
    reasoning: t("positions.reasoning"),
    conditions: t("positions.conditions"),
    costImpact: t("positions.costImpact"),
    revisionId: t("positions.release"),
  };
  const denialKey = `error.forbidden.${permissions.recordDenial ?? ""}`;
  const formError =
    failed?.formError && isMessageKey(failed.formError) ? t(failed.formError) : undefined;
  const success =
    result?.ok && (result.intent === "release" || result.intent === "draft-release")
      ? t("positions.released")
      : result?.ok
        ? t("positions.saved")
        : null;
  return (
    <div className="page">
      <PageTitle consultation={consultation.title}>
        {t("positions.formTitle", { code: measure.code })}
      </PageTitle>
      <h1>{t("positions.formTitle", { code: measure.code })}</h1>
      <p className="lead">{measure.title}</p>
      <p>{t("positions.forOrganisation", { organisation: organisation.name })}</p>
      <p className="releasers">
        {releasers.length > 0
          ? t("positions.releasers", {
              names: new Intl.ListFormat(locale, { type: "conjunction" }).format(
                releasers.map((r) => r.name),
              ),
            })
          : t("positions.noReleasers", { organisation: organisation.name })}
      </p>
      <DeadlineCountdown endsAt={consultation.contributionDeadline} serverNow={now} />
      <LiveStatus updates={updates} />
      <StatusMessage message={success} />
      <ErrorSummary errors={failed?.errors} labels={labels} formError={formError} />

      <section aria-labelledby="current-heading" className="panel">
        <h2 id="current-heading">{t("positions.current")}</h2>
        {current ? (
          <PositionRevision revision={current} note="released" />
        ) : (
          <p>{t("positions.noCurrent")}</p>
        )}
      </section>

      {draft ? (
        <section aria-labelledby="draft-heading" className="panel draft-panel">
          <h2 id="draft-heading">{t("positions.pendingDraft")}</h2>
          <PositionRevision revision={draft} note="written" />
          {permissions.release ? (
            <Form method="post">
              <input type="hidden" name="intent" value="release" />
              <input type="hidden" name="revisionId" value={draft.id} />
              <p className="hint">{t("positions.releaseHint")}</p>
              <button type="submit" className="button primary">
                {t("positions.release")}
              </button>
            </Form>
          ) : permissions.releaseDenial === "no_release_right" ? (
            <p>{t("positions.noReleaseRight")}</p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">{latest ? t("positions.edit") : t("positions.record")}</h2>
        {permissions.record ? (
          <Form method="post" className="stack" noValidate>
            <fieldset
              className={`field${failed?.errors.stance ? " field-invalid" : ""}`}
              id="field-stance"
              aria-describedby={failed?.errors.stance ? "field-stance-error" : undefined}
            >
              <legend>
                {labels.stance}
                <span aria-hidden="true"> *</span>
              </legend>
              {failed?.errors.stance ? (
                <p id="field-stance-error" className="field-error">
                  {t(failed.errors.stance)}
                </p>
              ) : null}
              {stances.map((s) => (
                <div className="radio" key={s}>
                  <input
                    type="radio"
                    id={`stance-${s}`}
                    name="stance"
                    value={s}
                    defaultChecked={stance === s}
                    required
                  />
                  <label htmlFor={`stance-${s}`}>{t(stanceLabel(s))}</label>
                </div>
              ))}
            </fieldset>
            <TextAreaField
              rows={5}
              name="reasoning"
              label={labels.reasoning}
              defaultValue={value("reasoning", latest?.reasoning ?? "")}
              error={failed?.errors.reasoning}
            />
            <TextAreaField
              rows={5}
              name="conditions"
              label={labels.conditions}
              hint={t("positions.conditionsHint")}
              defaultValue={value("conditions", latest?.conditions ?? "")}
              error={failed?.errors.conditions}
            />
            <Field
              name="costImpact"
              label={labels.costImpact}
              inputMode="decimal"
              hint={t("positions.costImpactHint")}
              defaultValue={value("costImpact", euroInput(locale, latest?.costImpactCents))}
              error={failed?.errors.costImpact}
            />
            <div className="button-row">
              <button type="submit" name="intent" value="draft" className="button">
                {t("positions.saveDraft")}
              </button>
              {permissions.release ? (
                <button
                  type="submit"
                  name="intent"
                  value="draft-release"
                  className="button primary"
                >
                  {t("positions.saveAndRelease")}
                </button>
              ) : null}
            </div>
          </Form>
        ) : (
          <p>
            {measure.archived
              ? t("archive.positionsClosed")
              : isMessageKey(denialKey)
                ? t(denialKey)
                : t("positions.closed")}
          </p>
        )}
      </section>

      <PositionRevisions
        revisions={revisions}
        summary={t("positions.revisions", { count: revisions.length })}
        authorship
      />
    </div>
  );
}
