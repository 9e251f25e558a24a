import { withoutXmlForbidden } from "./xml-chars.ts";

/** Characters that take no space: a text made only of them (and spaces) is empty. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * The shared rule for typed text: characters XML forbids are dropped (they would break every
 * export), surrounding white space is dropped, and a text with nothing visible left once
 * zero-width characters are removed counts as empty (""). Zero-width characters inside real text
 * are kept.
 */
export function cleanText(value: string): string {
  const trimmed = withoutXmlForbidden(value).trim();
  return trimmed.replace(ZERO_WIDTH, "").trim() === "" ? "" : trimmed;
}
