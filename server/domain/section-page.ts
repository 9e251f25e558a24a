import { sql } from "drizzle-orm";
import { sectionEditGrants, sections } from "#db/schema/index.ts";
import { denial } from "#server/auth/policy.ts";
import type { Block } from "#server/docs/content.ts";
import type { Services } from "#server/services.ts";
import { fromJson, requirePermission, sectionAccessWith, type SectionAccess } from "./access.ts";
import { notFound } from "./errors.ts";
import { sectionView } from "./section-view.ts";
import {
  sectionThreadRows,
  sectionThreadsFrom,
  threadAnchors,
  type ThreadQuery,
} from "./thread-views.ts";
import type { User } from "./user.ts";

/** What the section page shows besides the text and the threads. */
interface Details {
  siblings: { id: string; title: string; position: number }[];
  lead: string | null;
  grants: { organisationId: string; name: string }[];
  organisations: { id: string; name: string }[];
}

/**
 * The page's details as one JSON column of the section's access query: neighbours, the lead
 * organisation, the edit grants and the organisations a manager may grant to. The organisation
 * list is read for everyone and shown to managers only: it is short, and reading it with the
 * access costs less than a second round trip for those who see it.
 */
const details = sql<unknown>`json_build_object(
  'siblings', (select coalesce(json_agg(json_build_object('id', s.id, 'title', s.title, 'position', s.position) order by s.position), '[]'::json)
    from ${sections} s where s.consultation_id = ${sections.consultationId}),
  'lead', (select o.name from organisations o where o.id = ${sections.leadOrganisationId}),
  'grants', (select coalesce(json_agg(json_build_object('organisationId', o.id, 'name', o.name) order by o.name), '[]'::json)
    from ${sectionEditGrants} g join organisations o on o.id = g.organisation_id where g.section_id = ${sections.id}),
  'organisations', (select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name) order by o.name), '[]'::json)
    from organisations o)
)`;

/** The section's access and the page's details, in one query; not_found unless visible here. */
async function loadPage(
  services: Services,
  user: User,
  consultationId: string,
  sectionId: string,
): Promise<{ access: SectionAccess; details: Details }> {
  const { access, extra } = await sectionAccessWith(
    services.db,
    user,
    sectionId,
    details,
    services.clock.now(),
  );
  if (access.section.consultationId !== consultationId) throw notFound();
  requirePermission(access, "section.view");
  return { access, details: fromJson<Details>(extra) };
}

function pageOf(access: SectionAccess, details: Details, blocks: Block[]) {
  const index = details.siblings.findIndex((s) => s.id === access.section.id);
  const canManage = access.can("section.manage");
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    section: access.section,
    blocks,
    leadOrganisation: details.lead,
    previous: details.siblings[index - 1] ?? null,
    next: details.siblings[index + 1] ?? null,
    grants: details.grants,
    organisations: canManage ? details.organisations : [],
    permissions: {
      edit: access.can("section.edit"),
      editDenial: denial(access.actor, "section.edit", access.resource),
      manage: canManage,
      lock: access.can("section.lock"),
    },
  };
}

/**
 * The section page: text, neighbours, grants and what the user may do (not_found if not visible).
 * The text comes from the loaded collab room when there is one.
 */
export async function sectionPage(
  services: Services,
  user: User,
  consultationId: string,
  sectionId: string,
) {
  const { access, details } = await loadPage(services, user, consultationId, sectionId);
  return pageOf(access, details, (await sectionView(services, sectionId)).blocks);
}

/**
 * The section page with its threads, as its loader shows them: the access is read once (with the
 * page's details), the threads with their comments in one query, and the section's document is
 * viewed once for both the text and the threads' anchors.
 */
export async function sectionPageWithThreads(
  services: Services,
  user: User,
  consultationId: string,
  sectionId: string,
  query: ThreadQuery,
) {
  const { access, details } = await loadPage(services, user, consultationId, sectionId);
  const rows = await sectionThreadRows(services.db, access);
  const view = await sectionView(services, sectionId, threadAnchors(rows));
  return {
    page: pageOf(access, details, view.blocks),
    comments: sectionThreadsFrom(user, access, rows, view.anchor, query),
  };
}
