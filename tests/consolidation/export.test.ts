import { createRequire } from "node:module";
import path from "node:path";
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measures, sections } from "#db/schema/index.ts";
import { loadQueue, setDisposition } from "#server/domain/consolidation.ts";
import { freezeVersion } from "#server/domain/versions.ts";
import { councilPackage } from "#server/export/council.ts";
import { councilDocx } from "#server/export/docx.ts";
import { councilOdt, ODT_MIME } from "#server/export/odt.ts";
import { councilPdf } from "#server/export/pdf.ts";
import { dispositionXlsx } from "#server/export/xlsx.ts";
import { outcome, seededDemo, type SeededDemo } from "#tests/measures/fixtures.ts";
import { addThreads } from "./fixtures.ts";
import { testServices } from "#testkit/services.ts";

const require = createRequire(import.meta.url);

let demo: SeededDemo;
let versionId: string;
let sectionTitles: string[];
let measureCodes: string[];

beforeAll(async () => {
  demo = await seededDemo();
  await addThreads(demo);
  const moderator = demo.user("moderator");
  const queue = await loadQueue(demo.db, demo.consultationId);
  await setDisposition(testServices(demo.db), moderator, {
    consultationId: demo.consultationId,
    items: [queue[0]!.key],
    category: "partly_accepted",
    justification: "Übernommen in Abschnitt „Größere Ziele“.",
    links: [],
  });
  await setDisposition(testServices(demo.db), moderator, {
    consultationId: demo.consultationId,
    items: [queue[1]!.key],
    category: "not_accepted",
    justification: "Widerspricht der Förderlogik.",
    links: [],
  });
  versionId = (
    await freezeVersion(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      name: "Ratsfassung Ü",
    })
  ).id;
  sectionTitles = (
    await demo.db
      .select({ title: sections.title })
      .from(sections)
      .where(eq(sections.consultationId, demo.consultationId))
  ).map((s) => s.title);
  measureCodes = (
    await demo.db
      .select({ code: measures.code })
      .from(measures)
      .where(eq(measures.consultationId, demo.consultationId))
  ).map((m) => m.code);
});
afterAll(async () => {
  await demo.handle.close();
});

const pkg = (anonymous = false) =>
  councilPackage(testServices(demo.db), demo.user("moderator"), {
    consultationId: demo.consultationId,
    versionId,
    anonymous,
  });

function expectComplete(text: string) {
  const flat = text.replace(/\s+/g, " ");
  expect(sectionTitles.length).toBeGreaterThan(0);
  for (const title of sectionTitles) expect(flat).toContain(title);
  for (const code of measureCodes) expect(flat).toContain(code);
  for (const heading of [
    "Strategiepapier",
    "Maßnahmenplan",
    "Stellungnahmen je Maßnahme",
    "Abwägungstabelle",
  ]) {
    expect(flat).toContain(heading);
  }
  expect(flat).toContain("teilweise berücksichtigt");
  expect(flat).toContain("nicht berücksichtigt");
  expect(flat).toContain("Übernommen in Abschnitt „Größere Ziele“.");
  expect(flat).toContain("Ratsfassung Ü");
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
    pages.push(
      content.items
        .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : ""))
        .join(""),
    );
  }
  await pdf.destroy();
  return pages.join("\n");
}

function xlsxRows(bytes: Uint8Array): string[][] {
  const sheet = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]!);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  return [...sheet.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((cell) => decode(cell[1]!)),
  );
}

describe("council package export", () => {
  it("DOCX contains every section heading, measure code and disposition with umlauts intact", async () => {
    const bytes = await councilDocx(await pkg());
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expectComplete(value);
  });

  it("ODT is a valid OpenDocument zip whose content.xml has everything", async () => {
    const bytes = await councilOdt(await pkg());
    // The ODF spec: "mimetype" first, stored uncompressed, so its name and value sit at fixed offsets.
    expect(strFromU8(bytes.slice(30, 38))).toBe("mimetype");
    expect(strFromU8(bytes.slice(38, 38 + ODT_MIME.length))).toBe(ODT_MIME);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual([
      "mimetype",
      "META-INF/manifest.xml",
      "meta.xml",
      "styles.xml",
      "content.xml",
    ]);
    const content = strFromU8(files["content.xml"]!);
    expectComplete(content.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&"));
  });

  it("PDF text has everything", async () => {
    const text = await pdfText(await councilPdf(await pkg()));
    const flat = text.replace(/\s+/g, " ");
    for (const title of sectionTitles) expect(flat).toContain(title);
    for (const code of measureCodes) expect(flat).toContain(code);
    expect(flat).toContain("Maßnahmenplan");
    expect(flat).toContain("Abwägungstabelle");
    expect(flat).toContain("teilweise berücksichtigt");
    expect(flat).toContain("Größere Ziele");
  });

  it("XLSX holds the Abwägungstabelle with one row per item", async () => {
    const p = await pkg();
    const rows = xlsxRows(dispositionXlsx(p));
    expect(rows[0]).toEqual(["Beitrag", "Organisation", "Inhalt", "Abwägung", "Begründung"]);
    expect(rows).toHaveLength(p.feedback.length + 1);
    const dispositions = rows.map((r) => r[3]);
    expect(dispositions).toContain("teilweise berücksichtigt");
    expect(dispositions).toContain("nicht berücksichtigt");
  });

  it("two exports of the same version are identical, even after the live data changes", async () => {
    const first = await pkg();
    await demo.db
      .update(measures)
      .set({ title: "Geändert nach dem Einfrieren" })
      .where(eq(measures.code, "M-01"));
    const second = await pkg();
    expect(second).toEqual(first);
    expect(councilOdt(second)).toEqual(councilOdt(first));
    expect(dispositionXlsx(second)).toEqual(dispositionXlsx(first));
    const docxText = async () =>
      (await mammoth.extractRawText({ buffer: Buffer.from(await councilDocx(await pkg())) })).value;
    expect(await docxText()).toBe(await docxText());
    expect(await pdfText(await councilPdf(second))).toBe(await pdfText(await councilPdf(first)));
  });

  it("leaves personal names out on request", async () => {
    const named = await pkg(false);
    const anonymous = await pkg(true);
    const author = named.feedback.find((f) => f.organisation.includes("("));
    expect(author).toBeTruthy();
    expect(anonymous.feedback.some((f) => f.organisation.includes("("))).toBe(false);
  });

  it("refuses versions that do not exist and non-moderators", async () => {
    expect(
      await outcome(
        councilPackage(testServices(demo.db), demo.user("moderator"), {
          consultationId: demo.consultationId,
          versionId: "00000000-0000-4000-8000-000000000000",
          anonymous: false,
        }),
      ),
    ).toBe("not_found:versions.notFound");
    for (const account of ["editor", "contributor", "observer"] as const) {
      expect(
        await outcome(
          councilPackage(testServices(demo.db), demo.user(account), {
            consultationId: demo.consultationId,
            versionId,
            anonymous: false,
          }),
        ),
      ).toBe("forbidden:role");
    }
  });
});
