import type { Block, Inline } from "#common/blocks.ts";
import { feedbackRow, headings, measureRow, type CouncilPackage } from "./council.ts";
import { deterministicZip, xml } from "./zip.ts";

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(" ");

function inline(content: Inline[]): string {
  return content
    .map((r) => {
      const text = xml(r.text);
      const style = r.bold ? "Strong" : r.italic ? "Emphasis" : null;
      const styled = style ? `<text:span text:style-name="${style}">${text}</text:span>` : text;
      return r.strike ? `<text:span text:style-name="Strikethrough">${styled}</text:span>` : styled;
    })
    .join("");
}

const h = (level: number, text: string, pageBreak = false) =>
  `<text:h text:style-name="${pageBreak ? "Heading_PageBreak" : `Heading_${level}`}" text:outline-level="${level}">${xml(text)}</text:h>`;
const p = (text: string, style = "Standard") =>
  `<text:p text:style-name="${style}">${xml(text)}</text:p>`;

let tableCounter = 0;
function table(rows: { header: boolean; cells: string[] }[]): string {
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const row = (r: { cells: string[] }, style: string) =>
    `<table:table-row>${r.cells
      .map(
        (c) =>
          `<table:table-cell table:style-name="Cell" office:value-type="string">${c
            .split("\n")
            .map((line) => p(line, style))
            .join("")}</table:table-cell>`,
      )
      .join("")}</table:table-row>`;
  const header = rows.filter((r) => r.header);
  const body = rows.filter((r) => !r.header);
  tableCounter += 1;
  return `<table:table table:name="Tabelle${tableCounter}" table:style-name="Table"><table:table-column table:number-columns-repeated="${columns}"/>${
    header.length
      ? `<table:table-header-rows>${header.map((r) => row(r, "Table_Heading")).join("")}</table:table-header-rows>`
      : ""
  }${body.map((r) => row(r, "Table_Contents")).join("")}</table:table>`;
}

function blocks(list: Block[]): string {
  return list
    .map((block) => {
      if (block.kind === "heading")
        return `<text:h text:style-name="Heading_3" text:outline-level="3">${inline(block.content)}</text:h>`;
      if (block.kind === "paragraph")
        return `<text:p text:style-name="Standard">${inline(block.content)}</text:p>`;
      if (block.kind === "quote")
        return blocks(block.children).replaceAll(
          'text:style-name="Standard"',
          'text:style-name="Quotations"',
        );
      if (block.kind === "list")
        return `<text:list text:style-name="${block.ordered ? "Numbering" : "Bullets"}">${block.items
          .map((item) => `<text:list-item>${blocks(item)}</text:list-item>`)
          .join("")}</text:list>`;
      return table(
        block.rows.map((r) => ({
          header: r.header,
          cells: r.cells.map((cell) =>
            cell
              .map((b) =>
                b.kind === "paragraph" || b.kind === "heading"
                  ? b.content.map((x) => x.text).join("")
                  : "",
              )
              .join("\n"),
          ),
        })),
      );
    })
    .join("");
}

function contentXml(pkg: CouncilPackage): string {
  tableCounter = 0;
  const { parts } = pkg;
  const body: string[] = [
    p(pkg.title, "Title"),
    p(`${headings.cover.version}: ${pkg.versionName}`, "Subtitle"),
    p(`${headings.cover.date}: ${pkg.date}`, "Subtitle"),
    p(headings.cover.contents, "Contents_Heading"),
    ...[parts.strategy, parts.measures, parts.positions, parts.dispositions].map((part, i) =>
      p(`${i + 1}. ${part}`),
    ),
    ...pkg.sections.map((s) => p(s.title, "Contents_2")),
    h(1, `1. ${parts.strategy}`, true),
  ];
  for (const section of pkg.sections) body.push(h(2, section.title), blocks(section.blocks));
  body.push(h(1, `2. ${parts.measures}`, true));
  body.push(
    table([
      { header: true, cells: headings.measures },
      ...pkg.measures.map((m) => ({ header: false, cells: measureRow(m) })),
    ]),
  );
  body.push(h(1, `3. ${parts.positions}`, true));
  if (pkg.positions.length === 0) body.push(p(headings.noPositions));
  for (const group of pkg.positions) {
    body.push(h(2, group.heading));
    body.push(
      table([
        { header: true, cells: headings.positions },
        ...group.rows.map((r) => ({ header: false, cells: [r.organisation, r.stance, r.text] })),
      ]),
    );
  }
  body.push(h(1, `4. ${parts.dispositions}`, true));
  body.push(
    table([
      { header: true, cells: headings.feedback },
      ...pkg.feedback.map((f) => ({ header: false, cells: feedbackRow(f) })),
    ]),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3"><office:automatic-styles><style:style style:name="Table" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style><style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style><style:style style:name="Heading_PageBreak" style:family="paragraph" style:parent-style-name="Heading_1"><style:paragraph-properties fo:break-before="page"/></style:style></office:automatic-styles><office:body><office:text>${body.join("")}</office:text></office:body></office:document-content>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS} office:version="1.3"><office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="Liberation Sans" fo:font-family="'Liberation Sans', Arial, sans-serif" fo:font-size="11pt" fo:language="de" fo:country="DE"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:margin-top="6cm"/><style:text-properties fo:font-size="26pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="14pt"/></style:style>
<style:style style:name="Contents_Heading" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-top="2cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Contents_2" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="0.6cm"/></style:style>
<style:style style:name="Heading_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.6cm"/><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.5cm"/><style:text-properties fo:font-size="15pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_3" style:display-name="Heading 3" style:family="paragraph" style:default-outline-level="3"><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Quotations" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="1cm"/></style:style>
<style:style style:name="Table_Contents" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="Table_Heading" style:family="paragraph" style:parent-style-name="Table_Contents"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Emphasis" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Strikethrough" style:family="text"><style:text-properties style:text-line-through-style="solid" style:text-line-through-type="single"/></style:style>
<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:space-before="0.4cm" text:min-label-width="0.4cm"/></text:list-level-style-bullet></text:list-style>
<text:list-style style:name="Numbering"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."><style:list-level-properties text:space-before="0.4cm" text:min-label-width="0.6cm"/></text:list-level-style-number></text:list-style>
</office:styles></office:document-styles>`;

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

function metaXml(pkg: CouncilPackage): string {
  const date = pkg.frozenAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.3"><office:meta><dc:title>${xml(pkg.title)}</dc:title><dc:subject>${xml(pkg.versionName)}</dc:subject><meta:generator>Ratschlag</meta:generator><meta:creation-date>${date}</meta:creation-date><dc:date>${date}</dc:date><dc:language>de-DE</dc:language></office:meta></office:document-meta>`;
}

export const ODT_MIME = "application/vnd.oasis.opendocument.text";

/** The council package as an OpenDocument text; the same package gives the same bytes. */
export function councilOdt(pkg: CouncilPackage): Uint8Array {
  return deterministicZip(
    [
      ["mimetype", ODT_MIME],
      ["META-INF/manifest.xml", MANIFEST],
      ["meta.xml", metaXml(pkg)],
      ["styles.xml", STYLES],
      ["content.xml", contentXml(pkg)],
    ],
    pkg.frozenAt,
    ["mimetype"],
  );
}
