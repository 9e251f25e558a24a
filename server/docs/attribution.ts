import { setImmediate as nextTurn } from "node:timers/promises";
import * as Y from "yjs";
import { FRAGMENT } from "#common/fragment.ts";
import { SLICE_MS } from "./content.ts";

/** One stored log row with its attribution, oldest first. */
export interface AttributedRow {
  update: Uint8Array;
  /** The user whose connection (or server edit) sent the update; null for starter text. */
  userId: string | null;
  at: Date;
}

/**
 * A passage of the text between two points: unchanged, inserted or deleted in the range, with
 * the row whose author inserted ("ins") or deleted ("del") it.
 */
export interface AttributedRun {
  kind: "same" | "ins" | "del";
  text: string;
  /** Index of the log row that made the change (null for "same"). */
  row: number | null;
}

/** A paragraph-level block of the text: a paragraph, a heading or a list item's paragraph. */
export interface AttributedBlock {
  kind: "paragraph" | "heading" | "item";
  runs: AttributedRun[];
}

/**
 * Which values cover which clock ranges of each Yjs client: the first value given for a clock
 * wins (a later row carrying the same struct or deletion again is a duplicate, not its origin).
 */
class FirstSeen {
  private readonly clients = new Map<number, { start: number; end: number; value: number }[]>();

  add(client: number, start: number, length: number, value: number): void {
    let ranges = this.clients.get(client);
    if (!ranges) this.clients.set(client, (ranges = []));
    const end = start + length;
    // The parts of [start, end) no stored range covers yet.
    const gaps: { start: number; end: number; value: number }[] = [];
    let cursor = start;
    for (const r of ranges) {
      if (r.end <= cursor) continue;
      if (r.start >= end) break;
      if (r.start > cursor) gaps.push({ start: cursor, end: r.start, value });
      cursor = Math.max(cursor, r.end);
      if (cursor >= end) break;
    }
    if (cursor < end) gaps.push({ start: cursor, end, value });
    if (gaps.length === 0) return;
    ranges.push(...gaps);
    ranges.sort((a, b) => a.start - b.start);
  }

  /** The value at each clock of [start, start+length), as consecutive pieces (undefined: none). */
  pieces(
    client: number,
    start: number,
    length: number,
  ): { start: number; end: number; value: number | undefined }[] {
    const ranges = this.clients.get(client) ?? [];
    const end = start + length;
    const out: { start: number; end: number; value: number | undefined }[] = [];
    let cursor = start;
    // Binary search for the first range ending after `start`.
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < ranges.length && cursor < end; i++) {
      const r = ranges[i]!;
      if (r.start >= end) break;
      if (r.start > cursor) out.push({ start: cursor, end: r.start, value: undefined });
      const pieceEnd = Math.min(r.end, end);
      out.push({ start: Math.max(cursor, r.start), end: pieceEnd, value: r.value });
      cursor = pieceEnd;
    }
    if (cursor < end) out.push({ start: cursor, end, value: undefined });
    return out;
  }
}

/** Splits [start, end) at every boundary of both piece lists. */
function overlay(
  a: { start: number; end: number; value: number | undefined }[],
  b: { start: number; end: number; value: number | undefined }[],
) {
  const out: { start: number; end: number; inserted?: number; deleted?: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const pa = a[i]!;
    const pb = b[j]!;
    const start = Math.max(pa.start, pb.start);
    const end = Math.min(pa.end, pb.end);
    if (end > start) out.push({ start, end, inserted: pa.value, deleted: pb.value });
    if (pa.end <= pb.end) i++;
    else j++;
  }
  return out;
}

const TEXT_BLOCKS: Record<string, AttributedBlock["kind"]> = {
  paragraph: "paragraph",
  heading: "heading",
};

/**
 * Who changed what between two points of a document's update log.
 *
 * `snapshot` (the compacted state, if any) and `rows[0..to)` are applied in order to a document
 * that keeps deleted content (gc off). Every inserted struct and every deletion is traced to the
 * first row that carried it (Yjs ids are client id + clock, so a row's structs and delete set
 * say exactly which characters it inserted and deleted). Then the text is walked, deleted items
 * included, and each character is classified against the range `rows[from..to)`:
 * - inserted before `from` (or in the snapshot) and not deleted in the range: unchanged;
 * - inserted in the range and still there at `to`: "ins", by the inserting row;
 * - there at `from` and deleted in the range: "del", by the deleting row;
 * - inserted and deleted inside the range, or deleted before `from`: left out.
 * Formatting changes (bold, links) are not changes of the text and are not shown.
 *
 * Cost: applying every row up to `to` plus one pass over the text and its deleted items, linear
 * in the stored bytes; the caller bounds the rows it passes. Yields to the event loop between
 * rows like `decodeUpdates`.
 */
export async function attributeText(input: {
  snapshot: Uint8Array | null;
  rows: AttributedRow[];
  from: number;
  to: number;
}): Promise<AttributedBlock[]> {
  const { snapshot, rows, from, to } = input;
  const doc = new Y.Doc({ gc: false });
  const inserted = new FirstSeen();
  const deleted = new FirstSeen();
  try {
    let sliceStart = performance.now();
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (let i = 0; i < to; i++) {
      const update = rows[i]!.update;
      const decoded = Y.decodeUpdate(update);
      for (const struct of decoded.structs) {
        if (struct instanceof Y.Skip) continue;
        inserted.add(struct.id.client, struct.id.clock, struct.length, i);
      }
      for (const [client, items] of decoded.ds.clients) {
        for (const item of items) deleted.add(client, item.clock, item.len, i);
      }
      Y.applyUpdate(doc, update);
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
    return walk(doc.getXmlFragment(FRAGMENT), (item, text) => {
      const runs: AttributedRun[] = [];
      const { client, clock } = item.id;
      const parts = overlay(
        inserted.pieces(client, clock, item.length),
        deleted.pieces(client, clock, item.length),
      );
      for (const part of parts) {
        const slice = text.slice(part.start - clock, part.end - clock);
        const before = part.inserted === undefined || part.inserted < from;
        if (!item.deleted) {
          runs.push(
            before
              ? { kind: "same", text: slice, row: null }
              : { kind: "ins", text: slice, row: part.inserted! },
          );
        } else if (before && part.deleted !== undefined && part.deleted >= from) {
          runs.push({ kind: "del", text: slice, row: part.deleted });
        }
      }
      return runs;
    });
  } finally {
    doc.destroy();
  }
}

/**
 * The text blocks of the document in order, deleted ones included, with an explicit stack (a
 * stored document may nest deeply). `runsOf` classifies one string item's characters.
 */
function walk(
  fragment: Y.XmlFragment,
  runsOf: (item: Y.Item, text: string) => AttributedRun[],
): AttributedBlock[] {
  const blocks: AttributedBlock[] = [];
  // Each entry: the next item to visit in a type's list, the block text goes into, list depth.
  const stack: { item: Y.Item | null; block: AttributedBlock | null; inItem: boolean }[] = [
    { item: fragment._start, block: null, inItem: false },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const item = top.item;
    if (!item) {
      stack.pop();
      continue;
    }
    top.item = item.right;
    const content = item.content;
    if (content instanceof Y.ContentString && top.block) {
      push(top.block, runsOf(item, content.str));
    } else if (content instanceof Y.ContentType) {
      const type = content.type;
      if (type instanceof Y.XmlText) {
        stack.push({ item: type._start, block: top.block, inItem: top.inItem });
      } else if (type instanceof Y.XmlElement) {
        const name = type.nodeName;
        if (name === "hardBreak" && top.block) {
          push(top.block, [{ kind: "same", text: "\n", row: null }]);
          continue;
        }
        const kind = TEXT_BLOCKS[name];
        let block = top.block;
        if (kind) {
          block = { kind: kind === "paragraph" && top.inItem ? "item" : kind, runs: [] };
          blocks.push(block);
        }
        stack.push({ item: type._start, block, inItem: top.inItem || name === "listItem" });
      }
    }
  }
  return blocks.filter((b) => b.runs.some((r) => r.text.trim() !== ""));
}

/** Appends runs, merging a run into the previous one of the same kind and row. */
function push(block: AttributedBlock, runs: AttributedRun[]): void {
  for (const run of runs) {
    const last = block.runs[block.runs.length - 1];
    if (last && last.kind === run.kind && last.row === run.row) last.text += run.text;
    else block.runs.push({ ...run });
  }
}
