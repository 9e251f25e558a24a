import PDFDocument from "pdfkit";
import type { Block, Inline } from "#common/blocks.ts";
import { withoutXmlForbidden } from "#common/xml-chars.ts";
import { feedbackRow, headings, measureRow, type CouncilPackage } from "./council.ts";

/** Characters outside WinAnsi (what the standard PDF fonts can show) get a readable stand-in. */
const STAND_INS: Record<string, string> = {
  "→": "->",
  "←": "<-",
  "≥": ">=",
  "≤": "<=",
  "\u00a0": " ",
};
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

function safe(text: string): string {
  // Control characters and non-characters are dropped as in the other formats, not shown as "?".
  return [...withoutXmlForbidden(text)]
    .map((c) => {
      if (STAND_INS[c] !== undefined) return STAND_INS[c];
      const code = c.codePointAt(0)!;
      if (code === 10 || (code >= 32 && code <= 126) || (code >= 160 && code <= 255)) return c;
      return WIN_ANSI_EXTRA.has(c) ? c : "?";
    })
    .join("");
}

/** The standard font of a run's weight and slant. */
function runFont(run: Inline): string {
  if (run.bold) return run.italic ? "Helvetica-BoldOblique" : "Helvetica-Bold";
  return run.italic ? "Helvetica-Oblique" : "Helvetica";
}

function blockText(cell: Block[]): string {
  return cell
    .map((b) =>
      b.kind === "paragraph" || b.kind === "heading" ? b.content.map((r) => r.text).join("") : "",
    )
    .join("\n");
}

/**
 * The council package as PDF with the standard Helvetica fonts (WinAnsi covers German umlauts);
 * the document date is the version's, so the same package gives the same content.
 */
export function councilPdf(pkg: CouncilPackage): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    lang: "de-DE",
    displayTitle: true,
    info: {
      Title: safe(pkg.title),
      Subject: safe(pkg.versionName),
      Creator: "Ratschlag",
      Producer: "Ratschlag",
      CreationDate: pkg.frozenAt,
      ModDate: pkg.frozenAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  const text = (value: string, size = 11, font = "Helvetica") =>
    doc.font(font).fontSize(size).text(safe(value), { paragraphGap: 4 });
  const heading = (value: string, size: number) => {
    doc.moveDown(0.5);
    text(value, size, "Helvetica-Bold");
  };
  const table = (rows: string[][]) => {
    doc.font("Helvetica").fontSize(8);
    doc.table({
      data: rows.map((row, index) =>
        row.map((cell) => ({
          text: safe(cell),
          font: index === 0 ? { src: "Helvetica-Bold" } : undefined,
        })),
      ),
    });
    doc.moveDown();
  };
  /** A paragraph run by run, so bold, italic and struck-through text look as in the editor. */
  const paragraph = (content: Inline[], indent: number) => {
    const runs = content.filter((r) => safe(r.text) !== "");
    const x = doc.page.margins.left + indent;
    if (runs.length === 0) {
      doc.font("Helvetica").fontSize(11).text("", x, undefined, { paragraphGap: 4 });
      return;
    }
    runs.forEach((run, i) => {
      const options = {
        paragraphGap: 4,
        continued: i < runs.length - 1,
        // Text options carry over between continued runs: every run says what it is.
        strike: Boolean(run.strike),
      };
      doc.font(runFont(run)).fontSize(11);
      if (i === 0) doc.text(safe(run.text), x, undefined, options);
      else doc.text(safe(run.text), options);
    });
  };
  const blocks = (list: Block[], indent = 0) => {
    for (const block of list) {
      if (block.kind === "heading") heading(block.content.map((r) => r.text).join(""), 12);
      else if (block.kind === "paragraph") paragraph(block.content, indent);
      else if (block.kind === "quote") blocks(block.children, indent + 18);
      else if (block.kind === "list")
        block.items.forEach((item, i) => {
          const marker = block.ordered ? `${i + 1}. ` : "• ";
          doc
            .font("Helvetica")
            .fontSize(11)
            .text(safe(marker + blockText(item)), doc.page.margins.left + indent + 12, undefined, {
              paragraphGap: 2,
            });
        });
      else table(block.rows.map((r) => r.cells.map(blockText)));
      doc.x = doc.page.margins.left;
    }
  };

  doc.moveDown(10);
  doc.font("Helvetica-Bold").fontSize(24).text(safe(pkg.title), { align: "center" });
  doc.moveDown();
  doc
    .font("Helvetica")
    .fontSize(14)
    .text(safe(`${headings.cover.version}: ${pkg.versionName}`), { align: "center" });
  doc.text(safe(`${headings.cover.date}: ${pkg.date}`), { align: "center" });
  doc.moveDown(3);
  heading(headings.cover.contents, 14);
  const { parts } = pkg;
  [parts.strategy, parts.measures, parts.positions, parts.dispositions].forEach((part, i) =>
    text(`${i + 1}. ${part}`),
  );

  doc.addPage();
  heading(`1. ${parts.strategy}`, 18);
  for (const section of pkg.sections) {
    heading(section.title, 15);
    blocks(section.blocks);
  }
  doc.addPage();
  heading(`2. ${parts.measures}`, 18);
  table([headings.measures, ...pkg.measures.map(measureRow)]);
  doc.addPage();
  heading(`3. ${parts.positions}`, 18);
  if (pkg.positions.length === 0) text(headings.noPositions);
  for (const group of pkg.positions) {
    heading(group.heading, 13);
    table([headings.positions, ...group.rows.map((r) => [r.organisation, r.stance, r.text])]);
  }
  doc.addPage();
  heading(`4. ${parts.dispositions}`, 18);
  table([headings.feedback, ...pkg.feedback.map(feedbackRow)]);
  doc.end();
  return done;
}
