import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvEuro, toCsv } from "#server/export/csv.ts";
import { measuresPlan } from "#server/domain/measures/pages.ts";
import { parseMeasureQuery } from "#server/domain/measures/query.ts";
import { seededDemo, type SeededDemo } from "./fixtures.ts";
import { testServices } from "#testkit/services.ts";

/** A small RFC 4180 parser (semicolon-separated), independent of the writer under test. */
function parseCsv(text: string, separator = ";"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe("CSV export", () => {
  it("writes a BOM, semicolons, CRLF and quotes that round-trip with umlauts intact", () => {
    const cells = [
      ["Maßnahme", "Größe; Übersicht", 'Zitat "Ö"'],
      ["Zeile\nzwei", "=SUMME(A1)", "-500,00"],
    ];
    const csv = toCsv(["Nr.", "Titel", "Ä"], cells);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain('"Größe; Übersicht"');
    const parsed = parseCsv(csv.slice(1));
    expect(parsed).toEqual([
      ["Nr.", "Titel", "Ä"],
      ["Maßnahme", "Größe; Übersicht", 'Zitat "Ö"'],
      ["Zeile\nzwei", "'=SUMME(A1)", "-500,00"],
    ]);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csvEuro(1_250_050)).toBe("12500,50");
  });

  describe("on the seeded plan", { timeout: 120_000 }, () => {
    let demo: SeededDemo;
    beforeAll(async () => {
      demo = await seededDemo();
    }, 120_000);
    afterAll(async () => {
      await demo?.handle.close();
    });

    it("round-trips every measure's text", async () => {
      const plan = await measuresPlan(
        testServices(demo.db),
        demo.user("observer"),
        demo.consultationId,
        parseMeasureQuery(new URLSearchParams()),
      );
      const rows = plan.rows.map((m) => [
        m.code,
        m.title,
        m.description,
        csvEuro(m.costOneOffCents),
      ]);
      const parsed = parseCsv(toCsv(["Nr.", "Titel", "Beschreibung", "Kosten"], rows).slice(1));
      expect(parsed.slice(1)).toEqual(rows);
      expect(parsed.some((r) => r[1]!.includes("Kooperationsgremium"))).toBe(true);
      expect(parsed.flat().join(" ")).toContain("Schutzbedarf");
    });
  });
});
