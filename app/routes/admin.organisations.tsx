import { Form, useActionData } from "react-router";
import * as z from "zod";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Route } from "./+types/admin.organisations";
import { ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { organisationKindLabel } from "#app/components/labels.ts";
import { useT } from "#app/i18n/react.tsx";
import { field, formAction, handler } from "#app/lib/actions.server.ts";
import { guard, requireAdmin } from "#app/lib/guards.server.ts";
import { organisationKinds, type OrganisationKind } from "#common/vocabularies.ts";
import { RowEdit } from "#app/components/row-edit.tsx";
import type { FieldErrors } from "#app/lib/forms.ts";
import { createOrganisation, listOrganisations } from "#server/domain/admin.ts";
import { updateOrganisation } from "#server/domain/admin-edit.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireAdmin(context, request);
  return { organisations: await guard(listOrganisations(servicesOf(context), user)) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireAdmin(context, request);
  const form = await readForm(request, context);
  const ip = requestOf(context).ip;
  return formAction(form, {
    intents: {
      create: handler({
        schema: z.object({ name: field.raw(), shortName: field.raw(), kind: field.raw() }),
        run: async (input) => {
          await createOrganisation(servicesOf(context), user, { ...input, ip });
          return { name: input.name.trim(), changed: true };
        },
      }),
      update: handler({
        schema: z.object({
          organisationId: field.raw(),
          name: field.raw(),
          shortName: field.raw(),
          kind: field.raw(),
        }),
        run: async (input) => {
          const { changed } = await updateOrganisation(servicesOf(context), user, {
            ...input,
            ip,
          });
          return { name: input.name.trim(), changed };
        },
      }),
    },
  });
}

export default function AdminOrganisations({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const createFailed = failed?.intent === "create" ? failed : undefined;
  const editFailed = failed?.intent === "update" ? failed : undefined;
  const labels = {
    name: t("admin.organisationName"),
    shortName: t("admin.shortName"),
    kind: t("admin.kind"),
  };
  return (
    <div className="page">
      <PageTitle>{t("nav.organisations")}</PageTitle>
      <h1>{t("nav.organisations")}</h1>
      {result?.ok && result.intent === "update" && result.extra ? (
        <p role="status" className="notice">
          {result.extra.changed
            ? t("admin.organisationUpdated", { name: result.extra.name })
            : t("admin.unchanged")}
        </p>
      ) : null}
      <table className="table">
        <caption className="visually-hidden">{t("nav.organisations")}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.name}</th>
            <th scope="col">{labels.shortName}</th>
            <th scope="col">{labels.kind}</th>
            <th scope="col">{t("admin.memberCount")}</th>
            <th scope="col">{t("members.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.organisations.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{o.shortName}</td>
              <td>{t(organisationKindLabel(o.kind))}</td>
              <td>{o.memberCount}</td>
              <td>
                <OrganisationEdit
                  organisation={o}
                  labels={labels}
                  failed={editFailed?.values.organisationId === o.id ? editFailed : undefined}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="new-org-heading" className="panel">
        <h2 id="new-org-heading">{t("admin.newOrganisation")}</h2>
        {result?.ok && result.intent === "create" ? (
          <p role="status" className="notice">
            {t("form.saved")}
          </p>
        ) : null}
        <ErrorSummary errors={createFailed?.errors} labels={labels} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field
            name="name"
            label={labels.name}
            required
            maxLength={200}
            defaultValue={createFailed?.values.name ?? ""}
            error={createFailed?.errors.name}
          />
          <Field
            name="shortName"
            label={labels.shortName}
            required
            maxLength={20}
            defaultValue={createFailed?.values.shortName ?? ""}
            error={createFailed?.errors.shortName}
          />
          <SelectField
            name="kind"
            label={labels.kind}
            defaultValue={createFailed?.values.kind ?? "department"}
            error={createFailed?.errors.kind}
            options={organisationKinds.map((k) => ({
              value: k,
              label: t(organisationKindLabel(k)),
            }))}
          />
          <button type="submit" className="button primary">
            {t("admin.createOrganisation")}
          </button>
        </Form>
      </section>
    </div>
  );
}

/** An organisation's row form: name, short name and kind, prefilled with the saved values. */
function OrganisationEdit({
  organisation: o,
  labels,
  failed,
}: {
  organisation: { id: string; name: string; shortName: string; kind: OrganisationKind };
  labels: { name: string; shortName: string; kind: string };
  failed?: { values: Record<string, string>; errors: FieldErrors };
}) {
  const t = useT();
  const value = (name: "name" | "shortName" | "kind") => failed?.values[name] ?? o[name];
  return (
    <RowEdit
      key={`${o.name}|${o.shortName}|${o.kind}`}
      summary={t("admin.edit")}
      subject={o.name}
      intent="update"
      idName="organisationId"
      id={o.id}
      failed={Boolean(failed)}
    >
      <Field
        id={`org-name-${o.id}`}
        name="name"
        label={labels.name}
        required
        maxLength={200}
        defaultValue={value("name")}
        error={failed?.errors.name}
      />
      <Field
        id={`org-short-${o.id}`}
        name="shortName"
        label={labels.shortName}
        required
        maxLength={20}
        defaultValue={value("shortName")}
        error={failed?.errors.shortName}
      />
      <SelectField
        id={`org-kind-${o.id}`}
        name="kind"
        label={labels.kind}
        defaultValue={value("kind")}
        error={failed?.errors.kind}
        options={organisationKinds.map((k) => ({ value: k, label: t(organisationKindLabel(k)) }))}
      />
    </RowEdit>
  );
}
