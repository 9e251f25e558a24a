import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DatabaseHandle } from "#db/client.ts";
import { comments, commentThreads, measures, requirements, sections } from "#db/schema/index.ts";
import { FRAGMENT } from "#server/docs/content.ts";
import { recordPosition } from "#server/domain/positions/commands.ts";
import { searchConsultation, type SearchResult } from "#server/domain/search/search.ts";
import { refreshSectionTexts } from "#server/domain/search/section-text.ts";
import { snippetRuns } from "#server/domain/search/snippets.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { expectDomainError } from "#tests/helpers/domain-error.ts";
import { createConsultationFixture } from "#tests/helpers/fixtures.ts";
import { testServices } from "#testkit/services.ts";

let database: DatabaseHandle;
let own: Awaited<ReturnType<typeof setup>>;
let other: Awaited<ReturnType<typeof setup>>;

const services = () => testServices(database.db);

/** A consultation with text, a thread, a requirement and a measure, all saying `word`. */
async function setup(word: string) {
  const f = await createConsultationFixture(database.db);
  const { db } = database;
  await db
    .update(sections)
    .set({
      title: "Bildung und Digitalisierung",
      initialContent: `## Ziele\n\nDie Schulen der Stadt erhalten ${word} bis 2028.\n\nEin zweiter Absatz ohne Treffer.`,
    })
    .where(eq(sections.id, f.section.id));
  const [thread] = await db
    .insert(commentThreads)
    .values({
      consultationId: f.consultation.id,
      sectionId: f.section.id,
      kind: "suggestion",
      anchorStart: "AA==",
      anchorEnd: "AA==",
      quote: "Schulen",
      proposedText: `Alle Grundschulen bekommen ${word}`,
      authorId: f.members.contributor.id,
      organisationId: f.members.contributor.organisationId,
    })
    .returning();
  await db.insert(comments).values({
    threadId: thread!.id,
    authorId: f.members.contributor.id,
    organisationId: f.members.contributor.organisationId,
    body: `Wir fordern bessere Anbindungen für ${word}.`,
  });
  await db.insert(requirements).values({
    consultationId: f.consultation.id,
    organisationId: f.members.contributor.organisationId,
    authorId: f.members.contributor.id,
    title: `Schulnetz mit ${word}`,
    description: "Jede Schule braucht einen Glasfaseranschluss.",
    category: "other",
    priority: "must",
  });
  const [measure] = await db
    .insert(measures)
    .values({
      consultationId: f.consultation.id,
      code: "M-01",
      title: `Ausbau ${word}`,
      description: "Die Schulen werden an das Rechenzentrum angebunden.",
      startYear: 2027,
      startQuarter: 1,
      endYear: 2027,
      endQuarter: 4,
    })
    .returning();
  return { ...f, thread: thread!, measure: measure! };
}

beforeAll(async () => {
  database = await createTestDatabase();
  own = await setup("Glasfaserleitungen");
  other = await setup("Geheimprojekt");
});

afterAll(async () => {
  await database?.close();
});

function done(result: SearchResult) {
  if (result.state !== "done") throw new Error(`expected results, got ${result.state}`);
  return result;
}

const text = (runs: { text: string }[]) => runs.map((r) => r.text).join("");
const hits = (runs: { text: string; hit: boolean }[]) =>
  runs.filter((r) => r.hit).map((r) => r.text);

describe("search: German stemming, ranking and snippets", () => {
  it("finds every kind by a word's other forms („Schule“ finds „Schulen“)", async () => {
    const result = done(
      await searchConsultation(services(), own.members.observer, own.consultation.id, "Schule"),
    );
    expect(result.sections.hits).toHaveLength(1);
    const [sectionHit] = result.sections.hits;
    expect(sectionHit!.sectionId).toBe(own.section.id);
    // Block 0 is the heading „Ziele“, block 1 the paragraph.
    expect(sectionHit!.block).toBe(1);
    expect(hits(sectionHit!.snippet)).toEqual(["Schulen"]);
    expect(text(sectionHit!.snippet)).toContain("Glasfaserleitungen");
    expect(result.requirements.hits.map((h) => hits(h.snippet))).toEqual([["Schule"]]);
    expect(result.measures.hits.map((h) => hits(h.snippet))).toEqual([["Schulen"]]);
    expect(result.comments.total).toBe(0);
    expect(result.total).toBe(3);
  });

  it("finds comments and suggested wording, and section titles", async () => {
    const byComment = done(
      await searchConsultation(services(), own.members.editor, own.consultation.id, "Anbindung"),
    );
    expect(byComment.comments.hits).toEqual([
      expect.objectContaining({
        threadId: own.thread.id,
        proposal: false,
        threadKind: "suggestion",
      }),
    ]);
    expect(hits(byComment.comments.hits[0]!.snippet)).toEqual(["Anbindungen"]);
    expect(byComment.measures.total).toBe(0);

    const byProposal = done(
      await searchConsultation(services(), own.members.editor, own.consultation.id, "Grundschulen"),
    );
    expect(byProposal.comments.hits).toEqual([
      expect.objectContaining({ threadId: own.thread.id, proposal: true }),
    ]);

    const byTitle = done(
      await searchConsultation(services(), own.members.editor, own.consultation.id, "Bildung"),
    );
    expect(byTitle.sections.hits).toEqual([
      expect.objectContaining({ sectionId: own.section.id, block: null }),
    ]);
    expect(hits(byTitle.sections.hits[0]!.title)).toEqual(["Bildung"]);
  });

  it("ranks a requirement whose title holds the word above one whose description does", async () => {
    await database.db.insert(requirements).values({
      consultationId: own.consultation.id,
      organisationId: own.members.editor.organisationId,
      title: "Offene Standards",
      description: "Auch für Glasfaserleitungen gelten offene Standards.",
      category: "other",
      priority: "may",
    });
    const result = done(
      await searchConsultation(
        services(),
        own.members.editor,
        own.consultation.id,
        "Glasfaserleitung",
      ),
    );
    expect(result.requirements.hits.map((h) => text(h.title))).toEqual([
      "Schulnetz mit Glasfaserleitungen",
      "Offene Standards",
    ]);
  });

  it("reads a section's text again once its document changed, and only then", async () => {
    const first = await refreshSectionTexts(services(), own.consultation.id);
    expect(first).toBe(0);
    await services().collab.editDocument(own.section.id, own.members.editor.id, (doc: Y.Doc) => {
      const fragment = doc.getXmlFragment(FRAGMENT);
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("Neu: Breitbandförderungen für Kitas.")]);
      fragment.insert(fragment.length, [paragraph]);
    });
    const result = done(
      await searchConsultation(
        services(),
        own.members.editor,
        own.consultation.id,
        "Breitbandförderung",
      ),
    );
    expect(result.sections.hits).toEqual([
      expect.objectContaining({ sectionId: own.section.id, block: 3 }),
    ]);
    expect(await refreshSectionTexts(services(), own.consultation.id)).toBe(0);
  });

  it("takes any input safely and answers empty, stop-word and over-long queries", async () => {
    const search = (q: string) =>
      searchConsultation(services(), own.members.editor, own.consultation.id, q);
    expect((await search("")).state).toBe("empty");
    expect((await search("und die")).state).toBe("no_terms");
    expect(await search("x".repeat(201))).toMatchObject({ state: "too_long", max: 200 });
    for (const q of ["'); drop table sections; --", '"Schulen', "-", "or", "a & | ! :*", "\\"]) {
      expect(["done", "no_terms"]).toContain((await search(q)).state);
    }
    expect(done(await search('"Schulen der Stadt" -Breitbandförderung')).sections.total).toBe(1);
  });
});

describe("search: visibility", () => {
  it("never shows another consultation's items, and refuses non-members", async () => {
    const result = done(
      await searchConsultation(
        services(),
        own.members.contributor,
        own.consultation.id,
        "Geheimprojekt",
      ),
    );
    expect(result.total).toBe(0);
    // The same words are found by members of the other consultation.
    const there = done(
      await searchConsultation(
        services(),
        other.members.contributor,
        other.consultation.id,
        "Geheimprojekt",
      ),
    );
    expect(there.total).toBe(5);
    await expectDomainError(
      searchConsultation(
        services(),
        own.members.contributor,
        other.consultation.id,
        "Geheimprojekt",
      ),
      "not_found",
      "not_found",
    );
    await expectDomainError(
      searchConsultation(services(), own.outsider, own.consultation.id, "Schule"),
      "not_found",
      "not_found",
    );
  });

  it("never shows a deleted comment", async () => {
    await database.db.insert(comments).values({
      threadId: own.thread.id,
      authorId: own.members.moderator.id,
      body: "Vertrauliche Haushaltszahlen",
      deletedAt: new Date(),
    });
    const result = done(
      await searchConsultation(
        services(),
        own.members.moderator,
        own.consultation.id,
        "Haushaltszahl",
      ),
    );
    expect(result.total).toBe(0);
  });

  it("never shows another organisation's draft position", async () => {
    await recordPosition(services(), own.members.editor, {
      consultationId: own.consultation.id,
      measureId: own.measure.id,
      stance: "reject",
      reasoning: "Entwurfsbegründung Zwergpinscher",
      conditions: "",
      costImpact: "",
      release: false,
    });
    for (const member of [own.members.contributor, own.members.moderator]) {
      const result = done(
        await searchConsultation(services(), member, own.consultation.id, "Zwergpinscher"),
      );
      expect(result.total).toBe(0);
    }
  });
});

describe("search: snippets", () => {
  it("splits marked headlines into plain runs and drops stray markers", () => {
    expect(snippetRuns("a \u0002b\u0003 c")).toEqual([
      { text: "a ", hit: false },
      { text: "b", hit: true },
      { text: " c", hit: false },
    ]);
    expect(snippetRuns("\u0003x\u0002\u0003<b>")).toEqual([{ text: "x<b>", hit: false }]);
  });
});
