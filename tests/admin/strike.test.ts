import { createRequire } from "node:module";
import path from "node:path";
import { getSchema } from "@tiptap/core";
import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SectionText } from "#app/components/section-text.tsx";
import { schemaExtensions } from "#common/editor-schema.ts";
import { checkUpdate, editorSchema } from "#server/collab/schema.ts";
import { blocksToUpdate, docToBlocks, FRAGMENT, type Block } from "#server/docs/content.ts";
import type { CouncilPackage } from "#server/export/council.ts";
import { councilDocx } from "#server/export/docx.ts";
import { councilOdt } from "#server/export/odt.ts";
import { councilPdf } from "#server/export/pdf.ts";

const require = createRequire(import.meta.url);

const BLOCKS: Block[] = [
  {
    kind: "paragraph",
    content: [
      { text: "Alte Fassung: " },
      { text: "gestrichener-Satz", strike: true },
      { text: " bleibt." },
    ],
  },
];

function pkg(): CouncilPackage {
  return {
    title: "Strategie",
    versionName: "Entwurf 1",
    date: "2. Dezember 2026",
    frozenAt: new Date("2026-12-02T10:00:00Z"),
    sections: [{ title: "Ziele", blocks: BLOCKS }],
    measures: [],
    positions: [],
    feedback: [],
    parts: {
      strategy: "Strategie",
      measures: "Maßnahmen",
      positions: "Voten",
      dispositions: "Abw",
    },
  };
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({
    data: bytes,
    isEvalSupported: false,
    standardFontDataUrl: `${path.dirname(require.resolve("pdfjs-dist/package.json"))}/standard_fonts/`,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
  }
  await pdf.destroy();
  return pages.join("\n");
}

describe("struck-through text end to end", () => {
  it("is a mark of the editor's schema, and the collab server accepts updates that use it", () => {
    expect(getSchema(schemaExtensions()).marks.strike).toBeDefined();
    const source = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    source.getXmlFragment(FRAGMENT).insert(0, [paragraph]);
    text.insert(0, "weg damit", { strike: {} });
    expect(checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(source), editorSchema())).toBeNull();
  });

  it("survives the way from blocks into a stored document and back", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, blocksToUpdate(BLOCKS));
    expect(docToBlocks(doc)).toEqual(BLOCKS);
  });

  it("renders as <s> on pages and in versions", () => {
    const html = renderToStaticMarkup(createElement(SectionText, { blocks: BLOCKS }));
    expect(html).toContain("<s>gestrichener-Satz</s>");
    expect(html).not.toContain("<s>Alte Fassung");
  });

  it("is struck through in the DOCX export, with its text", async () => {
    const bytes = await councilDocx(pkg());
    const document = strFromU8(unzipSync(bytes)["word/document.xml"]!);
    expect(document).toMatch(/<w:strike\/>(?:(?!<\/w:r>).)*gestrichener-Satz/s);
    expect(document).not.toMatch(/<w:strike\/>(?:(?!<\/w:r>).)*Alte Fassung/s);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(value).toContain("Alte Fassung: gestrichener-Satz bleibt.");
  });

  it("is struck through in the ODT export, with its text", () => {
    const files = unzipSync(councilOdt(pkg()));
    const content = strFromU8(files["content.xml"]!);
    const styles = strFromU8(files["styles.xml"]!);
    expect(content).toContain(
      'Alte Fassung: <text:span text:style-name="Strikethrough">gestrichener-Satz</text:span> bleibt.',
    );
    expect(styles).toMatch(
      /<style:style style:name="Strikethrough" style:family="text"><style:text-properties style:text-line-through-style="solid"/,
    );
  });

  it("keeps its text in the PDF export", async () => {
    const text = await pdfText(await councilPdf(pkg()));
    expect(text.replace(/\s+/g, " ")).toContain("Alte Fassung: gestrichener-Satz bleibt.");
  });
});
