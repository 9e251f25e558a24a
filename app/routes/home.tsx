import { Form, Link, redirect, useActionData } from "react-router";
import * as z from "zod";
import { ErrorSummary, Field, TextAreaField } from "#app/components/form.tsx";
import { field, formAction } from "#app/lib/actions.server.ts";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Route } from "./+types/home";
import { phaseLabel, roleLabel } from "#app/components/labels.ts";
import { formatDate } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { requireUser } from "#app/lib/guards.server.ts";
import { createConsultation, listMyConsultations } from "#server/domain/consultations.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return {
    consultations: await listMyConsultations(servicesOf(context), user),
    canCreate: user.isAdmin,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  return formAction(form, {
    schema: z.object({ title: field.raw(), description: field.raw() }),
    run: async (input) => {
      const created = await createConsultation(servicesOf(context), user, {
        ...input,
        ip: requestOf(context).ip,
      });
      throw redirect(`/c/${created.id}/settings`);
    },
  });
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { consultations, canCreate } = loaderData;
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const labels = { title: t("settings.title"), description: t("settings.description") };
  return (
    <div className="page">
      <PageTitle>{t("home.title")}</PageTitle>
      <h1>{t("home.title")}</h1>
      {consultations.length === 0 ? (
        <p>{t("home.empty")}</p>
      ) : (
        <ul className="card-list">
          {consultations.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/c/${c.id}`}>{c.title}</Link>
              </h2>
              <dl className="facts">
                <div>
                  <dt>{t("consultation.phase")}</dt>
                  <dd>{t(phaseLabel(c.phase))}</dd>
                </div>
                <div>
                  <dt>{t("consultation.nextDeadline")}</dt>
                  <dd>
                    {c.nextDeadline
                      ? t("consultation.deadlineOf", {
                          phase: t(phaseLabel(c.nextDeadline.phase)),
                          date: formatDate(locale, c.nextDeadline.endsAt),
                        })
                      : t("consultation.noDeadline")}
                  </dd>
                </div>
                <div>
                  <dt>{t("consultation.myRole")}</dt>
                  <dd>{t(roleLabel(c.role))}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {canCreate ? (
        <section aria-labelledby="new-consultation-heading" className="panel">
          <h2 id="new-consultation-heading">{t("home.newConsultation")}</h2>
          <ErrorSummary errors={failed?.errors} labels={labels} />
          <Form method="post" className="stack" noValidate>
            <Field
              name="title"
              label={labels.title}
              required
              maxLength={200}
              defaultValue={failed?.values.title ?? ""}
              error={failed?.errors.title}
            />
            <TextAreaField
              name="description"
              label={labels.description}
              rows={3}
              maxLength={5000}
              defaultValue={failed?.values.description ?? ""}
              error={failed?.errors.description}
            />
            <button type="submit" className="button primary">
              {t("home.createConsultation")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
