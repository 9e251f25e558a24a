import { useState } from "react";
import { Form, Link, useActionData } from "react-router";
import * as z from "zod";
import { PageTitle } from "#app/components/page-title.tsx";
import { ConfirmButton } from "#app/components/confirm.tsx";
import { StatusMessage } from "#app/components/status-message.tsx";
import type { Route } from "./+types/consultation";
import { ErrorSummary, SelectField } from "#app/components/form.tsx";
import { phaseLabel, roleLabel, sectionStatusLabel } from "#app/components/labels.ts";
import { formatDateTime } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { phases } from "#common/vocabularies.ts";
import { changePhase, consultationOverview } from "#server/domain/consultations.ts";
import { field, fieldErrorsOf, formAction, refuse } from "#app/lib/actions.server.ts";
import { useLiveRevalidation } from "#app/lib/use-live-revalidation.ts";
import { openThreadCounts } from "#server/domain/thread-views.ts";
import { missingDispositions } from "#server/domain/consolidation.ts";
import { DomainError } from "#server/domain/errors.ts";
import { feedbackKindLabel } from "#app/components/consolidation.tsx";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const overview = await guard(
    consultationOverview(servicesOf(context), user, params.consultationId),
  );
  return {
    ...overview,
    openThreads: await openThreadCounts(servicesOf(context), params.consultationId),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  return formAction(form, {
    schema: z.object({ phase: field.raw() }),
    run: async ({ phase }) => {
      try {
        await changePhase(servicesOf(context), user, {
          consultationId: params.consultationId,
          phase,
          ip: requestOf(context).ip,
        });
      } catch (error) {
        // The phase gate lists what is missing instead of only refusing.
        if (
          !(error instanceof DomainError) ||
          error.kind !== "invalid" ||
          error.fieldErrors.phase !== "consolidation.gateMissing"
        ) {
          throw error;
        }
        const missing = await missingDispositions(servicesOf(context), params.consultationId);
        return refuse(400, {
          errors: fieldErrorsOf(error),
          extra: {
            missing: missing.map((i) => ({
              key: i.key,
              kind: i.kind,
              title: i.title,
              organisation: i.organisation,
            })),
          },
        });
      }
    },
  });
}

export default function Consultation({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const result = useActionData<typeof action>();
  const { consultation, deadlines, sections, members, permissions, role } = loaderData;
  const missing = result?.extra?.missing;
  // The phase the select shows, for the confirmation to name it.
  const [chosenPhase, setChosenPhase] = useState<string>(consultation.phase);
  const chosen = phases.find((p) => p === chosenPhase) ?? consultation.phase;
  useLiveRevalidation(consultation.id);
  return (
    <div className="page">
      <PageTitle>{consultation.title}</PageTitle>
      <p className="eyebrow">{t("consultation.eyebrow")}</p>
      <h1>{consultation.title}</h1>
      {consultation.description ? <p className="lead">{consultation.description}</p> : null}
      <dl className="facts">
        <div>
          <dt>{t("consultation.phase")}</dt>
          <dd>{t(phaseLabel(consultation.phase))}</dd>
        </div>
        <div>
          <dt>{t("consultation.myRole")}</dt>
          <dd>{t(roleLabel(role))}</dd>
        </div>
      </dl>
      <section aria-labelledby="deadlines-heading">
        <h2 id="deadlines-heading">{t("consultation.deadlines")}</h2>
        {deadlines.length === 0 ? (
          <p>{t("consultation.noDeadline")}</p>
        ) : (
          <div
            className="table-scroll"
            role="region"
            aria-labelledby="deadlines-heading"
            tabIndex={0}
          >
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("consultation.phase")}</th>
                  <th scope="col">{t("consultation.endsAt")}</th>
                </tr>
              </thead>
              <tbody>
                {deadlines.map((d) => (
                  <tr
                    key={d.phase}
                    aria-current={d.phase === consultation.phase ? "step" : undefined}
                  >
                    <td>
                      {t(phaseLabel(d.phase))}
                      {d.phase === consultation.phase ? ` (${t("consultation.current")})` : ""}
                    </td>
                    <td>{formatDateTime(locale, d.endsAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {permissions.manage ? (
          <Form method="post" className="inline-form">
            <ErrorSummary errors={result?.errors} labels={{ phase: t("consultation.phase") }} />
            {missing ? (
              <section aria-labelledby="missing-heading" className="card">
                <h3 id="missing-heading">
                  {t("consolidation.missingHeading", { count: missing.length })}
                </h3>
                <ul>
                  {missing.map((m) => (
                    <li key={m.key}>
                      {t(feedbackKindLabel(m.kind))}: {m.title}
                      {m.organisation ? ` (${m.organisation})` : ""}
                    </li>
                  ))}
                </ul>
                <Link to={`/c/${consultation.id}/consolidation?state=open`}>
                  {t("nav.consolidation")}
                </Link>
              </section>
            ) : null}
            <SelectField
              name="phase"
              label={t("consultation.changePhase")}
              defaultValue={consultation.phase}
              onChange={(event) => setChosenPhase(event.currentTarget.value)}
              options={phases.map((p) => ({ value: p, label: t(phaseLabel(p)) }))}
            />
            <ConfirmButton
              title={t("confirm.phase.title")}
              body={t("confirm.phase.body", {
                phase: t(phaseLabel(chosen)),
              })}
              confirmLabel={t("confirm.phase.submit")}
              irreversible={false}
            >
              {t("consultation.changePhaseSubmit")}
            </ConfirmButton>
            <StatusMessage message={result?.ok ? t("consultation.phaseChanged") : undefined} />
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading">{t("consultation.sections")}</h2>
        <div className="table-scroll" role="region" aria-labelledby="sections-heading" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("section.number")}</th>
                <th scope="col">{t("section.title")}</th>
                <th scope="col">{t("section.lead")}</th>
                <th scope="col">{t("section.status")}</th>
                <th scope="col">{t("comments.openCountLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {sections.map((s) => (
                <tr key={s.id}>
                  <td>{s.position}</td>
                  <td>
                    <Link to={`/c/${consultation.id}/s/${s.id}`}>{s.title}</Link>
                    {s.locked ? <span className="badge">{t("section.locked")}</span> : null}
                  </td>
                  <td>{s.leadOrganisation ?? "—"}</td>
                  <td>{t(sectionStatusLabel(s.status))}</td>
                  <td>{loaderData.openThreads[s.id] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t("consultation.members")}</h2>
        <div className="table-scroll" role="region" aria-labelledby="members-heading" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("members.name")}</th>
                <th scope="col">{t("members.organisation")}</th>
                <th scope="col">{t("members.role")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td>{m.name}</td>
                  <td>{m.organisation}</td>
                  <td>{t(roleLabel(m.role))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
