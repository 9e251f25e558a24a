import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  commentThreads,
  organisations,
  sectionEditGrants,
  sections,
  users,
} from "#db/schema/index.ts";
import { type ThreadKind, type ThreadStatus } from "#common/vocabularies.ts";
import { denial } from "#server/auth/policy.ts";
import type { Services } from "#server/services.ts";
import {
  consultationAccess,
  fromJson,
  requirePermission,
  sectionAccess,
  sectionAccessFrom,
  type SectionAccess,
} from "./access.ts";
import { sectionAnchors, sectionView, type AnchorPair, type Anchors } from "./section-view.ts";
import { mayResolve } from "./threads.ts";
import type { User } from "./user.ts";

/** Reading comment threads: a section's, a consultation's (moderators), and their filters. */

export interface ThreadQuery {
  status: string;
  kind: string;
  organisation: string;
  author: string;
  section: string;
}

export function parseThreadQuery(params: URLSearchParams): ThreadQuery {
  const get = (name: string) => (params.get(name) ?? "").trim();
  return {
    status: get("status"),
    kind: get("kind"),
    organisation: get("organisation"),
    author: get("author"),
    section: get("section"),
  };
}

export interface CommentView {
  id: string;
  authorId: string | null;
  author: string | null;
  organisation: string | null;
  /** Empty for deleted comments. */
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  canEdit: boolean;
  canDelete: boolean;
}

export interface ThreadView {
  id: string;
  sectionId: string;
  section: string;
  sectionPosition: number;
  kind: ThreadKind;
  status: ThreadStatus;
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  proposedText: string | null;
  /** The passage's current text, or null when it was removed ("Textstelle entfernt"). */
  currentText: string | null;
  /** Plain-text offset of the passage, for document order. */
  offset: number;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  authorId: string | null;
  author: string | null;
  organisationId: string | null;
  organisation: string | null;
  createdAt: Date;
  comments: CommentView[];
  canReply: boolean;
  canResolve: boolean;
  canDecide: boolean;
}

/** A thread's row with its section, author and comments, as one query returns it. */
type ThreadRow = Awaited<ReturnType<typeof threadRows>>[number];

interface CommentRow {
  id: string;
  authorId: string | null;
  author: string | null;
  organisation: string | null;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

/**
 * A consultation's threads matching `where`, each with its comments as a JSON column: one query
 * however many threads there are.
 */
function threadRows(db: Database, consultationId: string, where: SQL | undefined) {
  const decider = sql<
    string | null
  >`(select name from users d where d.id = ${commentThreads.decidedBy})`;
  const commentList = sql<unknown>`(select coalesce(json_agg(json_build_object(
      'id', c.id, 'authorId', c.author_id, 'author', cu.name, 'organisation', co.name,
      'body', c.body, 'createdAt', c.created_at, 'editedAt', c.edited_at, 'deletedAt', c.deleted_at
    ) order by c.created_at, c.id), '[]'::json)
    from comments c
    left join users cu on cu.id = c.author_id
    left join organisations co on co.id = c.organisation_id
    where c.thread_id = ${commentThreads.id})`;
  return db
    .select({
      thread: commentThreads,
      section: sections.title,
      sectionPosition: sections.position,
      author: users.name,
      organisation: organisations.name,
      decidedByName: decider,
      comments: commentList,
    })
    .from(commentThreads)
    .innerJoin(sections, eq(sections.id, commentThreads.sectionId))
    .leftJoin(users, eq(users.id, commentThreads.authorId))
    .leftJoin(organisations, eq(organisations.id, commentThreads.organisationId))
    .where(and(eq(commentThreads.consultationId, consultationId), where))
    .orderBy(asc(sections.position), asc(commentThreads.createdAt));
}

const date = (value: string | null) => (value === null ? null : new Date(value));

/** The anchors of each section's threads, to resolve against the section's text. */
function anchorsBySection(rows: ThreadRow[]) {
  const bySection = new Map<string, AnchorPair[]>();
  for (const { thread } of rows) {
    const anchors = bySection.get(thread.sectionId) ?? [];
    anchors.push({ start: thread.anchorStart, end: thread.anchorEnd });
    bySection.set(thread.sectionId, anchors);
  }
  return [...bySection].map(([sectionId, anchors]) => ({ sectionId, anchors }));
}

/**
 * The views of threads in document order, with what the user may do on each (`permissions` holds
 * the user's access to every section that has threads).
 */
function threadViews(
  user: User,
  rows: ThreadRow[],
  anchors: Map<string, Anchors>,
  permissions: Map<string, SectionAccess>,
): ThreadView[] {
  const threadViews = rows.map(({ thread, ...row }): ThreadView => {
    const access = permissions.get(thread.sectionId)!;
    const resolved = anchors.get(thread.sectionId)!({
      start: thread.anchorStart,
      end: thread.anchorEnd,
    });
    const moderate = access.can("comment.moderate");
    const reply = access.can("comment.reply");
    return {
      id: thread.id,
      sectionId: thread.sectionId,
      section: row.section,
      sectionPosition: row.sectionPosition,
      kind: thread.kind,
      status: thread.status,
      anchorStart: thread.anchorStart,
      anchorEnd: thread.anchorEnd,
      quote: thread.quote,
      proposedText: thread.proposedText,
      currentText: resolved.text,
      offset: resolved.from,
      decisionReason: thread.decisionReason,
      decidedBy: row.decidedByName,
      decidedAt: thread.decidedAt,
      authorId: thread.authorId,
      author: row.author,
      organisationId: thread.organisationId,
      organisation: row.organisation,
      createdAt: thread.createdAt,
      comments: fromJson<CommentRow[]>(row.comments).map((c) => ({
        id: c.id,
        authorId: c.authorId,
        author: c.author,
        organisation: c.organisation,
        body: c.deletedAt ? "" : c.body,
        createdAt: new Date(c.createdAt),
        editedAt: date(c.editedAt),
        deleted: c.deletedAt !== null,
        canEdit: c.deletedAt === null && c.authorId === user.id && reply,
        canDelete: c.deletedAt === null && ((c.authorId === user.id && reply) || moderate),
      })),
      canReply: reply,
      canResolve: thread.kind === "comment" && mayResolve(access, user.id, thread.authorId),
      canDecide: thread.kind === "suggestion" && access.can("suggestion.decide"),
    };
  });
  return threadViews.sort(
    (a, b) =>
      a.sectionPosition - b.sectionPosition ||
      a.offset - b.offset ||
      a.createdAt.getTime() - b.createdAt.getTime(),
  );
}

/** Filters threads by status, kind, organisation, author and section. */
export function applyThreadQuery(threads: ThreadView[], query: ThreadQuery): ThreadView[] {
  return threads.filter(
    (t) =>
      (!query.status || t.status === query.status) &&
      (!query.kind || t.kind === query.kind) &&
      (!query.organisation || t.organisationId === query.organisation) &&
      (!query.author || t.authorId === query.author) &&
      (!query.section || t.sectionId === query.section),
  );
}

function filterOptions(threads: ThreadView[]) {
  const unique = <T extends { id: string | null; name: string | null }>(list: T[]) =>
    [...new Map(list.filter((x) => x.id && x.name).map((x) => [x.id!, x.name!])).entries()]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, "de"));
  return {
    organisations: unique(threads.map((t) => ({ id: t.organisationId, name: t.organisation }))),
    authors: unique(threads.map((t) => ({ id: t.authorId, name: t.author }))),
  };
}

/** The section page's comments part, from the threads and the section view already loaded. */
export function sectionThreadsFrom(
  user: User,
  access: SectionAccess,
  rows: ThreadRow[],
  anchors: Anchors,
  query: ThreadQuery,
) {
  const all = threadViews(
    user,
    rows,
    new Map([[access.section.id, anchors]]),
    new Map([[access.section.id, access]]),
  );
  return {
    threads: applyThreadQuery(all, { ...query, section: "" }),
    total: all.length,
    options: filterOptions(all),
    permissions: {
      comment: access.can("comment.create"),
      suggest: access.can("suggestion.create"),
      commentDenial: denial(access.actor, "comment.create", access.resource),
    },
  };
}

/** The threads of a section with their comments (one query). */
export function sectionThreadRows(db: Database, access: SectionAccess) {
  return threadRows(db, access.consultation.id, eq(commentThreads.sectionId, access.section.id));
}

/** The anchors of a section's threads. */
export function threadAnchors(rows: ThreadRow[]): AnchorPair[] {
  return rows.map(({ thread }) => ({ start: thread.anchorStart, end: thread.anchorEnd }));
}

/**
 * The threads of one section in document order, with what the user may do on each; anchors are
 * resolved against the loaded collab room's document when there is one. The section page loads
 * them with its text instead (sectionPageWithThreads), reading the access once.
 */
export async function sectionThreads(
  services: Services,
  user: User,
  sectionId: string,
  query: ThreadQuery,
  now = services.clock.now(),
) {
  const access = await sectionAccess(services.db, user, sectionId, now);
  requirePermission(access, "section.view");
  const rows = await sectionThreadRows(services.db, access);
  const view = await sectionView(services, sectionId, threadAnchors(rows));
  return sectionThreadsFrom(user, access, rows, view.anchor, query);
}

/**
 * Every thread of a consultation (moderators), filtered; open ones first by default. A bounded
 * number of queries however many sections there are: each section's access is derived from the
 * consultation's with the sections' edit grants read together, and the sections' stored
 * documents are checked in one query (sectionAnchors).
 */
export async function consultationThreads(
  services: Services,
  user: User,
  consultationId: string,
  query: ThreadQuery,
  now = services.clock.now(),
) {
  const { db } = services;
  const access = await consultationAccess(db, user, consultationId, now);
  requirePermission(access, "comment.moderate");
  const grants = sql<unknown>`(select coalesce(json_agg(${sectionEditGrants.organisationId}), '[]'::json) from ${sectionEditGrants} where ${sectionEditGrants.sectionId} = ${sections.id})`;
  const [rows, sectionRows] = await Promise.all([
    threadRows(db, consultationId, undefined),
    db
      .select({ section: sections, grants })
      .from(sections)
      .where(eq(sections.consultationId, consultationId))
      .orderBy(asc(sections.position)),
  ]);
  const permissions = new Map(
    sectionRows.map((r) => [
      r.section.id,
      sectionAccessFrom(access, r.section, fromJson<string[]>(r.grants)),
    ]),
  );
  const anchors = await sectionAnchors(services, anchorsBySection(rows));
  const all = threadViews(user, rows, anchors, permissions);
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    threads: applyThreadQuery(all, query),
    total: all.length,
    options: {
      ...filterOptions(all),
      sections: sectionRows.map(({ section }) => ({
        id: section.id,
        title: section.title,
        position: section.position,
      })),
    },
  };
}

/** Open threads per section of a consultation (for the overview). */
export async function openThreadCounts(
  { db }: Services,
  consultationId: string,
): Promise<Record<string, number>> {
  const rows = await db
    .select({ sectionId: commentThreads.sectionId, open: count() })
    .from(commentThreads)
    .where(
      and(eq(commentThreads.consultationId, consultationId), eq(commentThreads.status, "open")),
    )
    .groupBy(commentThreads.sectionId);
  return Object.fromEntries(rows.map((r) => [r.sectionId, r.open]));
}
