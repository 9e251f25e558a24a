import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { measures, organisations, positionRevisions, positions, users } from "#db/schema/index.ts";
import { itemKey, type FeedbackItem } from "./feedback-item.ts";

/** Each organisation's position on a measure counts once, with its latest released revision. */
export async function positionItems(db: Database, consultationId: string): Promise<FeedbackItem[]> {
  const rows = await db
    .select({
      positionId: positions.id,
      measureId: measures.id,
      code: measures.code,
      measureTitle: measures.title,
      organisationId: positions.organisationId,
      organisation: organisations.name,
      stance: positionRevisions.stance,
      reasoning: positionRevisions.reasoning,
      conditions: positionRevisions.conditions,
      author: users.name,
      releasedAt: positionRevisions.releasedAt,
    })
    .from(positionRevisions)
    .innerJoin(positions, eq(positions.id, positionRevisions.positionId))
    .innerJoin(measures, eq(measures.id, positions.measureId))
    .innerJoin(organisations, eq(organisations.id, positions.organisationId))
    .leftJoin(users, eq(users.id, positionRevisions.authorId))
    .where(
      and(eq(measures.consultationId, consultationId), isNotNull(positionRevisions.releasedAt)),
    )
    .orderBy(desc(positionRevisions.id));
  const seen = new Set<string>();
  const items: FeedbackItem[] = [];
  for (const row of rows) {
    if (seen.has(row.positionId)) continue;
    seen.add(row.positionId);
    items.push({
      kind: "position",
      sourceId: row.positionId,
      key: itemKey("position", row.positionId),
      title: `${row.code} ${row.measureTitle}`,
      content: [row.reasoning, row.conditions].filter(Boolean).join("\n\n"),
      organisationId: row.organisationId,
      organisation: row.organisation,
      author: row.author,
      sectionIds: [],
      measureIds: [row.measureId],
      createdAt: row.releasedAt!,
      href: `/c/${consultationId}/measures/${row.measureId}`,
    });
  }
  return items;
}
