import { Form, redirect, useActionData } from "react-router";
import * as z from "zod";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Route } from "./+types/settings";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { ErrorSummary, Field, SelectField, TextAreaField } from "#app/components/form.tsx";
import { phaseLabel, sectionStatusLabel } from "#app/components/labels.ts";
import { useT } from "#app/i18n/react.tsx";
import { field, formAction, handler } from "#app/lib/actions.server.ts";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { phases, sectionStatuses, type Phase } from "#common/vocabularies.ts";
import { consultationSettings, updateConsultationSettings } from "#server/domain/consultations.ts";
import { DomainError, invalid } from "#server/domain/errors.ts";
import { createSection } from "#server/domain/sections.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return guard(consultationSettings(servicesOf(context), user, params.consultationId));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  const consultationId = params.consultationId;
  const ip = requestOf(context).ip;
  const deadline = (p: Phase) => `deadline_${p}` as const;
  const deadlineFields = Object.fromEntries(
    phases.map((p) => [deadline(p), field.raw()]),
  ) as Record<ReturnType<typeof deadline>, ReturnType<typeof field.raw>>;
  return formAction(form, {
    intents: {
      settings: handler({
        schema: z.object({
          title: field.raw(),
          description: field.raw(),
          ...deadlineFields,
        }),
        run: async (input) => {
          await updateConsultationSettings(servicesOf(context), user, {
            consultationId,
            title: input.title,
            description: input.description,
            deadlines: Object.fromEntries(phases.map((p) => [p, input[deadline(p)]])),
            ip,
          });
        },
      }),
      section: handler({
        schema: z.object({
          sectionTitle: field.raw(),
          leadOrganisationId: field.raw(),
          status: field.raw(),
        }),
        run: async ({ sectionTitle, ...input }) => {
          let created: { id: string };
          try {
            created = await createSection(servicesOf(context), user, {
              ...input,
              consultationId,
              title: sectionTitle,
              ip,
            });
          } catch (error) {
            // The page has two forms; the section's title field is named apart from the consultation's.
            if (error instanceof DomainError && error.fieldErrors.title) {
              const { title, ...rest } = error.fieldErrors;
              throw invalid({ ...rest, sectionTitle: title });
            }
            throw error;
          }
          throw redirect(`/c/${consultationId}/s/${created.id}`);
        },
      }),
    },
  });
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("settings.heading") }],
};

export default function Settings({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const settingsFailed = failed && failed.intent !== "section" ? failed : undefined;
  const sectionFailed = failed?.intent === "section" ? failed : undefined;
  const { consultation, deadlines, organisations } = loaderData;
  const deadlineField = (p: Phase) => `deadline_${p}`;
  const labels: Record<string, string> = {
    title: t("settings.title"),
    description: t("settings.description"),
    ...Object.fromEntries(
      phases.map((p) => [deadlineField(p), t("settings.deadlineOf", { phase: t(phaseLabel(p)) })]),
    ),
  };
  const sectionLabels = {
    sectionTitle: t("section.title"),
    leadOrganisationId: t("section.lead"),
    status: t("section.status"),
  };
  return (
    <div className="page">
      <PageTitle consultation={consultation.title}>{t("settings.heading")}</PageTitle>
      <h1>{t("settings.heading")}</h1>
      {result?.ok ? (
        <p role="status" className="notice">
          {t("form.saved")}
        </p>
      ) : null}
      <section aria-labelledby="settings-form-heading" className="panel">
        <h2 id="settings-form-heading">{t("settings.general")}</h2>
        <ErrorSummary errors={settingsFailed?.errors} labels={labels} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <Field
            name="title"
            label={labels.title}
            required
            maxLength={200}
            defaultValue={settingsFailed?.values.title ?? consultation.title}
            error={settingsFailed?.errors.title}
          />
          <TextAreaField
            name="description"
            label={labels.description}
            rows={4}
            maxLength={5000}
            defaultValue={settingsFailed?.values.description ?? consultation.description}
            error={settingsFailed?.errors.description}
          />
          <fieldset className="stack">
            <legend>{t("consultation.deadlines")}</legend>
            <p className="hint">{t("settings.deadlineHint")}</p>
            {phases.map((p) => (
              <Field
                key={p}
                name={deadlineField(p)}
                type="datetime-local"
                label={labels[deadlineField(p)]}
                defaultValue={settingsFailed?.values[deadlineField(p)] ?? deadlines[p] ?? ""}
                error={settingsFailed?.errors[deadlineField(p)]}
              />
            ))}
          </fieldset>
          <button type="submit" className="button primary">
            {t("form.save")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="new-section-heading" className="panel">
        <h2 id="new-section-heading">{t("settings.newSection")}</h2>
        <ErrorSummary errors={sectionFailed?.errors} labels={sectionLabels} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="section" />
          <Field
            name="sectionTitle"
            label={sectionLabels.sectionTitle}
            required
            maxLength={200}
            defaultValue={sectionFailed?.values.sectionTitle ?? ""}
            error={sectionFailed?.errors.sectionTitle}
          />
          <SelectField
            name="leadOrganisationId"
            label={sectionLabels.leadOrganisationId}
            defaultValue={sectionFailed?.values.leadOrganisationId ?? ""}
            error={sectionFailed?.errors.leadOrganisationId}
            options={[
              { value: "", label: t("admin.noOrganisation") },
              ...organisations.map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
          <SelectField
            name="status"
            label={sectionLabels.status}
            defaultValue={sectionFailed?.values.status ?? "draft"}
            error={sectionFailed?.errors.status}
            options={sectionStatuses.map((s) => ({ value: s, label: t(sectionStatusLabel(s)) }))}
          />
          <button type="submit" className="button primary">
            {t("settings.addSection")}
          </button>
        </Form>
      </section>
    </div>
  );
}
