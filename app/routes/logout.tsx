import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { blankSessionCookie } from "#server/auth/session.ts";
import { logout } from "#server/domain/auth.ts";

export async function loader() {
  throw redirect("/");
}

export async function action({ context }: Route.ActionArgs) {
  if (context.auth) {
    await logout(context.db, {
      sessionId: context.auth.session.id,
      userId: context.auth.user.id,
      email: context.auth.user.email,
      ip: context.ip,
    });
  }
  throw redirect("/login?loggedOut=1", {
    headers: {
      "Set-Cookie": blankSessionCookie(context.config.production),
      // Removes what the browser kept for offline editing (IndexedDB) along with the session.
      "Clear-Site-Data": '"storage"',
    },
  });
}
