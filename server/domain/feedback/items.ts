import type { Database } from "#db/client.ts";
import type { FeedbackKind } from "#common/vocabularies.ts";
import type { FeedbackItem } from "./feedback-item.ts";
import { positionItems } from "./position-items.ts";
import { requirementItems } from "./requirement-items.ts";
import { threadItems } from "./thread-items.ts";

/**
 * The feedback items of a consultation from all their sources (threads and suggestions,
 * requirements, released positions), one module per source.
 */

const KIND_ORDER: Record<FeedbackKind, number> = {
  thread: 0,
  suggestion: 1,
  requirement: 2,
  position: 3,
};

/** Every feedback item of a consultation, each exactly once, in a stable order. */
export async function loadFeedbackItems(
  db: Database,
  consultationId: string,
): Promise<FeedbackItem[]> {
  const groups = await Promise.all([
    threadItems(db, consultationId),
    requirementItems(db, consultationId),
    positionItems(db, consultationId),
  ]);
  return groups
    .flat()
    .sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.sourceId.localeCompare(b.sourceId),
    );
}
