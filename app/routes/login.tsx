import { data, Form, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import { PageTitle } from "#app/components/page-title.tsx";
import type { Route } from "./+types/login";
import { ErrorSummary, Field } from "#app/components/form.tsx";
import { useT } from "#app/i18n/react.tsx";
import { formValues, validateText, type FormFailure } from "#app/lib/forms.ts";
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
  const { values, errors } = validateText(form, {
    email: { required: true, max: 254 },
    password: { required: true, max: 256, trim: false },
  });
  const failure = (status: number, extra: Partial<FormFailure> = {}) =>
    data<FormFailure>({ ok: false, errors, values: formValues(form), ...extra }, { status });
  if (Object.keys(errors).length > 0) return failure(400);
  const result = await login(servicesOf(context), {
    email: values.email,
    password: values.password,
    ip: requestOf(context).ip,
  });
  if (!result.ok) {
    if (result.reason === "throttled") {
      return failure(429, {
        formError: "login.throttled",
        formErrorParams: { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) },
      });
    }
    return failure(401, { formError: "login.invalid" });
  }
  throw redirect(afterLogin(form.get("redirectTo"), servicesOf(context).config.origin), {
    headers: { "Set-Cookie": sessionCookie(result.token, servicesOf(context).config.production) },
  });
}

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const failure = result && !result.ok ? result : undefined;
  return (
    <div className="page narrow">
      <PageTitle>{t("login.title")}</PageTitle>
      <h1>{t("login.title")}</h1>
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
