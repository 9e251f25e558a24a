import { Form, useActionData } from "react-router";
import * as z from "zod";
import { PageTitle } from "#app/components/page-title.tsx";
import { ConfirmButton } from "#app/components/confirm.tsx";
import { StatusMessage } from "#app/components/status-message.tsx";
import type { Route } from "./+types/members";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { ErrorSummary, SelectField } from "#app/components/form.tsx";
import { roleLabel } from "#app/components/labels.ts";
import { isMessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { field, formAction, handler } from "#app/lib/actions.server.ts";
import { roles } from "#common/vocabularies.ts";
import {
  addMember,
  changeMemberRole,
  memberManagement,
  removeMember,
} from "#server/domain/members.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return guard(memberManagement(servicesOf(context), user, params.consultationId));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  const consultationId = params.consultationId;
  const ip = requestOf(context).ip;
  return formAction(form, {
    intents: {
      add: handler({
        schema: z.object({ memberKey: field.raw(), role: field.raw() }),
        run: async (input) => {
          await addMember(servicesOf(context), user, { ...input, consultationId, ip });
          return { userId: input.memberKey.split(":")[0] ?? "" };
        },
      }),
      role: handler({
        schema: z.object({ userId: field.raw(), role: field.raw() }),
        run: async (input) => {
          await changeMemberRole(servicesOf(context), user, { ...input, consultationId, ip });
          return { userId: input.userId };
        },
      }),
      remove: handler({
        schema: z.object({ userId: field.raw() }),
        run: async (input) => {
          await removeMember(servicesOf(context), user, { ...input, consultationId, ip });
        },
      }),
    },
  });
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("members.title") }],
};

export default function Members({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const { consultation, members, candidates } = loaderData;
  const roleOptions = roles.map((r) => ({ value: r, label: t(roleLabel(r)) }));
  const formError =
    result?.formError && isMessageKey(result.formError) ? t(result.formError) : undefined;
  const done = result?.ok ? result : undefined;
  const name = members.find((m) => m.userId === done?.extra?.userId)?.name ?? "—";
  const message =
    done?.intent === "add"
      ? t("done.memberAdded", { name })
      : done?.intent === "role"
        ? t("done.memberRole", { name })
        : done?.intent === "remove"
          ? t("done.memberRemoved")
          : undefined;
  return (
    <div className="page">
      <PageTitle consultation={consultation.title}>{t("members.title")}</PageTitle>
      <h1>{t("members.title")}</h1>
      <StatusMessage message={message} />
      <ErrorSummary
        errors={result?.errors}
        formError={formError}
        labels={{
          memberKey: t("members.person"),
          role: t("members.role"),
          userId: t("members.person"),
        }}
      />
      <table className="table">
        <caption className="visually-hidden">{t("members.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("members.name")}</th>
            <th scope="col">{t("members.organisation")}</th>
            <th scope="col">{t("members.role")}</th>
            <th scope="col">{t("members.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>
                {m.name}
                <br />
                <span className="hint">{m.email}</span>
              </td>
              <td>{m.organisation}</td>
              <td>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                    {t("members.roleOf", { name: m.name })}
                  </label>
                  <select id={`role-${m.userId}`} name="role" defaultValue={m.role}>
                    {roleOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>{" "}
                  <button type="submit" className="button small">
                    {t("members.changeRole")}
                    <span className="visually-hidden"> ({m.name})</span>
                  </button>
                </Form>
              </td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <ConfirmButton
                    className="button small danger"
                    title={t("confirm.removeMember.title", { name: m.name })}
                    body={t("confirm.removeMember.body", { name: m.name })}
                    confirmLabel={t("confirm.removeMember.submit")}
                    irreversible={false}
                    danger
                  >
                    {t("members.remove")}
                    <span className="visually-hidden"> ({m.name})</span>
                  </ConfirmButton>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section aria-labelledby="add-member-heading" className="panel">
        <h2 id="add-member-heading">{t("members.add")}</h2>
        {candidates.length === 0 ? (
          <p>{t("members.noCandidates")}</p>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="add" />
            <SelectField
              name="memberKey"
              label={t("members.person")}
              error={result?.errors.memberKey}
              options={candidates.map((c) => ({
                value: `${c.userId}:${c.organisationId}`,
                label: `${c.name} — ${c.organisation}`,
              }))}
            />
            <SelectField
              name="role"
              label={t("members.role")}
              defaultValue="contributor"
              error={result?.errors.role}
              options={roleOptions}
            />
            <button type="submit" className="button primary">
              {t("members.addSubmit")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
