const NUMBERED = /^(.*?)(\d+)$/;

/**
 * The next free measure number, as a hint for a new measure: the highest number among the codes
 * that share the most common prefix ("M-"), plus one, padded to the width that prefix's codes use
 * ("M-09" → "M-10", "M-1" → "M-2"). Codes without a trailing number are ignored; with none at all
 * the answer is "M-01". Never a code that exists already (compared case-insensitively).
 */
export function nextMeasureCode(codes: readonly string[]): string {
  const byPrefix = new Map<string, { max: number; width: number; count: number }>();
  for (const code of codes) {
    const match = NUMBERED.exec(code);
    if (!match) continue;
    const [, prefix = "", digits = ""] = match;
    const entry = byPrefix.get(prefix) ?? { max: 0, width: 0, count: 0 };
    entry.max = Math.max(entry.max, Number(digits));
    entry.width = Math.max(entry.width, digits.length);
    entry.count += 1;
    byPrefix.set(prefix, entry);
  }
  let best: [string, { max: number; width: number; count: number }] = [
    "M-",
    { max: 0, width: 2, count: 0 },
  ];
  for (const candidate of byPrefix) {
    if (candidate[1].count > best[1].count) best = candidate;
  }
  const [prefix, { max, width }] = best;
  const taken = new Set(codes.map((c) => c.toLocaleLowerCase("de")));
  for (let n = max + 1; ; n++) {
    const code = `${prefix}${String(n).padStart(width, "0")}`;
    if (!taken.has(code.toLocaleLowerCase("de"))) return code;
  }
}
