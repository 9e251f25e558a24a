import { Form, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import * as z from "zod";
import { PageTitle } from "#app/components/page-title.tsx";
import { StatusMessage, useDoneMessage } from "#app/components/status-message.tsx";
import type { Route } from "./+types/login";
import { ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/i18n/react.tsx";
import { field, formAction, refuse } from "#app/lib/actions.server.ts";
import { safeRedirectPath } from "#app/lib/safe-redirect.ts";
import { sessionCookie } from "#server/auth/session.ts";
import { login } from "#server/domain/auth.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

/** Only same-origin paths (and never back to the login or logout), wherever the target came from. */
function afterLogin(target: unknown, origin: string): string {
  const path = safeRedirectPath(target, origin);
  return /^\/(login|logout)(\/|\?|#|$)/.test(path) ? "/" : path;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  if (requestOf(context).auth)
    throw redirect(
      afterLogin(
        new URL(request.url).searchParams.get("redirectTo"),
        servicesOf(context).config.origin,
      ),
    );
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request, context);
  return formAction(form, {
    schema: z.object({
      email: field.text({ required: true, max: 254 }),
      password: field.text({ required: true, max: 256, trim: false }),
      redirectTo: field.raw(),
    }),
    run: async ({ email, password, redirectTo }) => {
      const result = await login(servicesOf(context), {
        email,
        password,
        ip: requestOf(context).ip,
      });
      if (!result.ok) {
        if (result.reason === "throttled") {
          return refuse(429, {
            formError: "login.throttled",
            formErrorParams: { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) },
          });
        }
        return refuse(401, { formError: "login.invalid" });
      }
      throw redirect(afterLogin(redirectTo, servicesOf(context).config.origin), {
        headers: {
          "Set-Cookie": sessionCookie(result.token, servicesOf(context).config.production),
        },
      });
    },
  });
}

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const failure = result && !result.ok ? result : undefined;
  const done = useDoneMessage();
  return (
    <div className="page narrow">
      <PageTitle>{t("login.title")}</PageTitle>
      <h1>{t("login.title")}</h1>
      <StatusMessage message={failure ? undefined : done} />
      <p>{t("login.intro")}</p>
      <ErrorSummary
        errors={failure?.errors}
        labels={{ email: t("login.email"), password: t("login.password") }}
        formError={failure?.formError ? t(failure.formError, failure.formErrorParams) : undefined}
      />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field
          name="email"
          type="email"
          label={t("login.email")}
          autoComplete="username"
          required
          defaultValue={failure?.values.email ?? ""}
          error={failure?.errors.email}
        />
        <Field
          name="password"
          type="password"
          label={t("login.password")}
          autoComplete="current-password"
          required
          error={failure?.errors.password}
        />
        <button
          type="submit"
          className="button primary"
          disabled={navigation.state === "submitting"}
        >
          {navigation.state === "submitting" ? t("login.submitting") : t("login.submit")}
        </button>
      </Form>
    </div>
  );
}
