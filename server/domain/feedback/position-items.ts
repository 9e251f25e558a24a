import type { Database } from "#db/client.ts";
import { latestReleasedRevisions } from "../read-models/released-positions.ts";
import { itemKey, type FeedbackItem } from "./feedback-item.ts";

/** Each organisation's position on a measure counts once, with its latest released revision. */
export async function positionItems(db: Database, consultationId: string): Promise<FeedbackItem[]> {
  const rows = await latestReleasedRevisions(db, { consultationId });
  return rows.map((row) => ({
    kind: "position",
    sourceId: row.positionId,
    key: itemKey("position", row.positionId),
    title: `${row.measureCode} ${row.measureTitle}`,
    content: [row.reasoning, row.conditions].filter(Boolean).join("\n\n"),
    organisationId: row.organisationId,
    organisation: row.organisation,
    author: row.author,
    sectionIds: [],
    measureIds: [row.measureId],
    createdAt: row.releasedAt,
    href: `/c/${consultationId}/measures/${row.measureId}`,
  }));
}
