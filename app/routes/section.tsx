import { useRef, useState } from "react";
import type { Editor } from "@tiptap/core";
import { Form, Link, useActionData, useRevalidator, useRouteLoaderData } from "react-router";
import * as z from "zod";
import type { loader as rootLoader } from "#app/root.tsx";
import { CommentsSidebar, type ThreadActionResult } from "#app/editor/comments-sidebar.tsx";
import { SectionEditor } from "#app/editor/section-editor.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ConfirmButton } from "#app/components/confirm.tsx";
import { StatusMessage } from "#app/components/status-message.tsx";
import type { Route } from "./+types/section";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { sectionStatuses } from "#common/vocabularies.ts";
import { sectionStatusLabel } from "#app/components/labels.ts";
import { SectionLinks } from "#app/components/section-links.tsx";
import { SectionText } from "#app/components/section-text.tsx";
import { isMessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { field, formAction, handler } from "#app/lib/actions.server.ts";
import { useLiveRevalidation } from "#app/lib/use-live-revalidation.ts";
import { LiveStatus } from "#app/components/live-status.tsx";
import { SearchPassage } from "#app/components/search-passage.tsx";
import { threadIntents } from "./section-threads.server.ts";
import { sectionHtml } from "#app/lib/section-html.server.ts";
import { parseThreadQuery } from "#server/domain/thread-views.ts";
import { sectionLinks } from "#server/domain/requirements.ts";
import {
  moveSection,
  setSectionGrant,
  setSectionLocked,
  updateSection,
} from "#server/domain/sections.ts";
import { sectionPage, sectionPageWithThreads } from "#server/domain/section-page.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";
import { THREAD_INTENTS } from "#common/thread-intents.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const query = parseThreadQuery(new URL(request.url).searchParams);
  const { page, comments } = await guard(
    sectionPageWithThreads(
      servicesOf(context),
      user,
      params.consultationId,
      params.sectionId,
      query,
    ),
  );
  const links = await guard(
    sectionLinks(servicesOf(context), user, params.consultationId, params.sectionId),
  );
  // The text goes to the page as its rendering, made once per document state.
  const { blocks, ...rest } = page;
  const html = await sectionHtml(blocks);
  return { ...rest, html, links, comments: { ...comments, query: { ...query } } };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  const sectionId = params.sectionId;
  // Make sure the section belongs to the consultation in the URL before changing anything.
  await guard(sectionPage(servicesOf(context), user, params.consultationId, sectionId));
  const ip = requestOf(context).ip;
  const setLocked = (locked: boolean) =>
    handler({
      schema: z.object({}),
      run: async () => {
        await setSectionLocked(servicesOf(context), user, { sectionId, locked, ip });
      },
    });
  const move = (direction: "up" | "down") =>
    handler({
      schema: z.object({}),
      run: async () => {
        await moveSection(servicesOf(context), user, { sectionId, direction, ip });
      },
    });
  const setGrant = (granted: boolean) =>
    handler({
      schema: z.object({ organisationId: field.raw() }),
      run: async ({ organisationId }) => {
        await setSectionGrant(servicesOf(context), user, {
          sectionId,
          organisationId,
          granted,
          ip,
        });
      },
    });
  return formAction(form, {
    intents: {
      ...threadIntents(context, user, sectionId),
      lock: setLocked(true),
      unlock: setLocked(false),
      update: handler({
        schema: z.object({
          title: field.raw(),
          leadOrganisationId: field.raw(),
          status: field.raw(),
        }),
        run: async (input) => {
          await updateSection(servicesOf(context), user, { ...input, sectionId, ip });
        },
      }),
      up: move("up"),
      down: move("down"),
      grant: setGrant(true),
      revoke: setGrant(false),
    },
  });
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ data }) => [{ label: data.section.title }],
};

export default function Section({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user;
  const [editor, setEditor] = useState<Editor | null>(null);
  const [activeThread, setActiveThread] = useState<string | null>(null);
  const updates = useLiveRevalidation(loaderData.consultation.id);
  const {
    consultation,
    section,
    html,
    leadOrganisation,
    previous,
    next,
    grants,
    organisations,
    permissions,
  } = loaderData;
  // The socket says at once when a lock, a role change or a grant flips the right to edit; the
  // page then reloads its data for the reason and says what happened.
  const revalidator = useRevalidator();
  const lastLive = useRef<boolean | null>(null);
  const [liveEdit, setLiveEdit] = useState<boolean | null>(null);
  const [accessChanged, setAccessChanged] = useState(false);
  const onAccess = (edit: boolean) => {
    if (lastLive.current !== null && lastLive.current !== edit) {
      setAccessChanged(true);
      // A navigation or the page's own action may interrupt the reload (it rejects with an
      // AbortError); the data is then loaded fresh anyway.
      revalidator.revalidate().catch(() => undefined);
    }
    lastLive.current = edit;
    setLiveEdit(edit);
  };
  const canEdit = liveEdit ?? permissions.edit;
  // Until the reloaded data gives the reason, a live flip to read-only just says "read only".
  const denialKey =
    liveEdit === false && permissions.edit
      ? "section.readOnly.now"
      : permissions.editDenial
        ? `section.readOnly.${permissions.editDenial}`
        : "";
  const accessNotice = !accessChanged
    ? ""
    : canEdit
      ? t("section.access.regained")
      : section.locked
        ? t("section.access.locked")
        : t("section.access.lost");
  const sectionDone = {
    lock: "done.sectionLocked",
    unlock: "done.sectionUnlocked",
    update: "done.sectionSaved",
    up: "done.sectionMoved",
    down: "done.sectionMoved",
    grant: "done.grantAdded",
    revoke: "done.grantRevoked",
  } as const;
  const doneIntent = result?.ok ? result.intent : undefined;
  const sectionMessage =
    doneIntent && Object.hasOwn(sectionDone, doneIntent)
      ? t(sectionDone[doneIntent as keyof typeof sectionDone])
      : undefined;
  const grantable = organisations.filter((o) => !grants.some((g) => g.organisationId === o.id));
  return (
    <div className="page">
      <PageTitle consultation={consultation.title}>{section.title}</PageTitle>
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
            {canEdit
              ? t("section.canEdit")
              : isMessageKey(denialKey)
                ? t(denialKey)
                : t("section.readOnly.role")}
          </dd>
        </div>
      </dl>
      <p>
        <Link to={`/c/${consultation.id}/s/${section.id}/history`}>{t("history.link")}</Link>
      </p>
      <p
        role="status"
        className={!accessNotice ? "visually-hidden" : canEdit ? "notice" : "notice info"}
      >
        {accessNotice}
      </p>
      <LiveStatus updates={updates} />
      <SearchPassage />
      <div className="section-layout">
        <article aria-labelledby="section-text-heading" className="section-body">
          <h2 id="section-text-heading" className="visually-hidden">
            {t("section.text")}
          </h2>
          {user ? (
            <SectionEditor
              sectionId={section.id}
              user={user}
              hooks={{ onEditor: setEditor, onSelectThread: setActiveThread, onAccess }}
            >
              <SectionText html={html} />
            </SectionEditor>
          ) : (
            <SectionText html={html} />
          )}
        </article>
        <CommentsSidebar
          threads={loaderData.comments.threads}
          total={loaderData.comments.total}
          options={loaderData.comments.options}
          query={loaderData.comments.query as unknown as Record<string, string>}
          permissions={loaderData.comments.permissions}
          result={result as ThreadActionResult | undefined}
          editor={editor}
          activeId={activeThread}
          onActivate={setActiveThread}
        />
      </div>
      <SectionLinks consultationId={consultation.id} links={loaderData.links} />

      {permissions.manage || permissions.lock ? (
        <section aria-labelledby="section-admin-heading" className="panel">
          <h2 id="section-admin-heading">{t("section.manage")}</h2>
          <StatusMessage message={sectionMessage} />
          <ErrorSummary
            errors={THREAD_INTENTS.has(result?.intent ?? "") ? undefined : result?.errors}
            labels={{ organisationId: t("section.grantOrganisation"), title: t("section.title") }}
          />
          {permissions.lock ? (
            <Form method="post">
              <input type="hidden" name="intent" value={section.locked ? "unlock" : "lock"} />
              <p>{section.locked ? t("section.isLocked") : t("section.isUnlocked")}</p>
              {section.locked ? (
                <button type="submit" className="button">
                  {t("section.unlock")}
                </button>
              ) : (
                <ConfirmButton
                  title={t("confirm.lock.title")}
                  body={t("confirm.lock.body", { title: section.title })}
                  confirmLabel={t("confirm.lock.submit")}
                  irreversible={false}
                >
                  {t("section.lock")}
                </ConfirmButton>
              )}
            </Form>
          ) : null}
          {permissions.manage ? (
            <>
              <h3>{t("section.edit")}</h3>
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="update" />
                <Field
                  name="title"
                  label={t("section.title")}
                  required
                  maxLength={200}
                  defaultValue={
                    (failed?.intent === "update" && failed.values.title) || section.title
                  }
                  error={failed?.intent === "update" ? failed.errors.title : undefined}
                />
                <SelectField
                  name="leadOrganisationId"
                  label={t("section.lead")}
                  defaultValue={section.leadOrganisationId ?? ""}
                  options={[
                    { value: "", label: t("admin.noOrganisation") },
                    ...organisations.map((o) => ({ value: o.id, label: o.name })),
                  ]}
                />
                <SelectField
                  name="status"
                  label={t("section.status")}
                  defaultValue={section.status}
                  options={sectionStatuses.map((st) => ({
                    value: st,
                    label: t(sectionStatusLabel(st)),
                  }))}
                />
                <button type="submit" className="button">
                  {t("form.save")}
                </button>
              </Form>
              <div className="inline-form">
                {previous ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="up" />
                    <button type="submit" className="button small">
                      {t("section.moveUp")}
                    </button>
                  </Form>
                ) : null}
                {next ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="down" />
                    <button type="submit" className="button small">
                      {t("section.moveDown")}
                    </button>
                  </Form>
                ) : null}
              </div>
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
                    error={
                      THREAD_INTENTS.has(result?.intent ?? "")
                        ? undefined
                        : result?.errors.organisationId
                    }
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
