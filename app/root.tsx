import {
  data,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { useNonce } from "./components/nonce.tsx";
import { clearOfflineCopies } from "./editor/collab-session.ts";
import { PageTitle } from "./components/page-title.tsx";
import { isMessageKey } from "#common/i18n/index.ts";
import { useLocale, useT } from "./i18n/react.tsx";
import { requestLocale } from "./lib/locale.server.ts";
import { unreadNotificationCount } from "#server/domain/notifications.ts";
import { requestOf, servicesOf } from "#server/context.ts";
import "./styles.css";

/** The icon in public/ (favicon.ico next to it answers browsers that ask for it anyway). */
export const links: Route.LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const locale = requestLocale(request, context);
  const user = requestOf(context).auth?.user ?? null;
  return data({
    locale,
    user: user ? { id: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin } : null,
    unreadNotifications: user ? await unreadNotificationCount(servicesOf(context), user) : 0,
  });
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const locale = useLocale();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const other = locale === "de" ? "en" : "de";
  return (
    <form method="post" action="/lang" className="lang-switch">
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="link-button" lang={other}>
        {t("nav.switchLanguage")}
      </button>
    </form>
  );
}

/** The bell with the number of unread notifications. */
function Bell({ unread }: { unread: number }) {
  const t = useT();
  return (
    <Link
      to="/notifications"
      className="bell"
      aria-label={t("notifications.bell", { count: unread })}
    >
      {/* An inline icon: emoji fonts are not installed everywhere (e.g. on city desktops). */}
      <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread ? (
        <span className="bell-count" aria-hidden="true">
          {unread}
        </span>
      ) : null}
    </Link>
  );
}

type HeaderUser = { name: string; isAdmin: boolean } | null | undefined;

/** The main navigation's links (the same on wide screens and in the phone menu). */
function MainLinks({ user }: { user: HeaderUser }) {
  const t = useT();
  return (
    <nav aria-label={t("nav.main")}>
      <ul className="nav-list">
        {user ? (
          <li>
            <Link to="/">{t("nav.myConsultations")}</Link>
          </li>
        ) : null}
        {user?.isAdmin ? (
          <>
            <li>
              <Link to="/admin/users">{t("nav.users")}</Link>
            </li>
            <li>
              <Link to="/admin/organisations">{t("nav.organisations")}</Link>
            </li>
          </>
        ) : null}
      </ul>
    </nav>
  );
}

/** Language switch, the signed-in user and sign-out (the bell sits beside them on wide screens). */
function HeaderTools({ user, unread }: { user: HeaderUser; unread: number | null }) {
  const t = useT();
  return (
    <div className="header-tools">
      <LanguageSwitch />
      {user ? (
        <form
          method="post"
          action="/logout"
          className="logout-form"
          onSubmit={() => void clearOfflineCopies()}
        >
          {unread !== null ? (
            <>
              <Bell unread={unread} />{" "}
            </>
          ) : null}
          <span className="current-user">{t("nav.signedInAs", { name: user.name })}</span>{" "}
          <button type="submit" className="link-button">
            {t("nav.logout")}
          </button>
        </form>
      ) : null}
    </div>
  );
}

/**
 * The site header. Wide screens show everything in one row; phones show the brand, the bell and
 * a "Menü" disclosure (a native <details>: works without JavaScript and by keyboard) holding the
 * rest. Both are in the markup and CSS shows one, so nothing depends on guessing the screen width
 * on the server and nothing jumps at hydration.
 */
function Header() {
  const t = useT();
  const root = useRouteLoaderData<typeof loader>("root");
  const user = root?.user;
  const unread = root?.unreadNotifications ?? 0;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <div className="site-header-inner">
        <Link to="/" className="brand">
          Ratschlag
        </Link>
        <div className="header-wide">
          <MainLinks user={user} />
          <HeaderTools user={user} unread={unread} />
        </div>
        <div className="header-narrow">
          {user ? <Bell unread={unread} /> : null}
          <details className="header-menu">
            <summary>{t("layout.menu")}</summary>
            <div className="header-menu-panel">
              <MainLinks user={user} />
              <HeaderTools user={user} unread={null} />
            </div>
          </details>
        </div>
      </div>
    </header>
  );
}

export default function App() {
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("error.unexpected.title");
  let message = t("error.unexpected.body");
  if (isRouteErrorResponse(error)) {
    const code = (error.data as { code?: string } | undefined)?.code;
    if (error.status === 404) {
      title = t("error.notFound.title");
      message = t("error.notFound.body");
    } else if (error.status === 403) {
      title = t("error.forbidden.title");
      const key = code ? `error.forbidden.${code}` : "";
      message = isMessageKey(key) ? t(key) : t("error.forbidden.body");
    } else if (error.status === 409 && code && isMessageKey(code)) {
      title = t("error.conflict.title");
      message = t(code);
    } else if (error.status === 400) {
      title = t("error.badRequest.title");
      message = t("error.badRequest.body");
    } else if (error.status === 413) {
      title = t("error.tooLarge.title");
      const limit = (error.data as { limit?: string } | undefined)?.limit ?? "";
      message = t("error.tooLarge.body", { limit });
    } else if (error.status === 415) {
      title = t("error.unsupportedType.title");
      message = t("error.unsupportedType.body");
    }
  }
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <div className="page narrow">
          <PageTitle>{title}</PageTitle>
          <h1>{title}</h1>
          <p>{message}</p>
          <p>
            <Link to="/">{t("error.backHome")}</Link>
          </p>
        </div>
      </main>
    </>
  );
}
