/* Pure data helpers for section text; imported by the browser too, so no server imports here. */

/**
 * A section's text as plain data, for server rendering (first paint, clients without
 * JavaScript), exports and comparisons. Mirrors the editor's ProseMirror schema (Tiptap
 * StarterKit + tables) as stored by y-prosemirror in the Y.XmlFragment "default".
 */
export type Inline = { text: string; bold?: boolean; italic?: boolean; href?: string };
export type Block =
  | { kind: "heading"; level: number; content: Inline[] }
  | { kind: "paragraph"; content: Inline[] }
  | { kind: "list"; ordered: boolean; items: Block[][] }
  | { kind: "quote"; children: Block[] }
  | { kind: "table"; rows: { header: boolean; cells: Block[][] }[] };

/** Parses the starter-text subset: "## " headings, "- " bullets, blank-line separated paragraphs. */
export function parseStarterText(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (paragraph.length)
      blocks.push({ kind: "paragraph", content: [{ text: paragraph.join(" ") }] });
    if (list) {
      blocks.push({
        kind: "list",
        ordered: false,
        items: list.map((item) => [{ kind: "paragraph", content: [{ text: item }] }]),
      });
    }
    paragraph = [];
    list = null;
  };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") {
      flush();
    } else if (line.startsWith("## ")) {
      flush();
      blocks.push({ kind: "heading", level: 2, content: [{ text: line.slice(3) }] });
    } else if (line.startsWith("- ")) {
      if (paragraph.length) flush();
      list ??= [];
      list.push(line.slice(2));
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** Plain text of blocks, one line per paragraph (for comparisons and search). */
export function blocksToText(blocks: Block[]): string {
  const lines: string[] = [];
  const walk = (list: Block[]) => {
    for (const block of list) {
      if (block.kind === "heading" || block.kind === "paragraph") {
        lines.push(block.content.map((r) => r.text).join(""));
      } else if (block.kind === "quote") walk(block.children);
      else if (block.kind === "list") block.items.forEach(walk);
      else for (const row of block.rows) row.cells.forEach(walk);
    }
  };
  walk(blocks);
  return lines.join("\n");
}
