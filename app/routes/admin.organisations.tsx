import { Form, useActionData } from "react-router";
import * as z from "zod";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Route } from "./+types/admin.organisations";
import { ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { organisationKindLabel } from "#app/components/labels.ts";
import { useT } from "#app/i18n/react.tsx";
import { field, formAction } from "#app/lib/actions.server.ts";
import { guard, requireAdmin } from "#app/lib/guards.server.ts";
import { organisationKinds } from "#common/vocabularies.ts";
import { createOrganisation, listOrganisations } from "#server/domain/admin.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireAdmin(context, request);
  return { organisations: await guard(listOrganisations(servicesOf(context), user)) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireAdmin(context, request);
  const form = await readForm(request, context);
  return formAction(form, {
    schema: z.object({ name: field.raw(), shortName: field.raw(), kind: field.raw() }),
    run: async (input) => {
      await createOrganisation(servicesOf(context), user, { ...input, ip: requestOf(context).ip });
    },
  });
}

export default function AdminOrganisations({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const labels = {
    name: t("admin.organisationName"),
    shortName: t("admin.shortName"),
    kind: t("admin.kind"),
  };
  return (
    <div className="page">
      <PageTitle>{t("nav.organisations")}</PageTitle>
      <h1>{t("nav.organisations")}</h1>
      <table className="table">
        <caption className="visually-hidden">{t("nav.organisations")}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.name}</th>
            <th scope="col">{labels.shortName}</th>
            <th scope="col">{labels.kind}</th>
            <th scope="col">{t("admin.memberCount")}</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.organisations.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{o.shortName}</td>
              <td>{t(organisationKindLabel(o.kind))}</td>
              <td>{o.memberCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="new-org-heading" className="panel">
        <h2 id="new-org-heading">{t("admin.newOrganisation")}</h2>
        {result?.ok ? (
          <p role="status" className="notice">
            {t("form.saved")}
          </p>
        ) : null}
        <ErrorSummary errors={failed?.errors} labels={labels} />
        <Form method="post" className="stack" noValidate>
          <Field
            name="name"
            label={labels.name}
            required
            maxLength={200}
            defaultValue={failed?.values.name ?? ""}
            error={failed?.errors.name}
          />
          <Field
            name="shortName"
            label={labels.shortName}
            required
            maxLength={20}
            defaultValue={failed?.values.shortName ?? ""}
            error={failed?.errors.shortName}
          />
          <SelectField
            name="kind"
            label={labels.kind}
            defaultValue={failed?.values.kind ?? "department"}
            error={failed?.errors.kind}
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
