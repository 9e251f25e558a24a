import { redirect } from "react-router";
import * as z from "zod";
import type { Route } from "./+types/lang";
import { isLocale } from "#common/i18n/index.ts";
import { field, formAction } from "#app/lib/actions.server.ts";
import { LANG_COOKIE } from "#app/lib/locale.server.ts";
import { safeRedirectPath } from "#app/lib/safe-redirect.ts";
import { setUserLocale } from "#server/domain/auth.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader() {
  throw redirect("/");
}

/** Switches the UI language; kept in a cookie and, when signed in, on the account. */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request, context);
  return formAction(form, {
    schema: z.object({ lang: field.raw(), redirectTo: field.raw() }),
    run: async ({ lang, redirectTo }) => {
      const services = servicesOf(context);
      const { auth } = requestOf(context);
      const back = safeRedirectPath(redirectTo, services.config.origin);
      if (!isLocale(lang)) throw redirect(back);
      if (auth) await setUserLocale(services, auth.user.id, lang);
      const secure = services.config.production ? "; Secure" : "";
      throw redirect(back, {
        headers: {
          "Set-Cookie": `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`,
        },
      });
    },
  });
}
