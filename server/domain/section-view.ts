import { setImmediate as nextTurn } from "node:timers/promises";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "#db/client.ts";
import { sections } from "#db/schema/index.ts";
import { PostgresStorage, storedState } from "#server/collab/persistence.ts";
import { resolveAnchor } from "./anchors.ts";
import { docToBlocks, parseStarterText, type Block } from "./section-doc.ts";

/**
 * What page views read of a section's document (issue 12): its blocks and where comment anchors
 * point. Taken from the collab room when the document is loaded there (RequestContext.collab
 * `peek`), else from a view cached per stored state, so an unchanged document is read from the
 * database and decoded once, not on every page view. Decoding yields to the event loop between
 * stored rows, so a large section does not hold up other requests.
 */

/** Read-only access to documents loaded in collab rooms. */
export interface LoadedDocs {
  peek(docName: string): Y.Doc | null;
}

/** Where a comment anchor points, without references into a document. */
export type AnchorView = { orphaned: boolean; from: number; text: string | null };

export interface AnchorPair {
  start: string;
  end: string;
}

interface View {
  blocks: Block[];
  /** Resolved anchors by `${start} ${end}`. */
  anchors: Map<string, AnchorView>;
}

/** Stored sections whose views are kept; a page view needs one. */
const MAX_CACHED = 8;
/** Longest stretch of decoding before the event loop gets a turn. */
const SLICE_MS = 20;

/** Views of stored documents by section id, least recently used first. */
const cache = new Map<string, { state: string; view: View }>();
/** Views of documents loaded in rooms, dropped on the document's next update. */
const live = new WeakMap<Y.Doc, View>();

const anchorKey = (anchor: AnchorPair) => `${anchor.start} ${anchor.end}`;

function resolveInto(view: View, doc: Y.Doc, anchors: AnchorPair[]): void {
  for (const anchor of anchors) {
    const key = anchorKey(anchor);
    if (view.anchors.has(key)) continue;
    const resolved = resolveAnchor(doc, anchor.start, anchor.end);
    view.anchors.set(key, {
      orphaned: resolved.orphaned,
      from: resolved.from,
      text: resolved.orphaned ? null : resolved.text,
    });
  }
}

/** A document built from stored updates, row by row, with event-loop turns in between. */
export async function decodeStored(updates: Uint8Array[]): Promise<Y.Doc> {
  const doc = new Y.Doc();
  let sliceStart = performance.now();
  for (const update of updates) {
    Y.applyUpdate(doc, update);
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return doc;
}

function liveView(doc: Y.Doc, anchors: AnchorPair[]): View {
  let view = live.get(doc);
  if (!view) {
    view = { blocks: docToBlocks(doc), anchors: new Map() };
    live.set(doc, view);
    doc.once("update", () => live.delete(doc));
  }
  resolveInto(view, doc, anchors);
  return view;
}

async function storedView(db: Database, sectionId: string, anchors: AnchorPair[]): Promise<View> {
  const state = await storedState(db, sectionId);
  const cached = cache.get(sectionId);
  if (
    cached &&
    cached.state === state &&
    anchors.every((a) => cached.view.anchors.has(anchorKey(a)))
  ) {
    cache.delete(sectionId);
    cache.set(sectionId, cached);
    return cached.view;
  }
  const stored = await new PostgresStorage(db).load(sectionId);
  if (stored.updates.length === 0) {
    const [section] = await db
      .select({ initialContent: sections.initialContent })
      .from(sections)
      .where(eq(sections.id, sectionId));
    // Starter text before the first edit: cheap, and anchors cannot point into it.
    const view = { blocks: parseStarterText(section?.initialContent ?? ""), anchors: new Map() };
    for (const a of anchors)
      view.anchors.set(anchorKey(a), { orphaned: true, from: 0, text: null });
    return view;
  }
  const doc = await decodeStored(stored.updates);
  try {
    // Keyed by the state read before loading: what was read is never older than its key.
    const reused = cached && cached.state === state ? cached.view : null;
    const view = reused ?? { blocks: docToBlocks(doc), anchors: new Map() };
    resolveInto(view, doc, anchors);
    cache.delete(sectionId);
    cache.set(sectionId, { state, view });
    while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    return view;
  } finally {
    doc.destroy();
  }
}

/**
 * The current blocks of a section and where the given anchors point: from the loaded room's
 * document when there is one, else from the stored document (cached per stored state).
 */
export async function sectionView(
  db: Database,
  sectionId: string,
  options: { docs?: LoadedDocs | null; anchors?: AnchorPair[] } = {},
): Promise<{ blocks: Block[]; anchor(pair: AnchorPair): AnchorView }> {
  const anchors = options.anchors ?? [];
  const doc = options.docs?.peek(sectionId) ?? null;
  const view = doc ? liveView(doc, anchors) : await storedView(db, sectionId, anchors);
  return {
    blocks: view.blocks,
    anchor: (pair) => view.anchors.get(anchorKey(pair)) ?? { orphaned: true, from: 0, text: null },
  };
}
