import { useState } from "react";
import { Form, Link, useActionData } from "react-router";
import * as z from "zod";
import type { Route } from "./+types/versions";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { ErrorSummary, Field } from "#app/components/form.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ConfirmButton } from "#app/components/confirm.tsx";
import { StatusMessage } from "#app/components/status-message.tsx";
import { formatDateTime } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { field, formAction } from "#app/lib/actions.server.ts";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { freezeVersion, versionsPage } from "#server/domain/versions.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return guard(versionsPage(servicesOf(context), user, params.consultationId));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  return formAction(form, {
    schema: z.object({ name: field.raw() }),
    run: async ({ name }) =>
      freezeVersion(servicesOf(context), user, {
        consultationId: params.consultationId,
        name,
        ip: requestOf(context).ip,
      }),
  });
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("versions.title") }],
};

export default function Versions({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const result = useActionData<typeof action>();
  const { consultation, versions, permissions } = loaderData;
  const base = `/c/${consultation.id}`;
  const failed = result && !result.ok ? result : undefined;
  const frozen = result?.ok ? result.extra : undefined;
  // The typed name, for the confirmation to repeat it.
  const [name, setName] = useState(failed?.values.name ?? "");
  return (
    <div className="page wide">
      <PageTitle consultation={consultation.title}>{t("versions.title")}</PageTitle>
      <h1>{t("versions.title")}</h1>
      <p className="lead">{t("versions.intro")}</p>
      {permissions.create ? (
        <Form method="post" className="inline-form card">
          <ErrorSummary errors={failed?.errors} labels={{ name: t("versions.name") }} />
          <Field
            name="name"
            label={t("versions.name")}
            hint={t("versions.nameHint")}
            required
            maxLength={120}
            defaultValue={failed?.values.name ?? ""}
            onChange={(event) => setName(event.currentTarget.value)}
            error={failed?.errors.name}
          />
          <ConfirmButton
            className="button primary"
            title={t("confirm.freeze.title")}
            body={t("confirm.freeze.body", { name: name.trim() })}
            confirmLabel={t("confirm.freeze.submit")}
          >
            {t("versions.freeze")}
          </ConfirmButton>
        </Form>
      ) : null}
      <StatusMessage
        message={frozen ? t("done.versionFrozen", { name: frozen.name }) : undefined}
      />
      {frozen ? (
        <p>
          <Link to={`${base}/versions/${frozen.id}`}>
            {t("done.versionOpen", { name: frozen.name })}
          </Link>
        </p>
      ) : null}
      {versions.length >= 1 ? (
        <p>
          <Link to={`${base}/versions/compare`} className="button">
            {t("versions.compare")}
          </Link>
        </p>
      ) : null}
      {versions.length === 0 ? (
        <p>{t("versions.none")}</p>
      ) : (
        <table className="table">
          <caption>{t("versions.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("versions.name")}</th>
              <th scope="col">{t("versions.frozenBy")}</th>
              <th scope="col">{t("versions.frozenAt")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  <Link to={`${base}/versions/${v.id}`}>{v.name}</Link>
                </th>
                <td>{v.frozenByName ?? "—"}</td>
                <td>{formatDateTime(locale, v.frozenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
