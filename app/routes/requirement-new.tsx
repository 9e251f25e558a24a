import { Form, redirect, useActionData } from "react-router";
import * as z from "zod";
import type { Route } from "./+types/requirement-new";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { withDone } from "#app/lib/done.ts";
import { PageTitle } from "#app/components/page-title.tsx";
import { CheckboxGroup } from "#app/components/checkbox-group.tsx";
import { ErrorSummary, Field, SelectField, TextAreaField } from "#app/components/form.tsx";
import {
  DeadlineCountdown,
  requirementCategoryLabel,
  requirementPriorityLabel,
} from "#app/components/measures.tsx";
import { useT } from "#app/i18n/react.tsx";
import { field, formAction } from "#app/lib/actions.server.ts";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { requirementCategories, requirementPriorities } from "#common/vocabularies.ts";
import { requirementForm } from "#server/domain/requirements.ts";
import { submitRequirement } from "#server/domain/requirement-commands.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return guard(requirementForm(servicesOf(context), user, params.consultationId));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  return formAction(form, {
    schema: z.object({
      title: field.raw(),
      description: field.raw(),
      category: field.raw(),
      priority: field.raw(),
      sectionIds: field.list(),
      measureIds: field.list(),
    }),
    run: async (input) => {
      await submitRequirement(servicesOf(context), user, {
        ...input,
        consultationId: params.consultationId,
        ip: requestOf(context).ip,
      });
      throw redirect(withDone(`/c/${params.consultationId}/requirements`, "requirement-submitted"));
    },
  });
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ data, t }) => [
    { label: t("requirements.title"), to: `/c/${data.consultation.id}/requirements` },
    { label: t("requirements.newTitle") },
  ],
};

export default function RequirementNew({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const { consultation, organisation, sections, measures, now } = loaderData;
  const errors = failed?.errors ?? {};
  const value = (name: string) => failed?.values[name] ?? "";
  const list = (name: string) => (failed ? (failed.lists[name] ?? []) : []);
  const labels = {
    title: t("requirement.title"),
    description: t("requirement.description"),
    category: t("requirement.category"),
    priority: t("requirement.priority"),
    sectionIds: t("requirement.sections"),
    measureIds: t("requirement.measures"),
  };
  return (
    <div className="page">
      <PageTitle consultation={consultation.title}>{t("requirements.newTitle")}</PageTitle>
      <h1>{t("requirements.newTitle")}</h1>
      <p>{t("requirements.newIntro", { organisation })}</p>
      <DeadlineCountdown endsAt={consultation.contributionDeadline} serverNow={now} />
      <ErrorSummary errors={failed?.errors} labels={labels} />
      <Form method="post" className="stack" noValidate>
        <Field
          name="title"
          label={labels.title}
          required
          maxLength={200}
          defaultValue={value("title")}
          error={errors.title}
        />
        <TextAreaField
          name="description"
          label={labels.description}
          rows={6}
          required
          defaultValue={value("description")}
          error={errors.description}
        />
        <SelectField
          name="category"
          label={labels.category}
          required
          defaultValue={value("category")}
          error={errors.category}
          options={[
            { value: "", label: "—" },
            ...requirementCategories.map((c) => ({
              value: c,
              label: t(requirementCategoryLabel(c)),
            })),
          ]}
        />
        <SelectField
          name="priority"
          label={labels.priority}
          required
          defaultValue={value("priority")}
          error={errors.priority}
          options={[
            { value: "", label: "—" },
            ...requirementPriorities.map((c) => ({
              value: c,
              label: t(requirementPriorityLabel(c)),
            })),
          ]}
        />
        <CheckboxGroup
          name="sectionIds"
          legend={labels.sectionIds}
          hint={t("requirements.chooseHint")}
          options={sections.map((s) => ({ value: s.id, label: `${s.position}. ${s.title}` }))}
          checked={list("sectionIds")}
          error={errors.sectionIds}
        />
        <CheckboxGroup
          name="measureIds"
          legend={labels.measureIds}
          hint={t("requirements.chooseHint")}
          options={measures.map((m) => ({ value: m.id, label: `${m.code} ${m.title}` }))}
          checked={list("measureIds")}
          error={errors.measureIds}
        />
        <button type="submit" className="button primary">
          {t("requirements.submit")}
        </button>
      </Form>
    </div>
  );
}
