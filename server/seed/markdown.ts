/**
 * Builders for the small Markdown subset stored in `sections.initial_content` and in measure
 * descriptions: paragraphs separated by a blank line, "- " bullet items and "## " sub-headings,
 * nothing else.
 */

/** Joins blocks (paragraphs, bullet lists, sub-headings) with blank lines. */
export function md(...blocks: string[]): string {
  return blocks.join("\n\n");
}

/** A bullet list block. */
export function list(...items: string[]): string {
  return items.map((item) => `- ${item}`).join("\n");
}
