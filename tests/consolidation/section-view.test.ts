import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { sections } from "#db/schema/index.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";
import { blocksToText, FRAGMENT } from "#server/docs/content.ts";
import { sectionPage } from "#server/domain/section-page.ts";
import { seededDemo, type SeededDemo } from "#tests/measures/fixtures.ts";
import { testServices } from "#testkit/services.ts";

let demo: SeededDemo;
let sectionId: string;

beforeAll(async () => {
  demo = await seededDemo();
  const [section] = await demo.db
    .select({ id: sections.id })
    .from(sections)
    .where(eq(sections.consultationId, demo.consultationId))
    .orderBy(sections.position)
    .limit(1);
  sectionId = section!.id;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await demo.handle.close();
});

/** An update appending one paragraph to the stored document. */
async function appendParagraph(text: string) {
  const storage = new PostgresStorage(demo.db);
  const doc = new Y.Doc();
  for (const update of (await storage.load(sectionId)).updates) Y.applyUpdate(doc, update);
  const before = Y.encodeStateVector(doc);
  const fragment = doc.getXmlFragment(FRAGMENT);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
  await storage.append(sectionId, [{ update: Y.encodeStateAsUpdate(doc, before), userId: null }]);
  doc.destroy();
}

const view = (docs: { peek(name: string): Y.Doc | null } | null = null) => {
  const services = testServices(demo.db);
  const collab = { ...services.collab, peek: (name: string) => docs?.peek(name) ?? null };
  return sectionPage({ ...services, collab }, demo.user("editor"), demo.consultationId, sectionId);
};

describe("issue 12: section text of page views", () => {
  it("issue 12: an unchanged stored document is loaded once, a change is reflected at the next view", async () => {
    await appendParagraph("Erster gespeicherter Satz");
    const loads = vi.spyOn(PostgresStorage.prototype, "load");
    const first = await view();
    expect(blocksToText(first.blocks)).toContain("Erster gespeicherter Satz");
    const second = await view();
    expect(second.blocks).toEqual(first.blocks);
    expect(loads).toHaveBeenCalledTimes(1);

    await appendParagraph("Nachträglich ergänzt");
    loads.mockClear();
    const third = await view();
    expect(blocksToText(third.blocks)).toContain("Nachträglich ergänzt");
    expect(loads).toHaveBeenCalledTimes(1);
    loads.mockRestore();
  });

  it("issue 12: the text comes from the loaded collab room when there is one, without reading storage", async () => {
    const live = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Live im Raum")]);
    live.getXmlFragment(FRAGMENT).insert(0, [paragraph]);
    const loads = vi.spyOn(PostgresStorage.prototype, "load");
    const docs = { peek: (name: string) => (name === sectionId ? live : null) };
    expect(blocksToText((await view(docs)).blocks)).toBe("Live im Raum");
    // A change in the room shows at the next view.
    (live.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).insert(1, [new Y.XmlText(" und neu")]);
    expect(blocksToText((await view(docs)).blocks)).toBe("Live im Raum und neu");
    expect(loads).not.toHaveBeenCalled();
    loads.mockRestore();
    live.destroy();
  });

  it("issue 12: in the loaded room, only changed top-level elements are walked again, and every change shows", async () => {
    const live = new Y.Doc();
    const fragment = live.getXmlFragment(FRAGMENT);
    const paragraph = (text: string) => {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    };
    const list = new Y.XmlElement("bulletList");
    const item = new Y.XmlElement("listItem");
    item.insert(0, [paragraph("Punkt")]);
    list.insert(0, [item]);
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("level", "2" as unknown as string);
    heading.insert(0, [new Y.XmlText("Titel")]);
    fragment.insert(0, [heading, paragraph("Eins"), list, paragraph("Zwei")]);
    const docs = { peek: (name: string) => (name === sectionId ? live : null) };
    const first = (await view(docs)).blocks;
    expect(blocksToText(first)).toBe("Titel\nEins\nPunkt\nZwei");

    // A change deep inside the list: the list is walked again, the other blocks are kept.
    ((list.get(0) as Y.XmlElement).get(0) as Y.XmlElement).insert(1, [new Y.XmlText(" neu")]);
    const second = (await view(docs)).blocks;
    expect(blocksToText(second)).toBe("Titel\nEins\nPunkt neu\nZwei");
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).not.toBe(first[2]);

    // An attribute, an inserted and a deleted top-level element.
    heading.setAttribute("level", "3" as unknown as string);
    fragment.delete(1, 1);
    fragment.insert(fragment.length, [paragraph("Drei")]);
    const third = (await view(docs)).blocks;
    expect(third[0]).toEqual({ kind: "heading", level: 3, content: [{ text: "Titel" }] });
    expect(blocksToText(third)).toBe("Titel\nPunkt neu\nZwei\nDrei");

    // A change made while a view is in progress shows at the next view.
    const pending = view(docs);
    (fragment.get(2) as Y.XmlElement).insert(1, [new Y.XmlText(" später")]);
    await pending;
    expect(blocksToText((await view(docs)).blocks)).toBe("Titel\nPunkt neu\nZwei später\nDrei");
    live.destroy();
  });
});
