import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import { unzipSync } from "fflate";
import type { Block, Inline } from "#common/blocks.ts";
import { withoutXmlForbiddenDeep } from "#common/xml-chars.ts";
import { feedbackRow, headings, measureRow, type CouncilPackage } from "./council.ts";
import { deterministicZip, xml } from "./zip.ts";

function runs(content: Inline[]): ParagraphChild[] {
  return content.map(
    (r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, strike: r.strike }),
  );
}

function table(rows: { header: boolean; cells: string[] }[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row) =>
        new TableRow({
          tableHeader: row.header,
          children: row.cells.map(
            (cell) =>
              new TableCell({
                children: cell
                  .split("\n")
                  .map(
                    (line) =>
                      new Paragraph({ children: [new TextRun({ text: line, bold: row.header })] }),
                  ),
              }),
          ),
        }),
    ),
  });
}

function blocks(list: Block[], depth = 0): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const block of list) {
    if (block.kind === "heading") {
      out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: runs(block.content) }));
    } else if (block.kind === "paragraph") {
      out.push(
        new Paragraph({
          children: runs(block.content),
          indent: depth ? { left: 360 * depth } : undefined,
        }),
      );
    } else if (block.kind === "quote") {
      out.push(...blocks(block.children, depth + 1));
    } else if (block.kind === "list") {
      block.items.forEach((item, index) => {
        const [first, ...rest] = item;
        const marker = block.ordered ? `${index + 1}. ` : "• ";
        const content =
          first && (first.kind === "paragraph" || first.kind === "heading") ? first.content : [];
        out.push(
          new Paragraph({
            indent: { left: 360 * (depth + 1), hanging: 360 },
            children: [new TextRun(marker), ...runs(content)],
          }),
        );
        out.push(...blocks(first && content.length === 0 ? item : rest, depth + 1));
      });
    } else {
      out.push(
        table(
          block.rows.map((row) => ({
            header: row.header,
            cells: row.cells.map((cell) =>
              cell
                .map((b) =>
                  b.kind === "paragraph" || b.kind === "heading"
                    ? b.content.map((r) => r.text).join("")
                    : "",
                )
                .join("\n"),
            ),
          })),
        ),
      );
    }
  }
  return out;
}

function coreXml(pkg: CouncilPackage): string {
  const date = pkg.frozenAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xml(pkg.title)}</dc:title><dc:subject>${xml(pkg.versionName)}</dc:subject><dc:creator>Ratschlag</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified></cp:coreProperties>`;
}

/** The council package as a Word document; the same package gives the same bytes. */
export async function councilDocx(input: CouncilPackage): Promise<Uint8Array> {
  // The docx library escapes markup but keeps characters XML forbids; they go here.
  const pkg = withoutXmlForbiddenDeep(input);
  const { parts } = pkg;
  const heading = (text: string) =>
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      children: [new TextRun(text)],
    });
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun(pkg.title)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun(`${headings.cover.version}: ${pkg.versionName}`)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun(`${headings.cover.date}: ${pkg.date}`)],
    }),
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: [new TextRun(headings.cover.contents)],
    }),
    ...[parts.strategy, parts.measures, parts.positions, parts.dispositions].map(
      (part, index) => new Paragraph({ children: [new TextRun(`${index + 1}. ${part}`)] }),
    ),
    ...pkg.sections.map(
      (s) => new Paragraph({ indent: { left: 360 }, children: [new TextRun(s.title)] }),
    ),
    heading(`1. ${parts.strategy}`),
  ];
  for (const section of pkg.sections) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(section.title)] }),
    );
    children.push(...blocks(section.blocks));
  }
  children.push(heading(`2. ${parts.measures}`));
  children.push(
    table([
      { header: true, cells: headings.measures },
      ...pkg.measures.map((m) => ({ header: false, cells: measureRow(m) })),
    ]),
  );
  children.push(heading(`3. ${parts.positions}`));
  if (pkg.positions.length === 0) children.push(new Paragraph(headings.noPositions));
  for (const group of pkg.positions) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(group.heading)] }),
    );
    children.push(
      table([
        { header: true, cells: headings.positions },
        ...group.rows.map((r) => ({ header: false, cells: [r.organisation, r.stance, r.text] })),
      ]),
    );
  }
  children.push(heading(`4. ${parts.dispositions}`));
  children.push(
    table([
      { header: true, cells: headings.feedback },
      ...pkg.feedback.map((f) => ({ header: false, cells: feedbackRow(f) })),
    ]),
  );
  const document = new Document({
    creator: "Ratschlag",
    title: pkg.title,
    subject: pkg.versionName,
    sections: [{ children }],
  });
  const packed = unzipSync(new Uint8Array(await Packer.toBuffer(document)));
  // docx stamps the current time into the properties and the zip; the version's date replaces it.
  packed["docProps/core.xml"] = new TextEncoder().encode(coreXml(pkg));
  return deterministicZip(Object.entries(packed), pkg.frozenAt);
}
