import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  commentThreads,
  measures,
  organisations,
  requirements,
  sections,
  users,
  versions,
} from "#db/schema/index.ts";
import type { SentencePart } from "#common/audit-sentence.ts";
import { isUuid, type ConsultationAccess } from "../access.ts";
import type { AuditLookup, DescribedEntry } from "./describe.ts";

const ids = (values: unknown[]) => [
  ...new Set(values.filter((v): v is string => typeof v === "string" && isUuid(v))),
];

const excerpt = (text: string) =>
  `„${text.length > 60 ? `${text.slice(0, 60).trimEnd()} …` : text}“`;

/**
 * Loads the names of every object a list of entries mentions, a handful of queries for the whole
 * list, and answers the describer with parts that link to the object's page when the reader may
 * open it. Objects of other consultations are never found.
 */
export async function loadAuditLookup(
  db: Database,
  access: ConsultationAccess,
  entries: DescribedEntry[],
): Promise<AuditLookup> {
  const consultationId = access.consultation.id;
  const base = `/c/${consultationId}`;
  const of = (type: string) => entries.filter((e) => e.targetType === type).map((e) => e.targetId);
  const sectionIds = ids([...of("section"), ...entries.map((e) => e.details.sectionId)]);
  const threadIds = ids([...of("comment_thread"), ...entries.map((e) => e.details.threadId)]);
  const codes = [
    ...new Set(
      entries
        .filter((e) => e.targetType === "position")
        .map((e) => e.details.measure)
        .filter((c): c is string => typeof c === "string"),
    ),
  ];
  const userIds = ids(of("user"));
  const organisationIds = ids([
    ...of("organisation"),
    ...entries.map((e) => e.details.organisationId),
  ]);
  const measureIds = ids(of("measure"));
  const requirementIds = ids(of("requirement"));
  const versionIds = ids(of("version"));

  const [sectionRows, threadRows, measureRows, requirementRows, versionRows, userRows, orgRows] =
    await Promise.all([
      sectionIds.length
        ? db
            .select({ id: sections.id, title: sections.title })
            .from(sections)
            .where(
              and(eq(sections.consultationId, consultationId), inArray(sections.id, sectionIds)),
            )
        : [],
      threadIds.length
        ? db
            .select({
              id: commentThreads.id,
              sectionId: commentThreads.sectionId,
              quote: commentThreads.quote,
            })
            .from(commentThreads)
            .where(
              and(
                eq(commentThreads.consultationId, consultationId),
                inArray(commentThreads.id, threadIds),
              ),
            )
        : [],
      measureIds.length || codes.length
        ? db
            .select({ id: measures.id, code: measures.code, title: measures.title })
            .from(measures)
            .where(eq(measures.consultationId, consultationId))
        : [],
      requirementIds.length
        ? db
            .select({ id: requirements.id, title: requirements.title })
            .from(requirements)
            .where(
              and(
                eq(requirements.consultationId, consultationId),
                inArray(requirements.id, requirementIds),
              ),
            )
        : [],
      versionIds.length
        ? db
            .select({ id: versions.id, name: versions.name })
            .from(versions)
            .where(
              and(eq(versions.consultationId, consultationId), inArray(versions.id, versionIds)),
            )
        : [],
      userIds.length
        ? db
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inArray(users.id, userIds))
        : [],
      organisationIds.length
        ? db
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.id, organisationIds))
        : [],
    ]);

  const mayRead = access.can("section.view");
  const link = (text: string, href: string): SentencePart => (mayRead ? { text, href } : { text });
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const sectionsById = byId(sectionRows);
  const threadsById = byId(threadRows);
  const measuresById = byId(measureRows);
  const measuresByCode = new Map(measureRows.map((m) => [m.code, m]));
  const requirementsById = byId(requirementRows);
  const versionsById = byId(versionRows);
  const usersById = byId(userRows);
  const orgsById = byId(orgRows);
  const get = <T>(map: Map<string, T>, id: unknown) =>
    typeof id === "string" ? map.get(id) : undefined;
  const measurePart = (m: { id: string; code: string; title: string } | undefined) =>
    m && link(`${m.code} ${m.title}`, `${base}/measures/${m.id}`);

  return {
    section: (id) => {
      const s = get(sectionsById, id);
      return s && link(s.title, `${base}/s/${s.id}`);
    },
    thread: (id) => {
      const t = get(threadsById, id);
      return t && link(excerpt(t.quote), `${base}/s/${t.sectionId}#thread-${t.id}`);
    },
    measure: (id) => measurePart(get(measuresById, id)),
    measureByCode: (code) => measurePart(get(measuresByCode, code)),
    requirement: (id) => {
      const r = get(requirementsById, id);
      return r && link(r.title, `${base}/requirements`);
    },
    version: (id) => {
      const v = get(versionsById, id);
      return v && link(v.name, `${base}/versions/${v.id}`);
    },
    user: (id) => {
      const u = get(usersById, id);
      return u && { text: u.name };
    },
    organisation: (id) => {
      const o = get(orgsById, id);
      return o && { text: o.name };
    },
  };
}
