import { and, eq } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  commentThreads,
  comments,
  consultationMembers,
  memberships,
  organisations,
  users,
} from "#db/schema/index.ts";
import { threadKinds, type ThreadKind, type ThreadStatus } from "#common/vocabularies.ts";
import { acting, audit } from "#server/audit.ts";
import type { EventBus } from "#server/events.ts";
import type { Services } from "#server/services.ts";
import {
  currentOrganisationMembership,
  isUuid,
  requirePermission,
  sectionAccess,
  type SectionAccess,
} from "./access.ts";
import { decodeAnchor } from "#common/anchors.ts";
import { DomainError, forbidden, invalid, notFound } from "./errors.ts";
import { notify, participants } from "./notifications.ts";
import { cleanText } from "#common/text.ts";
import type { User } from "./user.ts";
import { isOneOf } from "./values.ts";
import { withoutXmlForbidden } from "#common/xml-chars.ts";

/**
 * Comment threads on a section's passages: opening one (a comment or a suggestion), replying,
 * editing and deleting comments, resolving. Deciding suggestions is in suggestions.ts, reading
 * threads in thread-views.ts, notifications in notifications.ts.
 */

/** Longest comment, proposed wording or quoted passage accepted (characters). */
export const MAX_COMMENT_LENGTH = 10_000;

export function normalise(value: string): string {
  return cleanText(value.replace(/\r\n/g, "\n"));
}

/** Field error key for a required text of at most MAX_COMMENT_LENGTH characters, or null. */
export function textError(value: string): string | null {
  if (!value) return "form.required";
  if (value.length > MAX_COMMENT_LENGTH) return "comments.error.tooLong";
  return null;
}

export async function threadInSection(db: Database, user: User, threadId: string) {
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

/** Tells open pages of the consultation that a thread changed. */
export function announce(events: EventBus, consultationId: string, threadId: string) {
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
export function mayResolve(
  access: SectionAccess,
  userId: string,
  authorId: string | null,
): boolean {
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
