import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  commentThreads,
  comments,
  consultationMembers,
  memberships,
  notifications,
  organisations,
  sections,
  threadKinds,
  threadStatuses,
  users,
  type NotificationKind,
  type ThreadKind,
  type ThreadStatus,
} from "#db/schema/index.ts";
import { acting, audit } from "#server/audit.ts";
import { denial } from "#server/auth/policy.ts";
import type { User } from "./user.ts";
import {
  consultationAccess,
  currentOrganisationMembership,
  isUuid,
  requirePermission,
  sectionAccess,
  type SectionAccess,
} from "./access.ts";
import { decodeAnchor, replacePassage, type ReplaceResult } from "./anchors.ts";
import { DomainError, forbidden, invalid, notFound } from "./errors.ts";
import { sectionView } from "./section-view.ts";
import { isOneOf } from "./values.ts";
import { cleanText } from "./text.ts";
import { withoutXmlForbidden } from "./xml-chars.ts";
import type { EventBus } from "#server/events.ts";
import type { Services } from "#server/services.ts";

/** Longest comment, proposed wording or quoted passage accepted (characters). */
export const MAX_COMMENT_LENGTH = 10_000;

function normalise(value: string): string {
  return cleanText(value.replace(/\r\n/g, "\n"));
}

/** Field error key for a required text of at most MAX_COMMENT_LENGTH characters, or null. */
function textError(value: string): string | null {
  if (!value) return "form.required";
  if (value.length > MAX_COMMENT_LENGTH) return "comments.error.tooLong";
  return null;
}

async function threadInSection(db: Database, user: User, threadId: string) {
  if (!isUuid(threadId)) throw notFound();
  const [thread] = await db.select().from(commentThreads).where(eq(commentThreads.id, threadId));
  if (!thread) throw notFound();
  const access = await sectionAccess(db, user, thread.sectionId);
  requirePermission(access, "section.view");
  return { thread, access };
}

/**
 * Users and organisations named with "@" in a text: "@Vorname Nachname", "@Organisation" or
 * "@Kurzname", matched against the consultation's members, case-insensitively.
 */
async function mentionedUsers(
  db: Database,
  consultationId: string,
  body: string,
): Promise<string[]> {
  if (!body.includes("@")) return [];
  const members = await db
    .select({
      userId: consultationMembers.userId,
      userName: users.name,
      organisationName: organisations.name,
      organisationShort: organisations.shortName,
    })
    .from(consultationMembers)
    .innerJoin(memberships, currentOrganisationMembership)
    .innerJoin(users, eq(users.id, consultationMembers.userId))
    .innerJoin(organisations, eq(organisations.id, consultationMembers.organisationId))
    .where(eq(consultationMembers.consultationId, consultationId));
  const text = body.toLocaleLowerCase("de");
  const named = (name: string) => {
    const needle = `@${name.toLocaleLowerCase("de")}`;
    const at = text.indexOf(needle);
    if (at < 0) return false;
    // "@Stadt" must not match "@Stadtwerke": the name has to end at a word boundary.
    const after = text.charAt(at + needle.length);
    return after === "" || !/[\p{L}\p{N}]/u.test(after);
  };
  return [
    ...new Set(
      members
        .filter(
          (m) =>
            named(m.userName) ||
            named(m.organisationName) ||
            (m.organisationShort.length >= 2 && named(m.organisationShort)),
        )
        .map((m) => m.userId),
    ),
  ];
}

type Executor = Pick<Database, "insert" | "select" | "selectDistinct">;

async function notify(
  tx: Executor,
  threadId: string,
  actorId: string,
  entries: { userId: string; kind: NotificationKind }[],
): Promise<void> {
  const seen = new Set<string>([actorId]);
  const rows = entries.filter((e) => !seen.has(e.userId) && (seen.add(e.userId), true));
  if (rows.length === 0) return;
  await tx.insert(notifications).values(rows.map((r) => ({ ...r, threadId, actorId })));
}

async function participants(tx: Executor, threadId: string, authorId: string | null) {
  const rows = await tx
    .selectDistinct({ userId: comments.authorId })
    .from(comments)
    .where(eq(comments.threadId, threadId));
  const ids = new Set(rows.map((r) => r.userId).filter((id): id is string => id !== null));
  if (authorId) ids.add(authorId);
  return [...ids];
}

export interface CreateThreadInput {
  sectionId: string;
  kind: string;
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  body: string;
  proposedText?: string;
  ip?: string;
}

/**
 * Opens a thread on a passage: a comment, or a suggestion with replacement wording. Never writes
 * the section's document (ADR 011); audited, announced, mentioned users notified.
 */
export async function createThread(
  { db, events }: Services,
  user: User,
  input: CreateThreadInput,
  now = new Date(),
): Promise<string> {
  const access = await sectionAccess(db, user, input.sectionId, now);
  requirePermission(access, "section.view");
  if (!isOneOf(threadKinds, input.kind)) throw invalid({ kind: "form.invalid" });
  const kind: ThreadKind = input.kind;
  requirePermission(access, kind === "suggestion" ? "suggestion.create" : "comment.create");
  const errors: Record<string, string> = {};
  const body = normalise(input.body);
  const quote = withoutXmlForbidden(input.quote).replace(/\r\n/g, "\n");
  const proposed =
    kind === "suggestion"
      ? withoutXmlForbidden(input.proposedText ?? "").replace(/\r\n/g, "\n")
      : "";
  if (!decodeAnchor(input.anchorStart) || !decodeAnchor(input.anchorEnd) || !quote.trim()) {
    errors.quote = "comments.error.noPassage";
  } else if (quote.length > MAX_COMMENT_LENGTH) {
    errors.quote = "comments.error.passageTooLong";
  } else if (kind === "suggestion" && quote.includes("\n")) {
    // Applying a replacement across paragraphs could not keep their structure (ADR 011).
    errors.quote = "comments.error.suggestionOneParagraph";
  }
  if (kind === "comment") {
    const error = textError(body);
    if (error) errors.body = error;
  } else {
    if (body.length > MAX_COMMENT_LENGTH) errors.body = "comments.error.tooLong";
    if (proposed.includes("\n")) errors.proposedText = "comments.error.suggestionOneParagraph";
    else if (proposed.length > MAX_COMMENT_LENGTH) errors.proposedText = "comments.error.tooLong";
    else if (proposed === quote) errors.proposedText = "comments.error.unchanged";
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  const mentioned = await mentionedUsers(db, access.consultation.id, body);
  const threadId = await db.transaction(async (tx) => {
    const [thread] = await tx
      .insert(commentThreads)
      .values({
        consultationId: access.consultation.id,
        sectionId: input.sectionId,
        kind,
        anchorStart: input.anchorStart,
        anchorEnd: input.anchorEnd,
        quote,
        proposedText: kind === "suggestion" ? proposed : null,
        authorId: user.id,
        organisationId: access.organisationId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: commentThreads.id });
    const id = thread!.id;
    if (body) {
      await tx.insert(comments).values({
        threadId: id,
        authorId: user.id,
        organisationId: access.organisationId,
        body,
        createdAt: now,
      });
    }
    await notify(
      tx,
      id,
      user.id,
      mentioned.map((userId) => ({ userId, kind: "mention" as const })),
    );
    await audit(tx, acting(user, access, input.ip), {
      action: kind === "suggestion" ? "suggestion.created" : "comment_thread.created",
      targetType: "comment_thread",
      targetId: id,
      consultationId: access.consultation.id,
      details: { sectionId: input.sectionId, quote, body, proposedText: proposed || undefined },
    });
    return id;
  });
  announce(events, access.consultation.id, threadId);
  return threadId;
}

function announce(events: EventBus, consultationId: string, threadId: string) {
  events.publish({ type: "thread.changed", consultationId, subjectId: threadId });
}

/** Adds a reply to a thread; participants and mentioned users are notified. */
export async function replyToThread(
  { db, events }: Services,
  user: User,
  input: { threadId: string; body: string; ip?: string },
  now = new Date(),
): Promise<string> {
  const { thread, access } = await threadInSection(db, user, input.threadId);
  requirePermission(access, "comment.reply");
  const body = normalise(input.body);
  const error = textError(body);
  if (error) throw invalid({ body: error });
  const mentioned = await mentionedUsers(db, thread.consultationId, body);
  const commentId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(comments)
      .values({
        threadId: thread.id,
        authorId: user.id,
        organisationId: access.organisationId,
        body,
        createdAt: now,
      })
      .returning({ id: comments.id });
    await tx.update(commentThreads).set({ updatedAt: now }).where(eq(commentThreads.id, thread.id));
    const others = await participants(tx, thread.id, thread.authorId);
    await notify(tx, thread.id, user.id, [
      ...mentioned.map((userId) => ({ userId, kind: "mention" as const })),
      ...others.map((userId) => ({ userId, kind: "reply" as const })),
    ]);
    await audit(tx, acting(user, access, input.ip), {
      action: "comment.created",
      targetType: "comment",
      targetId: row!.id,
      consultationId: thread.consultationId,
      details: { threadId: thread.id, body },
    });
    return row!.id;
  });
  announce(events, thread.consultationId, thread.id);
  return commentId;
}

async function ownComment(db: Database, user: User, commentId: string) {
  if (!isUuid(commentId)) throw notFound();
  const [comment] = await db.select().from(comments).where(eq(comments.id, commentId));
  if (!comment) throw notFound();
  const { thread, access } = await threadInSection(db, user, comment.threadId);
  return { comment, thread, access };
}

/** Changes the text of one's own comment; audited with the previous text. */
export async function editComment(
  { db, events }: Services,
  user: User,
  input: { commentId: string; body: string; ip?: string },
  now = new Date(),
): Promise<void> {
  const { comment, thread, access } = await ownComment(db, user, input.commentId);
  if (comment.authorId !== user.id) throw forbidden("not_author");
  requirePermission(access, "comment.reply");
  if (comment.deletedAt) throw new DomainError("conflict", "comments.error.deleted");
  const body = normalise(input.body);
  const error = textError(body);
  if (error) throw invalid({ body: error });
  if (body === comment.body) return;
  await db.transaction(async (tx) => {
    await tx.update(comments).set({ body, editedAt: now }).where(eq(comments.id, comment.id));
    await audit(tx, acting(user, access, input.ip), {
      action: "comment.edited",
      targetType: "comment",
      targetId: comment.id,
      consultationId: thread.consultationId,
      details: { threadId: thread.id, from: comment.body, to: body },
    });
  });
  announce(events, thread.consultationId, thread.id);
}

/**
 * Deletes a comment (one's own, or any as moderator): the thread shows "Kommentar gelöscht" in
 * its place, and only the audit log keeps what it said.
 */
export async function deleteComment(
  { db, events }: Services,
  user: User,
  input: { commentId: string; ip?: string },
  now = new Date(),
): Promise<void> {
  const { comment, thread, access } = await ownComment(db, user, input.commentId);
  if (comment.authorId === user.id) requirePermission(access, "comment.reply");
  else requirePermission(access, "comment.moderate");
  if (comment.deletedAt) return;
  await db.transaction(async (tx) => {
    await tx.update(comments).set({ body: "", deletedAt: now }).where(eq(comments.id, comment.id));
    await audit(tx, acting(user, access, input.ip), {
      action: "comment.deleted",
      targetType: "comment",
      targetId: comment.id,
      consultationId: thread.consultationId,
      details: { threadId: thread.id, body: comment.body },
    });
  });
  announce(events, thread.consultationId, thread.id);
}

/** Who may resolve or reopen a comment thread: its author, the section's editors, moderators. */
function mayResolve(access: SectionAccess, userId: string, authorId: string | null): boolean {
  return (
    access.can("comment.moderate") ||
    access.can("section.edit") ||
    (authorId === userId && access.can("comment.reply"))
  );
}

/** Resolves or reopens a comment thread; audited, announced. */
export async function setThreadResolved(
  { db, events }: Services,
  user: User,
  input: { threadId: string; resolved: boolean; ip?: string },
  now = new Date(),
): Promise<void> {
  const { thread, access } = await threadInSection(db, user, input.threadId);
  if (!mayResolve(access, user.id, thread.authorId)) {
    requirePermission(access, "comment.moderate");
  }
  if (thread.kind !== "comment") throw new DomainError("conflict", "comments.error.notComment");
  const from: ThreadStatus = input.resolved ? "open" : "resolved";
  const to: ThreadStatus = input.resolved ? "resolved" : "open";
  if (thread.status === to) return;
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(commentThreads)
      .set({
        status: to,
        decidedBy: input.resolved ? user.id : null,
        decidedAt: input.resolved ? now : null,
        updatedAt: now,
      })
      .where(and(eq(commentThreads.id, thread.id), eq(commentThreads.status, from)))
      .returning({ id: commentThreads.id });
    if (updated.length === 0) throw new DomainError("conflict", "comments.error.changed");
    await audit(tx, acting(user, access, input.ip), {
      action: input.resolved ? "comment_thread.resolved" : "comment_thread.reopened",
      targetType: "comment_thread",
      targetId: thread.id,
      consultationId: thread.consultationId,
    });
  });
  announce(events, thread.consultationId, thread.id);
}

/** Result of a decision on a suggestion that did not go through. */
export type DecisionResult =
  | { ok: true }
  | { ok: false; reason: "changed"; current: string }
  | { ok: false; reason: "orphaned" | "multiple_nodes" };

/**
 * Accepts a suggestion — its wording replaces the passage in the section's document as an edit
 * attributed to the deciding user — or rejects it with a reason. Refuses to overwrite a passage
 * that changed since the suggestion was made unless `force` is set after the user saw it.
 */
export async function decideSuggestion(
  { db, events, collab }: Services,
  user: User,
  input: {
    threadId: string;
    decision: string;
    reason?: string;
    force?: boolean;
    ip?: string;
  },
  now = new Date(),
): Promise<DecisionResult> {
  const { thread, access } = await threadInSection(db, user, input.threadId);
  requirePermission(access, "suggestion.decide");
  if (thread.kind !== "suggestion")
    throw new DomainError("conflict", "comments.error.notSuggestion");
  if (thread.status !== "open") throw new DomainError("conflict", "comments.error.changed");
  if (input.decision !== "accept" && input.decision !== "reject") {
    throw invalid({ decision: "form.invalid" });
  }
  const accept = input.decision === "accept";
  const reason = normalise(input.reason ?? "");
  if (!accept) {
    const error = textError(reason);
    if (error) throw invalid({ reason: error });
  } else if (reason.length > MAX_COMMENT_LENGTH) {
    throw invalid({ reason: "comments.error.tooLong" });
  }
  if (accept) {
    const applied: ReplaceResult = await collab.editDocument(thread.sectionId, user.id, (doc) =>
      replacePassage(
        doc,
        { start: thread.anchorStart, end: thread.anchorEnd },
        thread.quote,
        thread.proposedText ?? "",
        input.force === true,
      ),
    );
    if (!applied.ok) return applied;
  }
  const status: ThreadStatus = accept ? "accepted" : "rejected";
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(commentThreads)
      .set({
        status,
        decisionReason: reason || null,
        decidedBy: user.id,
        decidedAt: now,
        updatedAt: now,
      })
      .where(and(eq(commentThreads.id, thread.id), eq(commentThreads.status, "open")))
      .returning({ id: commentThreads.id });
    if (updated.length === 0) throw new DomainError("conflict", "comments.error.changed");
    const others = await participants(tx, thread.id, thread.authorId);
    await notify(
      tx,
      thread.id,
      user.id,
      others.map((userId) => ({
        userId,
        kind: accept ? ("suggestion_accepted" as const) : ("suggestion_rejected" as const),
      })),
    );
    await audit(tx, acting(user, access, input.ip), {
      action: accept ? "suggestion.accepted" : "suggestion.rejected",
      targetType: "comment_thread",
      targetId: thread.id,
      consultationId: thread.consultationId,
      details: {
        quote: thread.quote,
        proposedText: thread.proposedText,
        reason: reason || undefined,
        forced: input.force === true || undefined,
      },
    });
  });
  announce(events, thread.consultationId, thread.id);
  return { ok: true };
}

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

/** The user's unread notifications count (the bell). */
export async function unreadNotificationCount({ db }: Services, user: Pick<User, "id">) {
  const [row] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
  return row?.unread ?? 0;
}

/** The user's latest notifications with links to their threads. */
export async function listNotifications({ db }: Services, user: Pick<User, "id">) {
  return (
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        threadId: notifications.threadId,
        consultationId: commentThreads.consultationId,
        sectionId: commentThreads.sectionId,
        section: sections.title,
        quote: commentThreads.quote,
        actor: users.name,
      })
      .from(notifications)
      .innerJoin(commentThreads, eq(commentThreads.id, notifications.threadId))
      .innerJoin(sections, eq(sections.id, commentThreads.sectionId))
      // Only threads of consultations the user still belongs to: nothing leaks after removal.
      .innerJoin(
        consultationMembers,
        and(
          eq(consultationMembers.consultationId, commentThreads.consultationId),
          eq(consultationMembers.userId, user.id),
        ),
      )
      .innerJoin(memberships, currentOrganisationMembership)
      .leftJoin(users, eq(users.id, notifications.actorId))
      .where(eq(notifications.userId, user.id))
      .orderBy(desc(notifications.createdAt))
      .limit(100)
  );
}

/** Marks the user's notifications (all, or the given ones) as read. */
export async function markNotificationsRead(
  { db }: Services,
  user: Pick<User, "id">,
  ids: string[] | "all",
  now = new Date(),
): Promise<void> {
  if (ids !== "all" && (ids.length === 0 || !ids.every(isUuid))) return;
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, user.id),
        isNull(notifications.readAt),
        ids === "all" ? undefined : inArray(notifications.id, ids),
      ),
    );
}

export { threadStatuses, threadKinds };
