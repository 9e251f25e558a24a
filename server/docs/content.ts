import { setImmediate as nextTurn } from "node:timers/promises";
import * as Y from "yjs";
import { boundBlocks, type Block, type Inline } from "#common/blocks.ts";

export * from "#common/blocks.ts";

/** The Y.XmlFragment the editor binds to (Tiptap's Collaboration default field). */
export { FRAGMENT } from "#common/fragment.ts";
import { FRAGMENT } from "#common/fragment.ts";

/** Updates made while seeding carry this client id, so the same text always gives the same bytes. */
const SEED_CLIENT_ID = 1;

function textNode(content: Inline[]): Y.XmlText {
  const text = new Y.XmlText();
  let offset = 0;
  for (const run of content) {
    const attributes: Record<string, unknown> = {};
    if (run.bold) attributes.bold = {};
    if (run.italic) attributes.italic = {};
    if (run.strike) attributes.strike = {};
    if (run.href) attributes.link = { href: run.href };
    text.insert(offset, run.text, attributes);
    offset += run.text.length;
  }
  return text;
}

function element(
  name: string,
  children: (Y.XmlElement | Y.XmlText)[],
  attrs: Record<string, unknown> = {},
) {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value as string);
  node.insert(0, children);
  return node;
}

function blockToXml(block: Block): Y.XmlElement {
  switch (block.kind) {
    case "heading":
      return element("heading", [textNode(block.content)], { level: block.level });
    case "paragraph":
      return element("paragraph", block.content.length ? [textNode(block.content)] : []);
    case "quote":
      return element("blockquote", block.children.map(blockToXml));
    case "list":
      return element(
        block.ordered ? "orderedList" : "bulletList",
        block.items.map((item) => element("listItem", item.map(blockToXml))),
      );
    case "table":
      return element(
        "table",
        block.rows.map((row) =>
          element(
            "tableRow",
            row.cells.map((cell) =>
              element(row.header ? "tableHeader" : "tableCell", cell.map(blockToXml)),
            ),
          ),
        ),
      );
  }
}

/** A Yjs update holding the blocks; deterministic, so seeding twice never duplicates text. */
export function blocksToUpdate(blocks: Block[]): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = SEED_CLIENT_ID;
  try {
    const fragment = doc.getXmlFragment(FRAGMENT);
    doc.transact(() => fragment.insert(0, blocks.map(blockToXml)));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

function inlineOf(text: Y.XmlText): Inline[] {
  const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
  const runs: Inline[] = [];
  for (const op of delta) {
    if (typeof op.insert !== "string") continue;
    const attrs = op.attributes ?? {};
    const link = attrs.link as { href?: unknown } | undefined;
    const run: Inline = { text: op.insert };
    if (attrs.bold) run.bold = true;
    if (attrs.italic) run.italic = true;
    if (attrs.strike) run.strike = true;
    if (link && typeof link.href === "string") run.href = link.href;
    runs.push(run);
  }
  return runs;
}

function inlineChildren(node: Y.XmlElement): Inline[] {
  const runs: Inline[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) for (const run of inlineOf(child)) runs.push(run);
    else if (child instanceof Y.XmlElement && child.nodeName === "hardBreak")
      runs.push({ text: "\n" });
  }
  return runs;
}

const elements = (node: Y.XmlElement) =>
  node.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);

/**
 * Walks one top-level element into `out` with an explicit stack (a stored document may nest
 * thousands of levels, issue 3), yielding after each element so a driver can give the event
 * loop a turn in between (issue 12).
 */
function* walkElement(top: Y.XmlElement, out: Block[]): Generator<void, void, void> {
  // Each entry: nodes whose blocks go into `out`, in order.
  const work: { nodes: (Y.XmlElement | Y.XmlText)[]; out: Block[] }[] = [{ nodes: [top], out }];
  const into = (node: Y.XmlElement) => {
    const out: Block[] = [];
    work.push({ nodes: node.toArray() as (Y.XmlElement | Y.XmlText)[], out });
    return out;
  };
  for (let next = work.pop(); next; next = work.pop()) {
    for (const node of next.nodes) {
      if (!(node instanceof Y.XmlElement)) continue;
      switch (node.nodeName) {
        case "heading": {
          const level = Number(node.getAttribute("level") ?? 2);
          next.out.push({
            kind: "heading",
            level: level >= 1 && level <= 6 ? level : 2,
            content: inlineChildren(node),
          });
          break;
        }
        case "paragraph":
        case "codeBlock":
          next.out.push({ kind: "paragraph", content: inlineChildren(node) });
          break;
        case "blockquote":
          next.out.push({ kind: "quote", children: into(node) });
          break;
        case "bulletList":
        case "orderedList":
          next.out.push({
            kind: "list",
            ordered: node.nodeName === "orderedList",
            items: elements(node).map(into),
          });
          break;
        case "table":
          next.out.push({
            kind: "table",
            rows: elements(node).map((row) => {
              const cells = elements(row);
              return {
                header: cells.length > 0 && cells.every((c) => c.nodeName === "tableHeader"),
                cells: cells.map(into),
              };
            }),
          });
          break;
        default:
          continue;
      }
      yield;
    }
  }
}

/**
 * Blocks already computed for top-level elements that did not change since (a document loaded
 * in a collab room keeps one, issue 12): `get` answers only for unchanged elements.
 */
export interface TopLevelBlocks {
  get(element: Y.XmlElement): Block[] | undefined;
  set(element: Y.XmlElement, blocks: Block[]): void;
}

/**
 * The blocks of a Yjs document's editor fragment, nested at most MAX_BLOCK_DEPTH deep, as a
 * generator that yields between elements: drive it with `drive` (all at once) or, on the server,
 * `driveSliced` (with event-loop turns). Top-level elements found in `reuse` are not walked again.
 */
export function* docBlocks(doc: Y.Doc, reuse?: TopLevelBlocks): Generator<void, Block[], void> {
  const root: Block[] = [];
  for (const node of doc.getXmlFragment(FRAGMENT).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    let blocks = reuse?.get(node);
    if (!blocks) {
      const raw: Block[] = [];
      yield* walkElement(node, raw);
      // Bounding each top-level block alone is the same as bounding the whole list.
      blocks = boundBlocks(raw);
      reuse?.set(node, blocks);
    }
    for (const block of blocks) root.push(block);
    yield;
  }
  return root;
}

/** Runs a stepwise walk to its end in one go. */
export function drive<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Longest stretch of a walk before the event loop gets a turn. */
export const SLICE_MS = 20;

/** Runs a stepwise walk to its end, giving the event loop a turn every `sliceMs` of work. */
export async function driveSliced<T>(
  steps: Generator<void, T, void>,
  sliceMs = SLICE_MS,
): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/**
 * The blocks of a Yjs document's editor fragment, nested at most MAX_BLOCK_DEPTH deep, in one go
 * (page views use `driveSliced(docBlocks(doc))`). Iterative: a stored document may nest
 * thousands of levels (issue 3).
 */
export function docToBlocks(doc: Y.Doc): Block[] {
  return drive(docBlocks(doc));
}
