import { strToU8, zipSync, type Zippable } from "fflate";
import { withoutXmlForbidden } from "#common/xml-chars.ts";

/**
 * Zips files in the given order with every entry dated `date`, so the same input gives the same
 * bytes. Entries listed in `stored` are kept uncompressed (ODF requires this for "mimetype").
 */
export function deterministicZip(
  files: [path: string, data: Uint8Array | string][],
  date: Date,
  stored: readonly string[] = [],
): Uint8Array {
  // ZIP stores local DOS times; dates before 1980 cannot be represented.
  const mtime = date.getTime() < Date.UTC(1980, 0, 2) ? new Date(Date.UTC(1980, 0, 2)) : date;
  const zippable: Zippable = {};
  for (const [path, data] of files) {
    zippable[path] = [
      typeof data === "string" ? strToU8(data) : data,
      { level: stored.includes(path) ? 0 : 6, mtime },
    ];
  }
  return zipSync(zippable);
}

/** Escapes text for XML content and attribute values, dropping characters XML forbids. */
export function xml(text: string): string {
  return withoutXmlForbidden(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
