import { setImmediate as nextTurn } from "node:timers/promises";
import * as Y from "yjs";
import { SLICE_MS } from "./content.ts";
import type { DocStorage } from "./storage.ts";

/**
 * A document built from what is stored for it, row by row with event-loop turns in between (one
 * transaction over all rows is several times slower on PGlite, and one long apply would hold up
 * other requests). Returns null when nothing is stored. The caller destroys the document.
 */
export async function loadYDoc(storage: DocStorage, docName: string): Promise<Y.Doc | null> {
  const stored = await storage.load(docName);
  if (stored.updates.length === 0) return null;
  return decodeUpdates(stored.updates);
}

/** A document built from stored updates, yielding to the event loop between rows. */
export async function decodeUpdates(updates: Uint8Array[]): Promise<Y.Doc> {
  const doc = new Y.Doc();
  let sliceStart = performance.now();
  for (const update of updates) {
    // One row is applied in one go (Yjs cannot apply an update in parts): a large compacted
    // snapshot blocks for as long as applying it takes.
    Y.applyUpdate(doc, update);
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return doc;
}
