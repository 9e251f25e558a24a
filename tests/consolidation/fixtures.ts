import { eq } from "drizzle-orm";
import { commentThreads, comments, organisations, sections } from "#db/schema/index.ts";
import type { SeededDemo } from "#tests/measures/fixtures.ts";

/** Adds one comment thread and one suggestion to the demo's first section, written as the contributor. */
export async function addThreads(demo: SeededDemo) {
  const [section] = await demo.db
    .select({ id: sections.id })
    .from(sections)
    .where(eq(sections.consultationId, demo.consultationId))
    .orderBy(sections.position)
    .limit(1);
  const [org] = await demo.db.select({ id: organisations.id }).from(organisations).limit(1);
  const contributor = demo.user("contributor");
  const base = {
    consultationId: demo.consultationId,
    sectionId: section!.id,
    anchorStart: "AA==",
    anchorEnd: "AA==",
    authorId: contributor.id,
    organisationId: org!.id,
  };
  const [thread] = await demo.db
    .insert(commentThreads)
    .values({ ...base, kind: "comment", quote: "Souveränität" })
    .returning({ id: commentThreads.id });
  const [suggestion] = await demo.db
    .insert(commentThreads)
    .values({ ...base, kind: "suggestion", quote: "alt", proposedText: "neu und größer" })
    .returning({ id: commentThreads.id });
  await demo.db.insert(comments).values([
    { threadId: thread!.id, authorId: contributor.id, body: "Bitte präzisieren: Müllabfuhr?" },
    { threadId: suggestion!.id, authorId: contributor.id, body: "Klarer formuliert." },
  ]);
  return { threadId: thread!.id, suggestionId: suggestion!.id, sectionId: section!.id };
}
