import type { Route } from "./+types/threads";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { LiveStatus } from "#app/components/live-status.tsx";
import { ThreadCard, ThreadFilters } from "#app/editor/comments-sidebar.tsx";
import { useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { useLiveRevalidation } from "#app/lib/use-live-revalidation.ts";
import { consultationThreads, parseThreadQuery } from "#server/domain/thread-views.ts";
import { servicesOf } from "#server/context.ts";

/** Every thread of a consultation for the moderators; open ones unless another status is chosen. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const params_ = new URL(request.url).searchParams;
  if (!params_.has("status")) params_.set("status", "open");
  const query = parseThreadQuery(params_);
  const page = await guard(
    consultationThreads(servicesOf(context), user, params.consultationId, query),
  );
  return { ...page, query };
}

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ t }) => [{ label: t("threads.title") }],
};

export default function Threads({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { consultation, threads, total, options, query } = loaderData;
  const updates = useLiveRevalidation(consultation.id);
  return (
    <div className="page">
      <PageTitle consultation={consultation.title}>{t("threads.title")}</PageTitle>
      <h1>{t("threads.title")}</h1>
      <LiveStatus updates={updates} />
      <ThreadFilters
        query={query as unknown as Record<string, string>}
        options={options}
        sections={options.sections}
      />
      <p className="hint">{t("comments.count", { count: threads.length })}</p>
      {threads.length === 0 ? (
        <p>{total === 0 ? t("threads.none") : t("comments.noneMatching")}</p>
      ) : (
        <ol className="thread-list">
          {threads.map((thread) => (
            <li key={thread.id}>
              <ThreadCard
                thread={{ ...thread, canReply: false, canResolve: false, canDecide: false }}
                sectionLink={`/c/${consultation.id}/s/${thread.sectionId}#thread-${thread.id}`}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
