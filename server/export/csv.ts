/**
 * CSV as German Excel opens it without an import dialog: UTF-8 with a byte order mark (so umlauts
 * survive), semicolons between fields, CRLF line ends, and RFC 4180 quoting.
 */
const BOM = "\uFEFF";

/**
 * Spreadsheet programs run cells that start with these characters as formulas; text from users
 * gets a leading apostrophe so that a requirement titled "=HYPERLINK(…)" stays text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Negative amounts such as "-500,00" are numbers, not formulas. */
const PLAIN_NUMBER = /^-\d+(,\d+)?$/;

export type CsvCell = string | number | null | undefined;

function escapeCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  let text = typeof cell === "number" ? String(cell) : cell;
  if (typeof cell === "string" && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) {
    text = `'${text}`;
  }
  if (/[;"\r\n]/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** The CSV text for a header row and data rows, BOM included. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(escapeCell).join(";")).join("\r\n") + "\r\n";
}

/** Formats euro cents as a German decimal number without thousands separators ("12500,00"). */
export function csvEuro(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  return (cents / 100).toFixed(2).replace(".", ",");
}

/** A download response for CSV text; the filename is ASCII so every browser keeps it. */
export function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
