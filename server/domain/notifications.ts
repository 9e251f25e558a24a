import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  commentThreads,
  comments,
  consultationMembers,
  memberships,
  notifications,
  sections,
  users,
} from "#db/schema/index.ts";
import { type NotificationKind } from "#common/vocabularies.ts";
import type { Services } from "#server/services.ts";
import { currentOrganisationMembership, isUuid } from "./access.ts";
import type { User } from "./user.ts";

/**
 * Notifications of thread activity (mentions, replies, decisions on suggestions): written in the
 * same transaction as what they report, read by the bell and the notifications page.
 */

export type Executor = Pick<Database, "insert" | "select" | "selectDistinct">;

/** Notifies each user once, never the acting user. */
export async function notify(
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

/** Everyone who wrote in the thread, and its author. */
export async function participants(tx: Executor, threadId: string, authorId: string | null) {
  const rows = await tx
    .selectDistinct({ userId: comments.authorId })
    .from(comments)
    .where(eq(comments.threadId, threadId));
  const ids = new Set(rows.map((r) => r.userId).filter((id): id is string => id !== null));
  if (authorId) ids.add(authorId);
  return [...ids];
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
