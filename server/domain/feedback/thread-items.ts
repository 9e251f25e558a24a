import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { commentThreads, comments, organisations, sections, users } from "#db/schema/index.ts";
import { type FeedbackKind } from "#common/vocabularies.ts";
import { itemKey, type FeedbackItem } from "./feedback-item.ts";

/**
 * EXTENSION POINT for comment threads and suggestions (db/schema/comments.ts): every thread of
 * the consultation is one item, its opening comment the content; suggestions add their wording.
 */
export async function threadItems(db: Database, consultationId: string): Promise<FeedbackItem[]> {
  const threads = await db
    .select({
      id: commentThreads.id,
      kind: commentThreads.kind,
      sectionId: commentThreads.sectionId,
      sectionTitle: sections.title,
      quote: commentThreads.quote,
      proposedText: commentThreads.proposedText,
      organisationId: commentThreads.organisationId,
      organisation: organisations.name,
      author: users.name,
      createdAt: commentThreads.createdAt,
    })
    .from(commentThreads)
    .innerJoin(sections, eq(sections.id, commentThreads.sectionId))
    .leftJoin(organisations, eq(organisations.id, commentThreads.organisationId))
    .leftJoin(users, eq(users.id, commentThreads.authorId))
    .where(eq(commentThreads.consultationId, consultationId))
    .orderBy(asc(commentThreads.createdAt));
  if (threads.length === 0) return [];
  const firstComments = await db
    .select({ threadId: comments.threadId, body: comments.body })
    .from(comments)
    .where(
      and(
        inArray(
          comments.threadId,
          threads.map((t) => t.id),
        ),
        isNull(comments.deletedAt),
      ),
    )
    .orderBy(asc(comments.createdAt));
  const opening = new Map<string, string>();
  for (const c of firstComments) if (!opening.has(c.threadId)) opening.set(c.threadId, c.body);
  return threads.map((t) => {
    const kind: FeedbackKind = t.kind === "suggestion" ? "suggestion" : "thread";
    const body = opening.get(t.id) ?? "";
    const content =
      kind === "suggestion"
        ? [`„${t.quote}“ → „${t.proposedText ?? ""}“`, body].filter(Boolean).join("\n\n")
        : [`„${t.quote}“`, body].filter(Boolean).join("\n\n");
    return {
      kind,
      sourceId: t.id,
      key: itemKey(kind, t.id),
      title: t.sectionTitle,
      content,
      organisationId: t.organisationId,
      organisation: t.organisation ?? "",
      author: t.author,
      sectionIds: [t.sectionId],
      measureIds: [],
      createdAt: t.createdAt,
      href: `/c/${consultationId}/s/${t.sectionId}`,
    };
  });
}
