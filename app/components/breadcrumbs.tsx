import { Link, useLocation, useMatches, type Params } from "react-router";
import type { Translate } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";

/** One step of the breadcrumb trail; the last one is the current page and is not linked. */
export interface Crumb {
  label: string;
  to?: string;
}

export interface BreadcrumbArgs<Data> {
  /** The route's loader data. */
  data: Data;
  params: Params;
  /** The current URL's query ("?…" or ""), for crumbs that keep the page's filters. */
  search: string;
  t: Translate;
}

/**
 * What a route exports as `handle`: its steps of the breadcrumb trail, after those of the routes
 * above it. Routes declare it as `export const handle: RouteHandle<Route.ComponentProps["loaderData"]>`.
 */
export interface RouteHandle<Data = unknown> {
  breadcrumb?: (args: BreadcrumbArgs<Data>) => Crumb[];
}

function isRouteHandle(handle: unknown): handle is RouteHandle {
  return typeof handle === "object" && handle !== null && "breadcrumb" in handle;
}

/** The trail of the matched routes' handles (routes whose data is missing are skipped). */
export function useCrumbs(): Crumb[] {
  const t = useT();
  const { search } = useLocation();
  const crumbs: Crumb[] = [];
  for (const match of useMatches()) {
    if (!isRouteHandle(match.handle) || !match.handle.breadcrumb) continue;
    if (match.loaderData === undefined) continue;
    crumbs.push(
      ...match.handle.breadcrumb({ data: match.loaderData, params: match.params, search, t }),
    );
  }
  return crumbs;
}

/**
 * The breadcrumb navigation: an ordered list of links up to the current page, which is marked
 * with aria-current="page". Nothing when the trail has a single step (the page is its own top).
 */
export function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  const t = useT();
  if (crumbs.length < 2) return null;
  return (
    <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
      <ol>
        {crumbs.map((crumb, i) =>
          i === crumbs.length - 1 || !crumb.to ? (
            <li key={i} aria-current={i === crumbs.length - 1 ? "page" : undefined}>
              {crumb.label}
            </li>
          ) : (
            <li key={i}>
              <Link to={crumb.to}>{crumb.label}</Link>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
