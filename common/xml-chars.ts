/**
 * Characters that XML 1.0 forbids (everything outside its Char production): C0 control characters
 * other than tab, line feed and carriage return, U+FFFE, U+FFFF and surrogates that are not part
 * of a pair. One of them in a document makes the whole file unreadable, so text loses them on
 * input and again in every export writer (for text stored before input was cleaned).
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text without the characters XML 1.0 forbids. */
export function withoutXmlForbidden(text: string): string {
  return text.replace(FORBIDDEN, "");
}

/** A copy of plain data (objects, arrays, strings; dates kept) with every string cleaned. */
export function withoutXmlForbiddenDeep<T>(value: T): T {
  if (typeof value === "string") return withoutXmlForbidden(value) as T;
  if (Array.isArray(value)) return value.map(withoutXmlForbiddenDeep) as T;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, withoutXmlForbiddenDeep(entry)]),
    ) as T;
  }
  return value;
}
