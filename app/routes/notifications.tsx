import { Form, Link } from "react-router";
import * as z from "zod";
import type { Route } from "./+types/notifications";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatDateTime } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { field, formAction, handler } from "#app/lib/actions.server.ts";
import { requireUser } from "#app/lib/guards.server.ts";
import { listNotifications, markNotificationsRead } from "#server/domain/notifications.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { servicesOf } from "#server/context.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { notifications: await listNotifications(servicesOf(context), user) };
}

/** Marks one or all of the user's own notifications as read (nobody else's can match). */
export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  return formAction(form, {
    intents: {
      all: handler({
        schema: z.object({}),
        run: async () => {
          await markNotificationsRead(servicesOf(context), user, "all");
        },
      }),
      read: handler({
        schema: z.object({ id: field.raw() }),
        run: async ({ id }) => {
          await markNotificationsRead(servicesOf(context), user, [id]);
        },
      }),
    },
  });
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { notifications } = loaderData;
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <div className="page">
      <PageTitle>{t("notifications.title")}</PageTitle>
      <h1>{t("notifications.title")}</h1>
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="all" />
          <button type="submit" className="button">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <p>{t("notifications.none")}</p>
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.readAt ? undefined : "notification-unread"}>
              <Link to={`/c/${n.consultationId}/s/${n.sectionId}#thread-${n.threadId}`}>
                {t(`notifications.kind.${n.kind}`, {
                  actor: n.actor ?? "—",
                  quote: n.quote.length > 60 ? `${n.quote.slice(0, 60)}…` : n.quote,
                })}
              </Link>{" "}
              <span className="hint">
                {t("notifications.in", { section: n.section })} ·{" "}
                {formatDateTime(locale, n.createdAt)}
                {n.readAt ? null : <> · {t("notifications.unread")}</>}
              </span>
              {n.readAt ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="link-button">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
