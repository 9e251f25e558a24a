import type { Database } from "#db/client.ts";
import { loadRequirementRows } from "../requirements.ts";
import { itemKey, type FeedbackItem } from "./feedback-item.ts";

/** Every requirement of the consultation is one item, its description the content. */
export async function requirementItems(
  db: Database,
  consultationId: string,
): Promise<FeedbackItem[]> {
  const rows = await loadRequirementRows(db, consultationId);
  return rows.map((r) => ({
    kind: "requirement",
    sourceId: r.id,
    key: itemKey("requirement", r.id),
    title: r.title,
    content: r.description,
    organisationId: r.organisationId,
    organisation: r.organisation,
    author: r.author,
    sectionIds: r.sections.map((s) => s.id),
    measureIds: r.measures.map((m) => m.id),
    createdAt: r.createdAt,
    href: `/c/${consultationId}/requirements`,
  }));
}
