import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DatabaseHandle } from "#db/client.ts";
import { FRAGMENT } from "#common/fragment.ts";
import { attributeText, type AttributedRow } from "#server/docs/attribution.ts";
import { loadYDoc } from "#server/docs/load.ts";
import { sectionHistoryPage, type HistoryResult } from "#server/domain/section-history.ts";
import { freezeVersion } from "#server/domain/versions.ts";
import { testServices } from "#testkit/services.ts";
import { createTestDatabase } from "./helpers/db.ts";
import { createConsultationFixture, type TestUser } from "./helpers/fixtures.ts";
import { expectDomainError } from "./helpers/domain-error.ts";

/** The first paragraph's text of a section document (the starter text "Text" makes one). */
function firstText(doc: Y.Doc): Y.XmlText {
  const paragraph = doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** The marked passages as "kind:author:text", in text order. */
function marks(history: HistoryResult): string[] {
  const who = (marker: number | null) => {
    const author = history.authors[marker! - 1]!;
    return author.userId === null ? "starter" : author.name;
  };
  return history.blocks.flatMap((b) =>
    b.runs.filter((r) => r.kind !== "same").map((r) => `${r.kind}:${who(r.marker)}:${r.text}`),
  );
}

function plain(history: HistoryResult): string {
  return history.blocks
    .flatMap((b) => b.runs.filter((r) => r.kind !== "del").map((r) => r.text))
    .join("");
}

describe("section history: attribution through the storage append path", () => {
  let handle: DatabaseHandle;
  let fixture: Awaited<ReturnType<typeof createConsultationFixture>>;
  let versionId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    fixture = await createConsultationFixture(handle.db);
    const services = testServices(handle.db);
    const sectionId = fixture.section.id;
    const { editor, moderator } = fixture.members;
    // The editor adds a word (the first load gives the document its starter text "Text").
    await services.collab.editDocument(sectionId, editor.id, (doc) =>
      firstText(doc).insert(4, " Alpha"),
    );
    versionId = (
      await freezeVersion(services, moderator, {
        consultationId: fixture.consultation.id,
        name: "Erste Fassung",
      })
    ).id;
    // The moderator replaces that word, the editor adds another one.
    await services.collab.editDocument(sectionId, moderator.id, (doc) => {
      const text = firstText(doc);
      text.delete(5, 5);
      text.insert(5, "Beta");
    });
    await services.collab.editDocument(sectionId, editor.id, (doc) =>
      firstText(doc).insert(9, " Gamma"),
    );
  });
  afterAll(async () => {
    await handle.close();
  });

  const page = (from: string, to: string, user: TestUser = fixture.members.observer) =>
    sectionHistoryPage(testServices(handle.db), user, {
      consultationId: fixture.consultation.id,
      sectionId: fixture.section.id,
      from,
      to,
    });

  it("attributes every passage from the start to now, with names and organisations", async () => {
    const { history } = await page("start", "now");
    expect(plain(history!)).toBe("Text Beta Gamma");
    expect(marks(history!)).toEqual([
      "ins:starter:Text",
      "ins:editor user: ",
      "ins:moderator user:Beta",
      "ins:editor user: Gamma",
    ]);
    const editor = history!.authors.find((a) => a.userId === fixture.members.editor.id)!;
    expect(editor.organisation).toMatch(/^Org /);
    expect(editor.passages.map((p) => [p.kind, p.text])).toEqual([["ins", "Gamma"]]);
    expect(history!.compactedAt).toBeNull();
  });

  it("between a version and now shows the deletion and the insertions after it", async () => {
    const { history } = await page(versionId, "now");
    expect(marks(history!)).toEqual([
      "del:moderator user:Alpha",
      "ins:moderator user:Beta",
      "ins:editor user: Gamma",
    ]);
    const moderator = history!.authors.find((a) => a.userId === fixture.members.moderator.id)!;
    expect(moderator.passages.map((p) => [p.kind, p.text])).toEqual([
      ["del", "Alpha"],
      ["ins", "Beta"],
    ]);
  });

  it("between the start and a version shows the text as it was then", async () => {
    const { history } = await page("start", versionId);
    expect(plain(history!)).toBe("Text Alpha");
    expect(marks(history!)).toEqual(["ins:starter:Text", "ins:editor user: Alpha"]);
  });

  it("refuses points in the wrong order or from elsewhere, and non-members", async () => {
    expect((await page(versionId, versionId)).errors).toEqual({ to: "history.order" });
    const unknown = await page("start", "00000000-0000-4000-8000-000000000000");
    expect(unknown.errors).toEqual({ to: "history.unknownPoint" });
    expect(unknown.history).toBeNull();
    await expectDomainError(page("start", "now", fixture.outsider), "not_found", "not_found");
  });

  it("after a compaction shows folded text unmarked and says so", async () => {
    const services = testServices(handle.db);
    const sectionId = fixture.section.id;
    const doc = (await loadYDoc(services.docs, sectionId))!;
    const stored = await services.docs.load(sectionId);
    await services.docs.compact(sectionId, Y.encodeStateAsUpdate(doc), stored.lastId);
    doc.destroy();
    await services.collab.editDocument(sectionId, fixture.members.moderator.id, (d) =>
      firstText(d).insert(0, "Neu: "),
    );
    const { history } = await page("start", "now");
    expect(history!.compactedAt).not.toBeNull();
    expect(plain(history!)).toBe("Neu: Text Beta Gamma");
    expect(marks(history!)).toEqual(["ins:moderator user:Neu: "]);
    // A "to" point before the compaction can no longer be rebuilt.
    const before = await page("start", versionId);
    expect(before.history).toBeNull();
    expect(before.toCompacted).not.toBeNull();
  });
});

describe("section history: the attribution algorithm", () => {
  const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n));

  it("keeps two authors' concurrent edits of one paragraph apart, deletions included", async () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const rows: AttributedRow[] = [];
    const record = (userId: string) => (update: Uint8Array, origin: unknown) => {
      if (origin !== "remote") rows.push({ update, userId, at: at(rows.length) });
    };
    a.on("update", record("anna"));
    b.on("update", record("ben"));
    const sync = () => {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), "remote");
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), "remote");
    };
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    a.getXmlFragment(FRAGMENT).insert(0, [paragraph]);
    text.insert(0, "Der Rat beschließt.");
    sync();
    const from = rows.length;
    // At the same time: Anna deletes "Rat ", Ben adds " einstimmig" before the full stop.
    text.delete(4, 4);
    ((b.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(
      18,
      " einstimmig",
    );
    sync();
    const blocks = await attributeText({ snapshot: null, rows, from, to: rows.length });
    expect(blocks).toHaveLength(1);
    const who = (row: number | null) => (row === null ? "-" : rows[row]!.userId);
    expect(blocks[0]!.runs.map((r) => `${r.kind}:${who(r.row)}:${r.text}`)).toEqual([
      "same:-:Der ",
      "del:anna:Rat ",
      "same:-:beschließt",
      "ins:ben: einstimmig",
      "same:-:.",
    ]);
    // From the start, everything Anna typed is hers, and her own deletion leaves nothing to show.
    const all = await attributeText({ snapshot: null, rows, from: 0, to: rows.length });
    expect(all[0]!.runs.map((r) => `${r.kind}:${who(r.row)}:${r.text}`)).toEqual([
      "ins:anna:Der beschließt",
      "ins:ben: einstimmig",
      "ins:anna:.",
    ]);
    a.destroy();
    b.destroy();
  });
});
