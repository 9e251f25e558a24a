import { createRequire } from "node:module";
import path from "node:path";
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SectionText } from "#app/components/section-text.tsx";
import { commentThreads, organisations, sections } from "#db/schema/index.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";
import { anchorsForRange } from "#common/anchors.ts";
import { sectionThreads } from "#server/domain/thread-views.ts";
import {
  blocksToText,
  blocksToUpdate,
  boundBlocks,
  docBlocks,
  docToBlocks,
  driveSliced,
  FRAGMENT,
  MAX_BLOCK_DEPTH,
  type Block,
} from "#server/docs/content.ts";
import { sectionPage } from "#server/domain/section-page.ts";
import { comparisonPage, freezeVersion, versionPage } from "#server/domain/versions.ts";
import { councilPackage } from "#server/export/council.ts";
import { councilDocx } from "#server/export/docx.ts";
import { councilOdt } from "#server/export/odt.ts";
import { councilPdf } from "#server/export/pdf.ts";
import { seededDemo, type SeededDemo } from "#tests/measures/fixtures.ts";
import { testServices } from "#testkit/services.ts";

const require = createRequire(import.meta.url);

/** Nesting depth of the hostile document (issue 3: ~424 KB update, 20,000 blockquotes). */
const DEPTH = 20_000;
const BOTTOM = "Tief verschachtelter Schlusssatz";

/**
 * Appends DEPTH nested blockquotes with a paragraph at the bottom to a document. Built one level
 * at a time into already integrated types, so building it does not itself recurse.
 */
function appendDeepQuotes(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment(FRAGMENT);
  let text!: Y.XmlText;
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = fragment;
    for (let i = 0; i < DEPTH; i++) {
      const quote = new Y.XmlElement("blockquote");
      parent.insert(parent.length, [quote]);
      parent = quote;
    }
    const paragraph = new Y.XmlElement("paragraph");
    parent.insert(0, [paragraph]);
    text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, BOTTOM);
  });
  return text;
}

let demo: SeededDemo;
let sectionId: string;
let anchor: { start: string; end: string };

beforeAll(async () => {
  demo = await seededDemo();
  const [section] = await demo.db
    .select({ id: sections.id })
    .from(sections)
    .where(eq(sections.consultationId, demo.consultationId))
    .orderBy(sections.position)
    .limit(1);
  sectionId = section!.id;
  // The stored document got the hostile update before the collab server refused such updates.
  const storage = new PostgresStorage(demo.db);
  const doc = new Y.Doc();
  for (const update of (await storage.load(sectionId)).updates) Y.applyUpdate(doc, update);
  const before = Y.encodeStateVector(doc);
  const text = appendDeepQuotes(doc);
  anchor = anchorsForRange(text, 0, text, BOTTOM.length);
  await storage.append(sectionId, [{ update: Y.encodeStateAsUpdate(doc, before), userId: null }]);
  doc.destroy();
  const [org] = await demo.db.select({ id: organisations.id }).from(organisations).limit(1);
  await demo.db.insert(commentThreads).values({
    consultationId: demo.consultationId,
    sectionId,
    anchorStart: anchor.start,
    anchorEnd: anchor.end,
    authorId: demo.user("contributor").id,
    organisationId: org!.id,
    kind: "comment",
    quote: BOTTOM,
  });
}, 120_000);
afterAll(async () => {
  await demo.handle.close();
});

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({
    data: bytes,
    isEvalSupported: false,
    standardFontDataUrl: `${path.dirname(require.resolve("pdfjs-dist/package.json"))}/standard_fonts/`,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await pdf.destroy();
  return pages.join("\n");
}

describe("issue 3 item 3: documents of any depth", () => {
  it("issue 3 item 3: the iterative walk keeps headings, lists, tables and quotes as they were", () => {
    const p = (text: string): Block => ({ kind: "paragraph", content: [{ text }] });
    const blocks: Block[] = [
      { kind: "heading", level: 2, content: [{ text: "Ziele", bold: true }] },
      {
        kind: "list",
        ordered: true,
        items: [[p("eins")], [p("zwei"), { kind: "quote", children: [p("Zitat")] }]],
      },
      {
        kind: "table",
        rows: [
          { header: true, cells: [[p("Kopf")], [p("Wert")]] },
          {
            header: false,
            cells: [[p("a")], [{ kind: "list", ordered: false, items: [[p("b")]] }]],
          },
        ],
      },
      p("Schluss"),
    ];
    const doc = new Y.Doc();
    Y.applyUpdate(doc, blocksToUpdate(blocks));
    expect(docToBlocks(doc)).toEqual(blocks);
    doc.destroy();
  });

  it("issue 3 item 3: docToBlocks and the server-rendered text of 20,000 nested blockquotes contain the bottom paragraph", async () => {
    const doc = new Y.Doc();
    appendDeepQuotes(doc);
    const blocks = docToBlocks(doc);
    // The walk in slices (page views, issue 12) gives the same blocks.
    expect(await driveSliced(docBlocks(doc), 1)).toEqual(blocks);
    doc.destroy();
    expect(blocksToText(blocks)).toContain(BOTTOM);
    expect(JSON.parse(JSON.stringify(blocks))).toEqual(blocks);
    const html = renderToString(createElement(SectionText, { blocks }));
    expect(html).toContain(BOTTOM);
    expect(html).toContain("<blockquote>");
  });

  it("issue 3 item 3: blocks nested 20,000 deep from any source render flat beyond the bound", () => {
    let blocks: Block[] = [{ kind: "paragraph", content: [{ text: BOTTOM }] }];
    for (let i = 0; i < DEPTH; i++) {
      blocks = [
        i % 2
          ? { kind: "quote", children: blocks }
          : { kind: "list", ordered: false, items: [[{ kind: "paragraph", content: [] }], blocks] },
      ];
    }
    expect(blocksToText(blocks)).toContain(BOTTOM);
    const bounded = boundBlocks(blocks);
    expect(blocksToText(bounded)).toBe(blocksToText(blocks));
    expect(JSON.stringify(bounded).split("children").length - 1).toBeLessThanOrEqual(
      MAX_BLOCK_DEPTH,
    );
    expect(renderToString(createElement(SectionText, { blocks }))).toContain(BOTTOM);
  });

  it("issue 3 item 3: the section page and its comment threads load a stored deeply nested document", async () => {
    const editor = demo.user("editor");
    const page = await sectionPage(testServices(demo.db), editor, demo.consultationId, sectionId);
    expect(blocksToText(page.blocks)).toContain(BOTTOM);
    const threads = await sectionThreads(testServices(demo.db), editor, sectionId, {
      status: "",
      kind: "",
      organisation: "",
      author: "",
      section: "",
    });
    expect(threads.threads.map((t) => t.currentText)).toContain(BOTTOM);
  });

  it("issue 3 item 3: freezing, reading and comparing versions and every council export succeed and contain the text", async () => {
    const moderator = demo.user("moderator");
    const { id: versionId } = await freezeVersion(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      name: "Tiefe Fassung",
    });
    const read = await versionPage(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      versionId,
      sectionId,
    });
    expect(read.sections[0]!.text).toContain(BOTTOM);
    expect(
      renderToString(createElement(SectionText, { blocks: read.sections[0]!.blocks })),
    ).toContain(BOTTOM);

    const comparison = await comparisonPage(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      from: versionId,
      to: "current",
    });
    const compared = comparison.comparison!.sections.find((s) => s.sectionId === sectionId)!;
    expect(compared.change).toBe("unchanged");
    expect(compared.parts.map((p) => p.text).join("")).toContain(BOTTOM);

    const pkg = await councilPackage(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      versionId,
      anonymous: false,
    });
    const docx = await mammoth.extractRawText({ buffer: Buffer.from(await councilDocx(pkg)) });
    expect(docx.value).toContain(BOTTOM);
    const odt = strFromU8(unzipSync(councilOdt(pkg))["content.xml"]!);
    expect(odt).toContain(BOTTOM);
    expect((await pdfText(await councilPdf(pkg))).replace(/\s+/g, " ")).toContain(BOTTOM);
  }, 120_000);
});
