import { eq, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { sections, sectionSearchBlocks, sectionSearchStates } from "#db/schema/index.ts";
import { cleanText } from "#common/text.ts";
import { blocksToText, type Block } from "#server/docs/content.ts";
import type { Services } from "#server/services.ts";
import { sectionBlocks } from "../section-view.ts";

/**
 * The search text of sections (ADR 016): one row of plain text per top-level block of each
 * section's document, kept in `section_search_blocks` and refreshed lazily. A search first
 * compares each section's stored-document marker (`DocStorage.states`, one query for all
 * sections) with the marker its text was taken from, and re-reads the text only of sections that
 * changed since. Nothing is added to the editing path: typing, group commit and compaction never
 * touch these tables.
 */

/**
 * Longest text kept for one block: a tsvector holds at most 1 MB, and a snippet needs no more.
 * Words further into a larger block are not found.
 */
export const MAX_BLOCK_TEXT = 100_000;

/** Rows written per insert statement. */
const CHUNK = 500;

/** The searchable plain text of each top-level block, by block number ("" for empty ones). */
export function blockTexts(blocks: Block[]): string[] {
  return blocks.map((block) => {
    const text = cleanText(blocksToText([block]));
    if (text.length <= MAX_BLOCK_TEXT) return text;
    // Never cut a surrogate pair in two.
    const end = /[\uD800-\uDBFF]/.test(text[MAX_BLOCK_TEXT - 1]!)
      ? MAX_BLOCK_TEXT - 1
      : MAX_BLOCK_TEXT;
    return text.slice(0, end);
  });
}

/** Replaces a section's search text with `texts`, marked as taken from `state`. */
async function storeSectionText(db: Database, sectionId: string, state: string, texts: string[]) {
  const rows = texts
    .map((text, block) => ({ sectionId, block, text }))
    .filter((row) => row.text !== "");
  await db.transaction(async (tx) => {
    // Two searches refreshing one section one after the other, never interleaved.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"search:" + sectionId}))`);
    await tx.delete(sectionSearchBlocks).where(eq(sectionSearchBlocks.sectionId, sectionId));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx.insert(sectionSearchBlocks).values(rows.slice(i, i + CHUNK));
    }
    await tx
      .insert(sectionSearchStates)
      .values({ sectionId, state })
      .onConflictDoUpdate({
        target: sectionSearchStates.sectionId,
        set: { state, indexedAt: new Date() },
      });
  });
}

/**
 * Brings the search text of a consultation's sections up to date with their stored documents;
 * returns how many sections were read again. The marker is read before the text: the text is
 * never older than its marker, so a section changed meanwhile is read again by the next search.
 * A section loaded in a collab room is read from the room (at least as new as what is stored).
 */
export async function refreshSectionTexts(
  services: Pick<Services, "db" | "docs" | "collab">,
  consultationId: string,
): Promise<number> {
  const { db } = services;
  const rows = await db
    .select({ id: sections.id, indexed: sectionSearchStates.state })
    .from(sections)
    .leftJoin(sectionSearchStates, eq(sectionSearchStates.sectionId, sections.id))
    .where(eq(sections.consultationId, consultationId));
  if (rows.length === 0) return 0;
  const states = await services.docs.states(rows.map((r) => r.id));
  let refreshed = 0;
  for (const row of rows) {
    const state = states.get(row.id);
    if (state === undefined || state === row.indexed) continue;
    const blocks = await sectionBlocks(services, row.id, state);
    await storeSectionText(db, row.id, state, blockTexts(blocks));
    refreshed++;
  }
  return refreshed;
}
