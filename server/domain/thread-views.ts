import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import {
  commentThreads,
  comments,
  organisations,
  sections,
  users,
  type ThreadKind,
  type ThreadStatus,
} from "#db/schema/index.ts";
import { denial } from "#server/auth/policy.ts";
import type { Services } from "#server/services.ts";
import {
  consultationAccess,
  requirePermission,
  sectionAccess,
  type SectionAccess,
} from "./access.ts";
import { sectionView } from "./section-view.ts";
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

async function loadThreads(
  services: Services,
  user: User,
  consultationId: string,
  where: ReturnType<typeof and>,
  permissions: Map<string, SectionAccess>,
): Promise<ThreadView[]> {
  const { db } = services;
  const decider = sql<
    string | null
  >`(select name from users d where d.id = ${commentThreads.decidedBy})`;
  const rows = await db
    .select({
      thread: commentThreads,
      section: sections.title,
      sectionPosition: sections.position,
      author: users.name,
      organisation: organisations.name,
      decidedByName: decider,
    })
    .from(commentThreads)
    .innerJoin(sections, eq(sections.id, commentThreads.sectionId))
    .leftJoin(users, eq(users.id, commentThreads.authorId))
    .leftJoin(organisations, eq(organisations.id, commentThreads.organisationId))
    .where(and(eq(commentThreads.consultationId, consultationId), where))
    .orderBy(asc(sections.position), asc(commentThreads.createdAt));
  if (rows.length === 0) return [];
  const commentRows = await db
    .select({
      id: comments.id,
      threadId: comments.threadId,
      authorId: comments.authorId,
      author: users.name,
      organisation: organisations.name,
      body: comments.body,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      deletedAt: comments.deletedAt,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .leftJoin(organisations, eq(organisations.id, comments.organisationId))
    .where(
      inArray(
        comments.threadId,
        rows.map((r) => r.thread.id),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id));
  const views = new Map<string, Awaited<ReturnType<typeof sectionView>>>();
  for (const sectionId of new Set(rows.map((r) => r.thread.sectionId))) {
    const anchors = rows
      .filter((r) => r.thread.sectionId === sectionId)
      .map((r) => ({ start: r.thread.anchorStart, end: r.thread.anchorEnd }));
    views.set(sectionId, await sectionView(services, sectionId, anchors));
    if (!permissions.has(sectionId)) {
      permissions.set(sectionId, await sectionAccess(db, user, sectionId));
    }
  }
  const threadViews = rows.map(({ thread, ...row }): ThreadView => {
    const access = permissions.get(thread.sectionId)!;
    const resolved = views.get(thread.sectionId)!.anchor({
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
      comments: commentRows
        .filter((c) => c.threadId === thread.id)
        .map((c) => ({
          id: c.id,
          authorId: c.authorId,
          author: c.author,
          organisation: c.organisation,
          body: c.deletedAt ? "" : c.body,
          createdAt: c.createdAt,
          editedAt: c.editedAt,
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

/**
 * The threads of one section in document order, with what the user may do on each; anchors are
 * resolved against the loaded collab room's document when there is one.
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
  const all = await loadThreads(
    services,
    user,
    access.consultation.id,
    eq(commentThreads.sectionId, sectionId),
    new Map([[sectionId, access]]),
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

/** Every thread of a consultation (moderators), filtered; open ones first by default. */
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
  const all = await loadThreads(services, user, consultationId, undefined, new Map());
  const sectionRows = await db
    .select({ id: sections.id, title: sections.title, position: sections.position })
    .from(sections)
    .where(eq(sections.consultationId, consultationId))
    .orderBy(asc(sections.position));
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    threads: applyThreadQuery(all, query),
    total: all.length,
    options: { ...filterOptions(all), sections: sectionRows },
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
