import { and, eq } from "drizzle-orm";
import { commentThreads } from "#db/schema/index.ts";
import { type ThreadStatus } from "#common/vocabularies.ts";
import { acting, audit } from "#server/audit.ts";
import type { Services } from "#server/services.ts";
import { requirePermission } from "./access.ts";
import { replacePassage, type ReplaceResult } from "#common/anchors.ts";
import { DomainError, invalid } from "./errors.ts";
import { notify, participants } from "./notifications.ts";
import { announce, MAX_COMMENT_LENGTH, normalise, textError, threadInSection } from "./threads.ts";
import type { User } from "./user.ts";

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
