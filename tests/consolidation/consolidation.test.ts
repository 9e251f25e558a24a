import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consultations,
  dispositionItems,
  dispositions,
  positionRevisions,
  positions,
  requirements,
  measures,
} from "#db/schema/index.ts";
import { dispositionState } from "#common/dispositions.ts";
import { changePhase } from "#server/domain/consultations.ts";
import {
  consolidationPage,
  missingDispositions,
  loadQueue,
  ownDispositionsPage,
  parseQueueQuery,
  publishDispositions,
  setDisposition,
} from "#server/domain/consolidation.ts";
import { outcome, seededDemo, type SeededDemo } from "#tests/measures/fixtures.ts";
import { addThreads } from "./fixtures.ts";
import { expectDomainError } from "#tests/helpers/domain-error.ts";
import { testServices } from "#testkit/services.ts";

let demo: SeededDemo;
let threads: Awaited<ReturnType<typeof addThreads>>;

beforeAll(async () => {
  demo = await seededDemo();
  threads = await addThreads(demo);
});
afterAll(async () => {
  await demo.handle.close();
});

const noFilter = parseQueueQuery(new URLSearchParams());

describe("consolidation queue", () => {
  it("lists every feedback item of the seeded consultation exactly once", async () => {
    const queue = await loadQueue(demo.db, demo.consultationId);
    const keys = queue.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);

    const requirementRows = await demo.db
      .select({ id: requirements.id })
      .from(requirements)
      .where(eq(requirements.consultationId, demo.consultationId));
    const releasedPositions = await demo.db
      .selectDistinct({ id: positions.id })
      .from(positionRevisions)
      .innerJoin(positions, eq(positions.id, positionRevisions.positionId))
      .innerJoin(measures, eq(measures.id, positions.measureId))
      .where(eq(measures.consultationId, demo.consultationId));
    const released = [];
    for (const p of releasedPositions) {
      const revs = await demo.db
        .select({ releasedAt: positionRevisions.releasedAt })
        .from(positionRevisions)
        .where(eq(positionRevisions.positionId, p.id));
      if (revs.some((r) => r.releasedAt)) released.push(p.id);
    }
    const expected = [
      `thread:${threads.threadId}`,
      `suggestion:${threads.suggestionId}`,
      ...requirementRows.map((r) => `requirement:${r.id}`),
      ...released.map((id) => `position:${id}`),
    ].sort();
    expect(requirementRows.length).toBeGreaterThan(0);
    expect(released.length).toBeGreaterThan(0);
    expect([...keys].sort()).toEqual(expected);
  });

  it("filters by kind and section through URL parameters", async () => {
    const page = await consolidationPage(
      testServices(demo.db),
      demo.user("moderator"),
      demo.consultationId,
      parseQueueQuery(new URLSearchParams({ kind: "suggestion" })),
    );
    expect(page.items.map((i) => i.sourceId)).toEqual([threads.suggestionId]);
    const bySection = await consolidationPage(
      testServices(demo.db),
      demo.user("moderator"),
      demo.consultationId,
      parseQueueQuery(new URLSearchParams({ section: threads.sectionId, kind: "thread" })),
    );
    expect(bySection.items).toHaveLength(1);
  });

  it("issue 12 item 3: counts progress, requires a justification, groups items and publishes only justified ones", async () => {
    const moderator = demo.user("moderator");
    const before = await consolidationPage(
      testServices(demo.db),
      moderator,
      demo.consultationId,
      noFilter,
    );
    expect(before.progress).toEqual({ done: 0, total: before.items.length });

    const [first, second, third] = before.items;
    await setDisposition(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      items: [first!.key, second!.key],
      category: "partly_accepted",
      justification: "Teilweise übernommen, siehe Abschnitt.",
      links: [`section:${threads.sectionId}`, `suggestion:${threads.suggestionId}`],
    });
    // issue 12 item 3: a disposition without Begründung is refused at save time …
    const refused = await expectDomainError(
      setDisposition(testServices(demo.db), moderator, {
        consultationId: demo.consultationId,
        items: [third!.key],
        category: "noted",
        justification: "   ",
        links: [],
      }),
      "invalid",
      "invalid",
    );
    expect(refused.fieldErrors).toEqual({ justification: "form.required" });
    // … and one stored before that rule (no justification) keeps its item open.
    const [legacy] = await demo.db
      .insert(dispositions)
      .values({
        consultationId: demo.consultationId,
        category: "noted",
        justification: "",
        links: [],
        authorId: moderator.id,
      })
      .returning({ id: dispositions.id });
    await demo.db
      .insert(dispositionItems)
      .values({ kind: third!.kind, sourceId: third!.sourceId, dispositionId: legacy!.id });
    const after = await consolidationPage(
      testServices(demo.db),
      moderator,
      demo.consultationId,
      noFilter,
    );
    expect(after.progress).toEqual({ done: 2, total: before.items.length });
    expect(dispositionState(after.items.find((i) => i.key === third!.key)!)).toBe("open");
    expect(after.unjustified).toEqual([
      { key: third!.key, title: third!.title, kind: third!.kind },
    ]);
    const grouped = after.items.find((i) => i.key === first!.key)!.disposition!;
    expect(grouped.itemKeys.sort()).toEqual([first!.key, second!.key].sort());
    expect(grouped.links.map((l) => l.type)).toEqual(["section", "suggestion"]);

    expect(
      await outcome(
        publishDispositions(testServices(demo.db), moderator, {
          consultationId: demo.consultationId,
        }),
      ),
    ).toBe("invalid:invalid");
    expect(await missingDispositions(testServices(demo.db), demo.consultationId)).toContainEqual(
      expect.objectContaining({ key: third!.key }),
    );
    const stillDraft = await loadQueue(demo.db, demo.consultationId);
    expect(stillDraft.every((i) => !i.disposition?.publishedAt)).toBe(true);

    await setDisposition(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      items: [third!.key],
      category: "noted",
      justification: "Zur Kenntnis genommen.",
      links: [],
    });
    expect(
      await publishDispositions(testServices(demo.db), moderator, {
        consultationId: demo.consultationId,
      }),
    ).toEqual({
      published: 2,
    });
    const published = await loadQueue(demo.db, demo.consultationId);
    expect(published.filter((i) => i.disposition?.publishedAt)).toHaveLength(3);
  });

  it("refuses unknown items, categories and links with field errors", async () => {
    const moderator = demo.user("moderator");
    const result = await outcome(
      setDisposition(testServices(demo.db), moderator, {
        consultationId: demo.consultationId,
        items: ["requirement:00000000-0000-4000-8000-000000000000"],
        category: "maybe",
        justification: "",
        links: ["measure:nope"],
      }),
    );
    expect(result).toBe("invalid:invalid");
  });

  it("shows organisations only the published dispositions of their own items", async () => {
    const queue = await loadQueue(demo.db, demo.consultationId);
    const ownersWithPublished = new Set(
      queue.filter((i) => i.disposition?.publishedAt).map((i) => i.organisationId),
    );
    for (const account of ["contributor", "editor", "observer", "releaser"] as const) {
      const page = await ownDispositionsPage(
        testServices(demo.db),
        demo.user(account),
        demo.consultationId,
      );
      for (const item of page.items) {
        expect(item.disposition?.publishedAt).toBeTruthy();
        expect(ownersWithPublished.has(item.organisationId)).toBe(true);
      }
    }
    const all = await ownDispositionsPage(
      testServices(demo.db),
      demo.user("moderator"),
      demo.consultationId,
    );
    expect(all.items).toHaveLength(3);
  });

  it("blocks the move to Ratsvorlage while items lack a disposition, then allows it", async () => {
    const moderator = demo.user("moderator");
    await demo.db
      .update(consultations)
      .set({ phase: "consolidation" })
      .where(eq(consultations.id, demo.consultationId));
    expect(
      await outcome(
        changePhase(testServices(demo.db), moderator, {
          consultationId: demo.consultationId,
          phase: "submission",
        }),
      ),
    ).toBe("invalid:invalid");
    const open = (await loadQueue(demo.db, demo.consultationId)).filter((i) => !i.disposition);
    await setDisposition(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      items: open.map((i) => i.key),
      category: "noted",
      justification: "Gesammelt zur Kenntnis genommen.",
      links: [],
    });
    await changePhase(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      phase: "submission",
    });
    const [row] = await demo.db
      .select({ phase: consultations.phase })
      .from(consultations)
      .where(eq(consultations.id, demo.consultationId));
    expect(row!.phase).toBe("submission");
  });
});
