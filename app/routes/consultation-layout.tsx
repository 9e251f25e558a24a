import { Link, Outlet, useLocation } from "react-router";
import type { Route } from "./+types/consultation-layout";
import { Breadcrumbs, useCrumbs, type RouteHandle } from "#app/components/breadcrumbs.tsx";
import { ConsultationSearch } from "#app/components/consultation-search.tsx";
import type { MessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { servicesOf } from "#server/context.ts";
import { consultationAccess } from "#server/domain/access.ts";

/**
 * The chrome every page of a consultation shares: the breadcrumb trail and the links between the
 * consultation's pages. Access is checked here too (404 for non-members, as on each page); the
 * pages load their own data. Resource routes (events, CSV, export) are not children of this
 * layout, so they never run this loader.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const access = await guard(
    consultationAccess(servicesOf(context).db, user, params.consultationId),
  );
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    nav: {
      threads: access.can("comment.moderate"),
      consolidation: access.can("disposition.edit"),
      settings: access.can("consultation.manage"),
      members: access.can("member.manage"),
      audit: access.can("audit.view"),
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

/** The links between the consultation's pages, only those the user may open. */
function ConsultationNav({ data }: { data: Route.ComponentProps["loaderData"] }) {
  const t = useT();
  const { pathname } = useLocation();
  const base = `/c/${data.consultation.id}`;
  const links: NavLink[] = [
    { path: "", label: "nav.overview" },
    { path: "/measures", label: "nav.measures" },
    { path: "/positions", label: "nav.positions" },
    { path: "/requirements", label: "nav.requirements" },
    { path: "/threads", label: "threads.nav", show: data.nav.threads },
    { path: "/consolidation", label: "nav.consolidation", show: data.nav.consolidation },
    { path: "/versions", label: "nav.versions" },
    { path: "/dispositions", label: "nav.myDispositions" },
    { path: "/settings", label: "settings.heading", show: data.nav.settings },
    { path: "/members", label: "members.title", show: data.nav.members },
    { path: "/audit", label: "audit.title", show: data.nav.audit },
  ];
  const here = pathname.replace(/\/+$/, "");
  return (
    <nav aria-label={t("nav.consultation")} className="subnav consultation-nav">
      <ul>
        {links
          .filter((l) => l.show !== false)
          .map((l) => {
            const to = base + l.path;
            // The page itself is "page"; a page below it (a measure of the plan) is "true".
            const current =
              here === to ? "page" : l.path && here.startsWith(`${to}/`) ? "true" : undefined;
            return (
              <li key={l.path}>
                <Link to={to} aria-current={current}>
                  {t(l.label)}
                </Link>
              </li>
            );
          })}
      </ul>
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
