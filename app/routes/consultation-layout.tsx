import { Link, Outlet, useLocation } from "react-router";
import type { Route } from "./+types/consultation-layout";
import { Breadcrumbs, useCrumbs, type RouteHandle } from "#app/components/breadcrumbs.tsx";
import { ConsultationSearch } from "#app/components/consultation-search.tsx";
import type { MessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { servicesOf } from "#server/context.ts";
import { consultationAccess } from "#server/domain/access.ts";
import { hasOwnFeedback } from "#server/domain/feedback/own-feedback.ts";

/**
 * The chrome every page of a consultation shares: the breadcrumb trail and the links between the
 * consultation's pages. Access is checked here too (404 for non-members, as on each page); the
 * pages load their own data. Resource routes (events, CSV, export) are not children of this
 * layout, so they never run this loader.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const services = servicesOf(context);
  const access = await guard(consultationAccess(services.db, user, params.consultationId));
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    nav: {
      threads: access.can("comment.moderate"),
      consolidation: access.can("disposition.edit"),
      settings: access.can("consultation.manage"),
      members: access.can("member.manage"),
      audit: access.can("audit.view"),
      myDispositions: await hasOwnFeedback(services.db, access),
    },
  };
}

/**
 * A POST to /c/:id without "?index" (forms post to the overview with it) reaches this layout, not
 * the overview; it runs the overview's action, as it did before the layout existed.
 */
export { action } from "./consultation.tsx";

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ data }) => [{ label: data.consultation.title, to: `/c/${data.consultation.id}` }],
};

type NavLink = { path: string; label: MessageKey; show?: boolean };
type NavGroup = { id: string; label: MessageKey; links: NavLink[] };

/** The consultation's pages in groups; only links the user may open, empty groups left out. */
function navGroups(data: Route.ComponentProps["loaderData"]): NavGroup[] {
  const groups: NavGroup[] = [
    {
      id: "text",
      label: "layout.navGroup.text",
      links: [
        { path: "", label: "nav.overview" },
        { path: "/versions", label: "nav.versions" },
      ],
    },
    {
      id: "measures",
      label: "layout.navGroup.measures",
      links: [
        { path: "/measures", label: "nav.measures" },
        { path: "/positions", label: "nav.positions" },
      ],
    },
    {
      id: "participation",
      label: "layout.navGroup.participation",
      links: [
        { path: "/requirements", label: "nav.requirements" },
        { path: "/threads", label: "threads.nav", show: data.nav.threads },
      ],
    },
    {
      id: "consolidation",
      label: "layout.navGroup.consolidation",
      links: [
        { path: "/consolidation", label: "nav.consolidation", show: data.nav.consolidation },
        { path: "/dispositions", label: "nav.myDispositions", show: data.nav.myDispositions },
      ],
    },
    {
      id: "administration",
      label: "layout.navGroup.administration",
      links: [
        { path: "/settings", label: "settings.heading", show: data.nav.settings },
        { path: "/members", label: "members.title", show: data.nav.members },
        { path: "/audit", label: "audit.title", show: data.nav.audit },
      ],
    },
  ];
  return groups
    .map((g) => ({ ...g, links: g.links.filter((l) => l.show !== false) }))
    .filter((g) => g.links.length > 0);
}

/** "page" for the page itself, "true" for a page below it (a measure of the plan). */
function currentOf(here: string, to: string, path: string): "page" | "true" | undefined {
  if (here === to) return "page";
  return path && here.startsWith(`${to}/`) ? "true" : undefined;
}

/** The groups as labelled lists; `variant` keeps the ids of the two renderings apart. */
function NavGroups({
  groups,
  base,
  here,
  variant,
}: {
  groups: NavGroup[];
  base: string;
  here: string;
  variant: "wide" | "narrow";
}) {
  const t = useT();
  return (
    <ul className="nav-groups">
      {groups.map((g) => (
        <li key={g.id} className="nav-group">
          <span className="nav-group-label" id={`nav-${variant}-${g.id}`}>
            {t(g.label)}
          </span>
          <ul aria-labelledby={`nav-${variant}-${g.id}`}>
            {g.links.map((l) => (
              <li key={l.path}>
                <Link to={base + l.path} aria-current={currentOf(here, base + l.path, l.path)}>
                  {t(l.label)}
                </Link>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/**
 * The links between the consultation's pages, grouped. Wide screens show the groups in a row;
 * phones show them behind a disclosure ("Seiten des Verfahrens", a native <details>, so it works
 * without JavaScript and by keyboard). Both renderings are in the markup and CSS shows one: no
 * layout jump at hydration and no server guess of the screen width.
 */
function ConsultationNav({ data }: { data: Route.ComponentProps["loaderData"] }) {
  const t = useT();
  const { pathname } = useLocation();
  const base = `/c/${data.consultation.id}`;
  const here = pathname.replace(/\/+$/, "");
  const groups = navGroups(data);
  const current = groups
    .flatMap((g) => g.links)
    .find((l) => currentOf(here, base + l.path, l.path) !== undefined);
  return (
    <nav aria-label={t("nav.consultation")} className="consultation-nav">
      <div className="nav-wide">
        <NavGroups groups={groups} base={base} here={here} variant="wide" />
      </div>
      <details className="nav-narrow nav-disclosure">
        <summary>
          {t("nav.consultation")}
          {current ? (
            <span className="nav-disclosure-current">
              {t("layout.navCurrent", { page: t(current.label) })}
            </span>
          ) : null}
        </summary>
        <NavGroups groups={groups} base={base} here={here} variant="narrow" />
      </details>
    </nav>
  );
}

export default function ConsultationLayout({ loaderData }: Route.ComponentProps) {
  const crumbs = useCrumbs();
  return (
    <>
      <div className="consultation-chrome no-print">
        <Breadcrumbs crumbs={crumbs} />
        <ConsultationNav data={loaderData} />
        <ConsultationSearch consultationId={loaderData.consultation.id} />
      </div>
      <Outlet />
    </>
  );
}
