import { data, Form, Link, useActionData, useRouteLoaderData } from "react-router";
import type { loader as rootLoader } from "#app/root.tsx";
import { SectionEditor } from "#app/editor/section-editor.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Route } from "./+types/section";
import { ErrorSummary, SelectField } from "#app/components/form.tsx";
import { sectionStatusLabel } from "#app/components/labels.ts";
import { SectionLinks } from "#app/components/section-links.tsx";
import { SectionText } from "#app/components/section-text.tsx";
import { isMessageKey } from "#app/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { runFormAction } from "#app/lib/actions.server.ts";
import { sectionLinks } from "#server/domain/requirements.ts";
import { sectionPage, setSectionGrant, setSectionLocked } from "#server/domain/sections.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const page = await guard(sectionPage(context.db, user, params.consultationId, params.sectionId));
  const links = await guard(
    sectionLinks(context.db, user, params.consultationId, params.sectionId),
  );
  return { ...page, links };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  const sectionId = params.sectionId;
  // Make sure the section belongs to the consultation in the URL before changing anything.
  await guard(sectionPage(context.db, user, params.consultationId, sectionId));
  const result = await runFormAction(form, async () => {
    if (intent === "lock" || intent === "unlock") {
      await setSectionLocked(context.db, user, {
        sectionId,
        locked: intent === "lock",
        ip: context.ip,
      });
    } else if (intent === "grant" || intent === "revoke") {
      await setSectionGrant(context.db, user, {
        sectionId,
        organisationId: String(form.get("organisationId") ?? ""),
        granted: intent === "grant",
        ip: context.ip,
      });
    } else {
      throw data({ code: "bad_request" }, { status: 400 });
    }
  });
  if (result.data.ok) await context.collab.refreshAccess({ sectionId });
  return result;
}

export default function Section({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user;
  const {
    consultation,
    section,
    blocks,
    leadOrganisation,
    previous,
    next,
    grants,
    organisations,
    permissions,
  } = loaderData;
  const denialKey = permissions.editDenial ? `section.readOnly.${permissions.editDenial}` : "";
  const grantable = organisations.filter((o) => !grants.some((g) => g.organisationId === o.id));
  return (
    <div className="page">
      <PageTitle>{section.title}</PageTitle>
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <ol>
          <li>
            <Link to={`/c/${consultation.id}`}>{consultation.title}</Link>
          </li>
          <li aria-current="page">{section.title}</li>
        </ol>
      </nav>
      <h1>
        {section.position}. {section.title}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t("section.lead")}</dt>
          <dd>{leadOrganisation ?? "—"}</dd>
        </div>
        <div>
          <dt>{t("section.status")}</dt>
          <dd>{t(sectionStatusLabel(section.status))}</dd>
        </div>
        <div>
          <dt>{t("section.access")}</dt>
          <dd>
            {permissions.edit
              ? t("section.canEdit")
              : isMessageKey(denialKey)
                ? t(denialKey)
                : t("section.readOnly.role")}
          </dd>
        </div>
      </dl>
      <article aria-labelledby="section-text-heading" className="section-body">
        <h2 id="section-text-heading" className="visually-hidden">
          {t("section.text")}
        </h2>
        {user ? (
          <SectionEditor sectionId={section.id} user={user}>
            <SectionText blocks={blocks} />
          </SectionEditor>
        ) : (
          <SectionText blocks={blocks} />
        )}
      </article>
      <SectionLinks consultationId={consultation.id} links={loaderData.links} />

      {permissions.manage || permissions.lock ? (
        <section aria-labelledby="section-admin-heading" className="panel">
          <h2 id="section-admin-heading">{t("section.manage")}</h2>
          {result?.ok ? (
            <p role="status" className="notice">
              {t("form.saved")}
            </p>
          ) : null}
          <ErrorSummary
            errors={result?.errors}
            labels={{ organisationId: t("section.grantOrganisation") }}
          />
          {permissions.lock ? (
            <Form method="post">
              <input type="hidden" name="intent" value={section.locked ? "unlock" : "lock"} />
              <p>{section.locked ? t("section.isLocked") : t("section.isUnlocked")}</p>
              <button type="submit" className="button">
                {section.locked ? t("section.unlock") : t("section.lock")}
              </button>
            </Form>
          ) : null}
          {permissions.manage ? (
            <>
              <h3>{t("section.grants")}</h3>
              <p className="hint">{t("section.grantsHint")}</p>
              {grants.length === 0 ? (
                <p>{t("section.noGrants")}</p>
              ) : (
                <ul>
                  {grants.map((g) => (
                    <li key={g.organisationId}>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="organisationId" value={g.organisationId} />
                        {g.name}{" "}
                        <button type="submit" className="link-button">
                          {t("section.revoke", { name: g.name })}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
              )}
              {grantable.length > 0 ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="grant" />
                  <SelectField
                    name="organisationId"
                    label={t("section.grantOrganisation")}
                    error={result?.errors.organisationId}
                    options={grantable.map((o) => ({ value: o.id, label: o.name }))}
                  />
                  <button type="submit" className="button">
                    {t("section.grant")}
                  </button>
                </Form>
              ) : null}
            </>
          ) : null}
        </section>
      ) : null}

      <nav aria-label={t("section.pagination")} className="pager">
        {previous ? (
          <Link to={`/c/${consultation.id}/s/${previous.id}`} rel="prev">
            ← {previous.position}. {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={`/c/${consultation.id}/s/${next.id}`} rel="next">
            {next.position}. {next.title} →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
