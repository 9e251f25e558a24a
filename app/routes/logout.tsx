import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { blankSessionCookie } from "#server/auth/session.ts";
import { logout } from "#server/domain/auth.ts";
import { withDone } from "#app/lib/done.ts";
import { requestOf, servicesOf } from "#server/context.ts";

export async function loader() {
  throw redirect("/");
}

export async function action({ context }: Route.ActionArgs) {
  const { auth, ip } = requestOf(context);
  const services = servicesOf(context);
  if (auth) {
    await logout(services, {
      sessionId: auth.session.id,
      userId: auth.user.id,
      email: auth.user.email,
      ip,
    });
  }
  throw redirect(withDone("/login", "logged-out"), {
    headers: {
      "Set-Cookie": blankSessionCookie(services.config.production),
      // Removes what the browser kept for offline editing (IndexedDB) along with the session.
      "Clear-Site-Data": '"storage"',
    },
  });
}
