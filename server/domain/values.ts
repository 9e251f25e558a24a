/** Parsing of the typed values shared by measures, positions and requirements. */

export interface Quarter {
  year: number;
  quarter: number;
}

const QUARTER = /^(\d{4})\s*-?\s*Q([1-4])$/i;

/** "2027-Q1" (also "2027 Q1", "2027q1") → { year, quarter }; null when it is not a quarter. */
export function parseQuarter(value: string): Quarter | null {
  const match = QUARTER.exec(value.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, quarter: Number(match[2]) };
}

export function formatQuarter(year: number, quarter: number): string {
  return `${year}-Q${quarter}`;
}

/** Orders quarters: negative when a is before b. */
export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year * 4 + a.quarter - (b.year * 4 + b.quarter);
}

/** Quarter index for arithmetic (consecutive quarters differ by one). */
export function quarterIndex(q: Quarter): number {
  return q.year * 4 + (q.quarter - 1);
}

export function quarterFromIndex(index: number): Quarter {
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 };
}

const MAX_CENTS = 1_000_000_000_000; // ten billion euro: far beyond any municipal measure

/**
 * Parses a euro amount as people type it: German "12.500,50", plain "12500", "12500.5" or English
 * "12,500.50", with an optional "€". Returns cents, undefined for an empty field, or null when the
 * text is not an amount (or negative when `allowNegative` is false).
 */
export function parseEuro(value: string, allowNegative = false): number | null | undefined {
  let text = value.replace(/\s|€|EUR/gi, "");
  if (text === "") return undefined;
  let sign = 1;
  if (text.startsWith("-") || text.startsWith("−")) {
    if (!allowNegative) return null;
    sign = -1;
    text = text.slice(1);
  }
  let normalised: string | null = null;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(text) || /^\d+(,\d{1,2})?$/.test(text)) {
    normalised = text.replace(/\./g, "").replace(",", ".");
  } else if (/^\d+\.\d{1,2}$/.test(text)) {
    normalised = text;
  } else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(text)) {
    normalised = text.replace(/,/g, "");
  }
  if (normalised === null) return null;
  const cents = Math.round(Number(normalised) * 100);
  if (!Number.isFinite(cents) || cents > MAX_CENTS) return null;
  return sign * cents;
}

/** Today's date in the administration's time zone, as "YYYY-MM-DD". */
export function todayInBerlin(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** A real calendar date in "YYYY-MM-DD" form. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Keeps the values that are one of the allowed ones. */
export function isOneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}
