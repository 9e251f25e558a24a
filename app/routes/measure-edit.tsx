import { Form, redirect, useActionData } from "react-router";
import type { Route } from "./+types/measure-edit";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { CheckboxGroup } from "#app/components/checkbox-group.tsx";
import { ErrorSummary, Field, SelectField, TextAreaField } from "#app/components/form.tsx";
import {
  euroInput,
  fundingStatusLabel,
  measurePriorityLabel,
  measureStatusLabel,
} from "#app/components/measures.tsx";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { formAction } from "#app/lib/actions.server.ts";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { fundingStatuses, measurePriorities, measureStatuses } from "#common/vocabularies.ts";
import { createMeasure, updateMeasure } from "#server/domain/measures/commands.ts";
import { measureForm } from "#server/domain/measures/pages.ts";
import { measureSchema } from "./measures.server.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return guard(measureForm(servicesOf(context), user, params.consultationId, params.measureId));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  return formAction(form, {
    schema: measureSchema,
    run: async (input) => {
      let id = params.measureId;
      if (params.measureId) {
        await updateMeasure(servicesOf(context), user, {
          ...input,
          consultationId: params.consultationId,
          measureId: params.measureId,
          ip: requestOf(context).ip,
        });
      } else {
        id = await createMeasure(servicesOf(context), user, {
          ...input,
          consultationId: params.consultationId,
          ip: requestOf(context).ip,
        });
      }
      throw redirect(
        `/c/${params.consultationId}/measures/${id}?saved=${params.measureId ? "updated" : "created"}`,
      );
    },
  });
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ data, t }) => [
    { label: t("measures.title"), to: `/c/${data.consultation.id}/measures` },
    ...(data.measure
      ? [{ label: data.measure.code, to: `/c/${data.consultation.id}/measures/${data.measure.id}` }]
      : []),
    { label: data.measure ? t("measures.edit") : t("measures.new") },
  ],
};

export default function MeasureEdit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const { consultation, measure, options, nextCode } = loaderData;
  const value = (name: string, fallback: string) => failed?.values[name] ?? fallback;
  const list = (name: string, fallback: string[]) =>
    failed ? (failed.lists[name] ?? []) : fallback;
  const labels: Record<string, string> = {
    code: t("measure.code"),
    title: t("measure.title"),
    description: t("measure.description"),
    leadOrganisationId: t("measure.lead"),
    partnerOrganisationIds: t("measure.partners"),
    start: t("measure.start"),
    end: t("measure.end"),
    costOneOff: t("measure.costOneOff"),
    costYearly: t("measure.costYearly"),
    fundingProgramme: t("measure.fundingProgramme"),
    fundingStatus: t("measure.fundingStatus"),
    applicationDeadline: t("measure.applicationDeadline"),
    priority: t("measure.priority"),
    status: t("measure.status"),
    sectionIds: t("measure.sections"),
    requirementIds: t("measure.requirements"),
  };
  const errors = failed?.errors ?? {};
  const heading = measure ? `${t("measures.edit")}: ${measure.code}` : t("measures.new");
  return (
    <div className="page">
      <PageTitle consultation={consultation.title}>{heading}</PageTitle>
      <h1>{heading}</h1>
      <ErrorSummary errors={failed?.errors} labels={labels} />
      <Form method="post" className="stack measure-form" noValidate>
        <Field
          name="code"
          label={labels.code!}
          required
          maxLength={20}
          hint={nextCode ? t("measures.nextCodeHint", { code: nextCode }) : undefined}
          placeholder={nextCode ?? undefined}
          defaultValue={value("code", measure?.code ?? "")}
          error={errors.code}
        />
        <Field
          name="title"
          label={labels.title!}
          required
          maxLength={200}
          defaultValue={value("title", measure?.title ?? "")}
          error={errors.title}
        />
        <TextAreaField
          name="description"
          label={labels.description!}
          hint={t("measure.descriptionHint")}
          rows={8}
          defaultValue={value("description", measure?.description ?? "")}
          error={errors.description}
        />
        <SelectField
          name="leadOrganisationId"
          label={labels.leadOrganisationId!}
          required
          defaultValue={value("leadOrganisationId", measure?.leadOrganisationId ?? "")}
          error={errors.leadOrganisationId}
          options={[
            { value: "", label: "—" },
            ...options.organisations.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <CheckboxGroup
          name="partnerOrganisationIds"
          legend={labels.partnerOrganisationIds!}
          options={options.organisations.map((o) => ({ value: o.id, label: o.name }))}
          checked={list("partnerOrganisationIds", measure?.partners.map((p) => p.id) ?? [])}
          error={errors.partnerOrganisationIds}
        />
        <div className="field-row">
          <Field
            name="start"
            label={labels.start!}
            required
            hint={t("measure.quarterHint")}
            defaultValue={value("start", measure?.start ?? "")}
            error={errors.start}
          />
          <Field
            name="end"
            label={labels.end!}
            required
            hint={t("measure.quarterHint")}
            defaultValue={value("end", measure?.end ?? "")}
            error={errors.end}
          />
        </div>
        <div className="field-row">
          <Field
            name="costOneOff"
            label={labels.costOneOff!}
            inputMode="decimal"
            hint={t("measure.costHint")}
            defaultValue={value("costOneOff", euroInput(locale, measure?.costOneOffCents))}
            error={errors.costOneOff}
          />
          <Field
            name="costYearly"
            label={labels.costYearly!}
            inputMode="decimal"
            hint={t("measure.costHint")}
            defaultValue={value("costYearly", euroInput(locale, measure?.costYearlyCents))}
            error={errors.costYearly}
          />
        </div>
        <Field
          name="fundingProgramme"
          label={labels.fundingProgramme!}
          maxLength={200}
          defaultValue={value("fundingProgramme", measure?.fundingProgramme ?? "")}
          error={errors.fundingProgramme}
        />
        <div className="field-row">
          <SelectField
            name="fundingStatus"
            label={labels.fundingStatus!}
            defaultValue={value("fundingStatus", measure?.fundingStatus ?? "none")}
            error={errors.fundingStatus}
            options={fundingStatuses.map((s) => ({ value: s, label: t(fundingStatusLabel(s)) }))}
          />
          <Field
            name="applicationDeadline"
            type="date"
            label={labels.applicationDeadline!}
            defaultValue={value("applicationDeadline", measure?.applicationDeadline ?? "")}
            error={errors.applicationDeadline}
          />
        </div>
        <div className="field-row">
          <SelectField
            name="priority"
            label={labels.priority!}
            defaultValue={value("priority", measure?.priority ?? "medium")}
            error={errors.priority}
            options={measurePriorities.map((s) => ({
              value: s,
              label: t(measurePriorityLabel(s)),
            }))}
          />
          <SelectField
            name="status"
            label={labels.status!}
            defaultValue={value("status", measure?.status ?? "planned")}
            error={errors.status}
            options={measureStatuses.map((s) => ({ value: s, label: t(measureStatusLabel(s)) }))}
          />
        </div>
        <div className="checkbox">
          <input
            type="checkbox"
            id="field-pilot"
            name="pilot"
            defaultChecked={failed ? failed.values.pilot === "on" : (measure?.pilot ?? false)}
          />
          <label htmlFor="field-pilot">{t("measure.pilot")}</label>
        </div>
        <CheckboxGroup
          name="sectionIds"
          legend={labels.sectionIds!}
          options={options.sections.map((s) => ({
            value: s.id,
            label: `${s.position}. ${s.title}`,
          }))}
          checked={list("sectionIds", measure?.sections.map((s) => s.id) ?? [])}
          error={errors.sectionIds}
        />
        <CheckboxGroup
          name="requirementIds"
          legend={labels.requirementIds!}
          options={options.requirements.map((r) => ({ value: r.id, label: r.title }))}
          checked={list("requirementIds", measure?.requirements.map((r) => r.id) ?? [])}
          error={errors.requirementIds}
        />
        <button type="submit" className="button primary">
          {measure ? t("measures.save") : t("measures.create")}
        </button>
      </Form>
    </div>
  );
}
