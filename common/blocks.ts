/* Pure data helpers for section text; imported by the browser too, so no server imports here. */

/**
 * A section's text as plain data, for server rendering (first paint, clients without
 * JavaScript), exports and comparisons. Mirrors the editor's ProseMirror schema (Tiptap
 * StarterKit + tables) as stored by y-prosemirror in the Y.XmlFragment "default".
 */
export type Inline = {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Struck through (Tiptap's Strike mark, stored as the Yjs attribute `strike`). */
  strike?: boolean;
  href?: string;
};
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

/**
 * Deepest nesting of quotes, lists and tables kept in a block tree. Anything nested deeper is
 * kept as flat content at this level, so every walker of blocks (rendering, exports, JSON
 * storage) stays far from the stack limit whatever shape a stored document has.
 */
export const MAX_BLOCK_DEPTH = 32;

/** The blocks directly inside a container, in reading order (list items and cells joined). */
function innerBlocks(block: Block): Block[] {
  if (block.kind === "quote") return block.children;
  if (block.kind === "list") return block.items.flat();
  if (block.kind === "table") return block.rows.flatMap((row) => row.cells.flat());
  return [];
}

/** Puts `blocks` on a last-first work stack so they come off it in order (no argument spread). */
function pushInOrder(work: Block[], blocks: Block[]): void {
  for (let i = blocks.length - 1; i >= 0; i--) work.push(blocks[i]!);
}

/**
 * The same blocks with containers nested deeper than `maxDepth` replaced by their content, in
 * order. Iterative, so a tree of any depth is accepted.
 */
export function boundBlocks(blocks: Block[], maxDepth = MAX_BLOCK_DEPTH): Block[] {
  const root: Block[] = [];
  const frames = [{ source: blocks, out: root, depth: 0 }];
  for (let frame = frames.pop(); frame; frame = frames.pop()) {
    const { out, depth } = frame;
    const child = (source: Block[]) => {
      const list: Block[] = [];
      frames.push({ source, out: list, depth: depth + 1 });
      return list;
    };
    // Blocks still to place into `out`, last first; a flattened container's content goes on top.
    const work: Block[] = [];
    pushInOrder(work, frame.source);
    for (let block = work.pop(); block; block = work.pop()) {
      if (block.kind === "heading" || block.kind === "paragraph") out.push(block);
      else if (depth >= maxDepth) pushInOrder(work, innerBlocks(block));
      else if (block.kind === "quote") out.push({ kind: "quote", children: child(block.children) });
      else if (block.kind === "list")
        out.push({ kind: "list", ordered: block.ordered, items: block.items.map(child) });
      else
        out.push({
          kind: "table",
          rows: block.rows.map((row) => ({ header: row.header, cells: row.cells.map(child) })),
        });
    }
  }
  return root;
}

/** Plain text of blocks, one line per paragraph (for comparisons and search). */
export function blocksToText(blocks: Block[]): string {
  const lines: string[] = [];
  // Iterative, in document order: the lists still to read, the innermost last.
  const work: Block[] = [];
  pushInOrder(work, blocks);
  for (let block = work.pop(); block; block = work.pop()) {
    if (block.kind === "heading" || block.kind === "paragraph") {
      lines.push(block.content.map((r) => r.text).join(""));
    } else pushInOrder(work, innerBlocks(block));
  }
  return lines.join("\n");
}
