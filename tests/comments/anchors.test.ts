import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorsForRange, replacePassage, resolveAnchor } from "#common/anchors.ts";

/** A small deterministic PRNG, so a failing sequence can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return (limit: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % limit;
  };
}

const BEFORE = "xxxxxxxxxx";
const PASSAGE = "ABCDEFGHIJKLMNOP";
const AFTER = "yyyyyyyyyy";

/** A document shaped like the editor's: fragment → paragraphs → text. */
function documentWithPassage() {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment("default");
  const first = new Y.XmlElement("paragraph");
  first.insert(0, [new Y.XmlText("Einleitung")]);
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText(BEFORE + PASSAGE + AFTER);
  paragraph.insert(0, [text]);
  fragment.insert(0, [first, paragraph]);
  const anchor = anchorsForRange(text, BEFORE.length, text, BEFORE.length + PASSAGE.length);
  return { doc, anchor };
}

function textOf(doc: Y.Doc): Y.XmlText | null {
  const paragraph = doc.getXmlFragment("default").get(1);
  return paragraph instanceof Y.XmlElement && paragraph.get(0) instanceof Y.XmlText
    ? (paragraph.get(0) as Y.XmlText)
    : null;
}

/** One random edit: inserts (digits) or deletes anywhere — before, inside, across or after. */
function randomEdit(doc: Y.Doc, next: (limit: number) => number) {
  const text = textOf(doc);
  if (!text) return;
  const length = text.length;
  if (next(3) === 0 && length > 0) {
    const at = next(length);
    text.delete(at, 1 + next(Math.min(6, length - at)));
  } else {
    text.insert(next(length + 1), String(next(1000)));
  }
}

function exchange(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe("comment anchors (Yjs relative positions)", () => {
  it("a fresh anchor covers exactly the passage", () => {
    const { doc, anchor } = documentWithPassage();
    const resolved = resolveAnchor(doc, anchor.start, anchor.end);
    expect(resolved.orphaned).toBe(false);
    if (!resolved.orphaned) expect(resolved.text).toBe(PASSAGE);
  });

  it("text typed right before or right after the passage stays outside it", () => {
    const { doc, anchor } = documentWithPassage();
    const text = textOf(doc)!;
    text.insert(BEFORE.length + PASSAGE.length, "1");
    text.insert(BEFORE.length, "2");
    const resolved = resolveAnchor(doc, anchor.start, anchor.end);
    expect(!resolved.orphaned && resolved.text).toBe(PASSAGE);
  });

  it("survives 300 random concurrent edit sequences: covers what survives, or is orphaned", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const { doc: a, anchor } = documentWithPassage();
      const b = new Y.Doc();
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      const rounds = 1 + next(6);
      for (let round = 0; round < rounds; round++) {
        for (let i = next(5); i > 0; i--) randomEdit(a, next);
        for (let i = next(5); i > 0; i--) randomEdit(b, next);
        exchange(a, b);
      }
      const whole = textOf(a)!.toString();
      const surviving = [...whole].filter((c) => PASSAGE.includes(c)).join("");
      for (const doc of [a, b]) {
        const resolved = resolveAnchor(doc, anchor.start, anchor.end);
        if (resolved.orphaned) {
          expect(surviving, `seed ${seed}: orphaned although passage text survives`).toBe("");
          continue;
        }
        const covered = [...resolved.text].filter((c) => PASSAGE.includes(c)).join("");
        expect(covered, `seed ${seed}: covers every surviving character`).toBe(surviving);
        expect(resolved.text, `seed ${seed}: never reaches outside`).not.toMatch(/[xy\n]/);
      }
    }
  });

  it("is orphaned when the passage or its whole paragraph is deleted", () => {
    const deletedText = documentWithPassage();
    textOf(deletedText.doc)!.delete(BEFORE.length - 2, PASSAGE.length + 4);
    expect(
      resolveAnchor(deletedText.doc, deletedText.anchor.start, deletedText.anchor.end),
    ).toMatchObject({ orphaned: true });

    const deletedParagraph = documentWithPassage();
    deletedParagraph.doc.getXmlFragment("default").delete(1, 1);
    expect(
      resolveAnchor(
        deletedParagraph.doc,
        deletedParagraph.anchor.start,
        deletedParagraph.anchor.end,
      ),
    ).toMatchObject({ orphaned: true });
  });

  it("replaces the passage only while it still reads as quoted", () => {
    const { doc, anchor } = documentWithPassage();
    textOf(doc)!.insert(BEFORE.length + 3, "9");
    const changed = replacePassage(doc, anchor, PASSAGE, "neu");
    expect(changed).toEqual({ ok: false, reason: "changed", current: "ABC9DEFGHIJKLMNOP" });
    expect(textOf(doc)!.toString()).toBe(BEFORE + "ABC9DEFGHIJKLMNOP" + AFTER);
    expect(replacePassage(doc, anchor, PASSAGE, "neu", true)).toEqual({ ok: true });
    expect(textOf(doc)!.toString()).toBe(BEFORE + "neu" + AFTER);
  });
});
