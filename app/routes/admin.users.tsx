import { Form, useActionData } from "react-router";
import * as z from "zod";
import { PageTitle } from "#app/components/page-title.tsx";
import { ConfirmButton } from "#app/components/confirm.tsx";
import { StatusMessage } from "#app/components/status-message.tsx";
import type { Route } from "./+types/admin.users";
import { ErrorSummary, Field, SelectField } from "#app/components/form.tsx";
import { isMessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import { field, formAction, handler } from "#app/lib/actions.server.ts";
import { guard, requireAdmin } from "#app/lib/guards.server.ts";
import {
  createUser,
  listOrganisations,
  listUsers,
  removeMembership,
  setMembership,
  setUserDisabled,
  setUserPassword,
} from "#server/domain/admin.ts";
import { updateUser } from "#server/domain/admin-edit.ts";
import { RowEdit } from "#app/components/row-edit.tsx";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireAdmin(context, request);
  const [users, organisations] = await guard(
    Promise.all([
      listUsers(servicesOf(context), user),
      listOrganisations(servicesOf(context), user),
    ]),
  );
  return { users, organisations, currentUserId: user.id };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireAdmin(context, request);
  const form = await readForm(request, context);
  const ip = requestOf(context).ip;
  const setDisabled = (disabled: boolean) =>
    handler({
      schema: z.object({ userId: field.raw() }),
      run: async ({ userId }) => {
        await setUserDisabled(servicesOf(context), user, { userId, disabled, ip });
        return { userId };
      },
    });
  return formAction(form, {
    intents: {
      create: handler({
        schema: z.object({
          email: field.raw(),
          name: field.raw(),
          password: field.raw(),
          isAdmin: field.checkbox(),
          organisationId: field.raw(),
        }),
        run: async ({ organisationId, ...input }) => {
          const created = await createUser(
            servicesOf(context),
            user,
            { ...input, organisationId: organisationId || undefined },
            ip,
          );
          return { userId: created.id };
        },
      }),
      update: handler({
        schema: z.object({ userId: field.raw(), name: field.raw(), email: field.raw() }),
        run: async (input) => {
          const { changed } = await updateUser(servicesOf(context), user, { ...input, ip });
          return { name: input.name.trim(), changed };
        },
      }),
      disable: setDisabled(true),
      enable: setDisabled(false),
      password: handler({
        schema: z.object({ userId: field.raw(), password: field.raw() }),
        run: async (input) => {
          await setUserPassword(servicesOf(context), user, { ...input, ip });
          return { userId: input.userId };
        },
      }),
      membership: handler({
        schema: z.object({
          userId: field.raw(),
          organisationId: field.raw(),
          canReleasePositions: field.checkbox(),
        }),
        run: async (input) => {
          await setMembership(servicesOf(context), user, { ...input, ip });
          return { userId: input.userId };
        },
      }),
      removeMembership: handler({
        schema: z.object({ userId: field.raw(), organisationId: field.raw() }),
        run: async (input) => {
          await removeMembership(servicesOf(context), user, { ...input, ip });
          return { userId: input.userId };
        },
      }),
    },
  });
}

export default function AdminUsers({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const { users, organisations, currentUserId } = loaderData;
  const labels = {
    email: t("admin.email"),
    name: t("admin.name"),
    password: t("admin.password"),
    organisationId: t("admin.organisation"),
    userId: t("admin.user"),
  };
  const orgOptions = organisations.map((o) => ({ value: o.id, label: o.name }));
  const createFailed = failed?.intent === "create" ? failed : undefined;
  const editFailed = failed?.intent === "update" ? failed : undefined;
  const done = result?.ok ? result : undefined;
  const extra = done?.extra as { userId?: string; name?: string; changed?: boolean } | undefined;
  const name = users.find((u) => u.id === extra?.userId)?.name ?? "—";
  const doneKey = {
    create: "done.userCreated",
    disable: "done.userDisabled",
    enable: "done.userEnabled",
    password: "done.passwordSet",
    membership: "done.membershipSaved",
    removeMembership: "done.membershipRemoved",
  } as const;
  const message =
    done?.intent === "update"
      ? extra?.changed
        ? t("admin.userUpdated", { name: extra.name ?? name })
        : t("admin.unchanged")
      : done?.intent && Object.hasOwn(doneKey, done.intent)
        ? t(doneKey[done.intent as keyof typeof doneKey], { name })
        : undefined;
  return (
    <div className="page">
      <PageTitle>{t("nav.users")}</PageTitle>
      <h1>{t("nav.users")}</h1>
      <StatusMessage message={message} />
      {failed && !createFailed && !editFailed ? (
        <ErrorSummary
          errors={failed.errors}
          labels={labels}
          formError={
            failed.formError && isMessageKey(failed.formError) ? t(failed.formError) : undefined
          }
        />
      ) : null}
      <table className="table">
        <caption className="visually-hidden">{t("nav.users")}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.name}</th>
            <th scope="col">{t("admin.organisations")}</th>
            <th scope="col">{t("admin.status")}</th>
            <th scope="col">{t("members.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                {u.name}
                {u.isAdmin ? <span className="badge">{t("admin.isAdmin")}</span> : null}
                <br />
                <span className="hint">{u.email}</span>
                <RowEdit
                  key={`${u.name}|${u.email}`}
                  summary={t("admin.editUser")}
                  subject={u.name}
                  intent="update"
                  idName="userId"
                  id={u.id}
                  failed={editFailed?.values.userId === u.id}
                >
                  <Field
                    id={`user-name-${u.id}`}
                    name="name"
                    label={labels.name}
                    required
                    maxLength={120}
                    defaultValue={
                      editFailed?.values.userId === u.id ? editFailed.values.name : u.name
                    }
                    error={editFailed?.values.userId === u.id ? editFailed.errors.name : undefined}
                  />
                  <Field
                    id={`user-email-${u.id}`}
                    name="email"
                    type="email"
                    label={labels.email}
                    required
                    maxLength={254}
                    defaultValue={
                      editFailed?.values.userId === u.id ? editFailed.values.email : u.email
                    }
                    error={editFailed?.values.userId === u.id ? editFailed.errors.email : undefined}
                  />
                </RowEdit>
              </td>
              <td>
                <ul className="plain">
                  {u.organisations.map((o) => (
                    <li key={o.organisationId}>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="removeMembership" />
                        <input type="hidden" name="userId" value={u.id} />
                        <input type="hidden" name="organisationId" value={o.organisationId} />
                        {o.organisation}
                        {o.canReleasePositions ? ` (${t("admin.canRelease")})` : ""}{" "}
                        <button type="submit" className="link-button">
                          {t("admin.removeMembership")}
                          <span className="visually-hidden">
                            {" "}
                            ({u.name}, {o.organisation})
                          </span>
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
                <details>
                  <summary>
                    {t("admin.addMembership")}
                    <span className="visually-hidden"> ({u.name})</span>
                  </summary>
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="membership" />
                    <input type="hidden" name="userId" value={u.id} />
                    <SelectField
                      name="organisationId"
                      id={`org-${u.id}`}
                      label={labels.organisationId}
                      options={orgOptions}
                    />
                    <div className="checkbox">
                      <input type="checkbox" id={`release-${u.id}`} name="canReleasePositions" />
                      <label htmlFor={`release-${u.id}`}>{t("admin.canRelease")}</label>
                    </div>
                    <button type="submit" className="button small">
                      {t("form.save")}
                    </button>
                  </Form>
                </details>
              </td>
              <td>{u.disabledAt ? t("admin.disabled") : t("admin.active")}</td>
              <td>
                {u.id !== currentUserId ? (
                  <Form method="post">
                    <input
                      type="hidden"
                      name="intent"
                      value={u.disabledAt ? "enable" : "disable"}
                    />
                    <input type="hidden" name="userId" value={u.id} />
                    {u.disabledAt ? (
                      <button type="submit" className="button small">
                        {t("admin.enable")}
                        <span className="visually-hidden"> ({u.name})</span>
                      </button>
                    ) : (
                      <ConfirmButton
                        className="button small"
                        title={t("confirm.disable.title", { name: u.name })}
                        body={t("confirm.disable.body", { name: u.name })}
                        confirmLabel={t("confirm.disable.submit")}
                        irreversible={false}
                        danger
                      >
                        {t("admin.disable")}
                        <span className="visually-hidden"> ({u.name})</span>
                      </ConfirmButton>
                    )}
                  </Form>
                ) : null}
                <details>
                  <summary>
                    {t("admin.setPassword")}
                    <span className="visually-hidden"> ({u.name})</span>
                  </summary>
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="password" />
                    <input type="hidden" name="userId" value={u.id} />
                    <label htmlFor={`pw-${u.id}`}>{labels.password}</label>
                    <input
                      id={`pw-${u.id}`}
                      name="password"
                      type="password"
                      autoComplete="new-password"
                      minLength={12}
                      required
                    />
                    <button type="submit" className="button small">
                      {t("form.save")}
                    </button>
                  </Form>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section aria-labelledby="new-user-heading" className="panel">
        <h2 id="new-user-heading">{t("admin.newUser")}</h2>
        <ErrorSummary errors={createFailed?.errors} labels={labels} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field
            name="name"
            label={labels.name}
            required
            maxLength={120}
            defaultValue={createFailed?.values.name ?? ""}
            error={createFailed?.errors.name}
          />
          <Field
            name="email"
            type="email"
            label={labels.email}
            required
            maxLength={254}
            defaultValue={createFailed?.values.email ?? ""}
            error={createFailed?.errors.email}
          />
          <Field
            name="password"
            type="password"
            label={labels.password}
            hint={t("admin.passwordHint")}
            autoComplete="new-password"
            required
            error={createFailed?.errors.password}
          />
          <SelectField
            name="organisationId"
            label={labels.organisationId}
            defaultValue={createFailed?.values.organisationId ?? ""}
            error={createFailed?.errors.organisationId}
            options={[{ value: "", label: t("admin.noOrganisation") }, ...orgOptions]}
          />
          <div className="checkbox">
            <input
              type="checkbox"
              id="field-isAdmin"
              name="isAdmin"
              defaultChecked={createFailed?.values.isAdmin === "on"}
            />
            <label htmlFor="field-isAdmin">{t("admin.isAdmin")}</label>
          </div>
          <button type="submit" className="button primary">
            {t("admin.createUser")}
          </button>
        </Form>
      </section>
    </div>
  );
}
