import * as Y from "yjs";
import { loadYDoc } from "#server/docs/load.ts";
import type { DocStorage } from "#server/docs/storage.ts";
import { linearSteps, resolveIn, type Linear } from "#common/anchors.ts";
import {
  docBlocks,
  driveSliced,
  FRAGMENT,
  type Block,
  type TopLevelBlocks,
} from "#server/docs/content.ts";

/**
 * What page views read of a section's document (issue 12): its blocks and where comment anchors
 * point. Taken from the collab room when the document is loaded there (RequestContext.collab
 * `peek`), else from a view cached per stored state, so an unchanged document is read from the
 * database and decoded once, not on every page view. Decoding yields to the event loop between
 * stored rows, and the walks to blocks and to anchor text between elements, so a large section
 * does not hold up other requests.
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

/** Views of stored documents by section id, least recently used first. */
const cache = new Map<string, { state: string; view: View }>();

/**
 * Stored sections whose resolved anchors are kept without their blocks: a page listing the
 * threads of every section needs only anchors, and views of more sections than MAX_CACHED
 * would push each other out and read every document again on each visit.
 */
const MAX_ANCHORED = 512;

/** Resolved anchors of stored documents by section id, least recently used first. */
const anchorCache = new Map<string, { state: string; anchors: Map<string, AnchorView> }>();

function keepAnchors(sectionId: string, state: string, anchors: Map<string, AnchorView>) {
  anchorCache.delete(sectionId);
  anchorCache.set(sectionId, { state, anchors });
  while (anchorCache.size > MAX_ANCHORED) anchorCache.delete(anchorCache.keys().next().value!);
}

/** What is kept of a document loaded in a room. */
interface Live {
  /** The view of the current state, dropped on the document's next update. */
  view: Promise<View> | null;
  /** The plain text for anchors of the current state, dropped with the view. */
  linear: Promise<Linear> | null;
  /** Blocks of top-level elements by element, for those not changed since they were walked. */
  blocks: WeakMap<Y.XmlElement, Block[]>;
  /** Top-level elements changed (inside or in their attributes) since they were last walked. */
  dirty: WeakSet<Y.XmlElement>;
}
const live = new WeakMap<Y.Doc, Live>();

const anchorKey = (anchor: AnchorPair) => `${anchor.start} ${anchor.end}`;

/** The top-level element of the fragment that holds `type`, or null for the fragment itself. */
function topLevel(type: Y.AbstractType<unknown>, fragment: Y.XmlFragment): Y.XmlElement | null {
  let current = type;
  for (;;) {
    const parent = current._item?.parent as Y.AbstractType<unknown> | undefined;
    if (!parent) return null;
    if (parent === fragment) return current instanceof Y.XmlElement ? current : null;
    current = parent;
  }
}

function liveState(doc: Y.Doc): Live {
  let state = live.get(doc);
  if (state) return state;
  const created: Live = {
    view: null,
    linear: null,
    blocks: new WeakMap(),
    dirty: new WeakSet(),
  };
  const fragment = doc.getXmlFragment(FRAGMENT);
  fragment.observeDeep((events) => {
    for (const event of events) {
      const top = topLevel(event.target as Y.AbstractType<unknown>, fragment);
      if (top) created.dirty.add(top);
    }
  });
  doc.on("update", () => {
    created.view = null;
    created.linear = null;
  });
  live.set(doc, (state = created));
  return state;
}

async function resolveInto(
  view: View,
  doc: Y.Doc,
  anchors: AnchorPair[],
  linear: () => Promise<Linear>,
): Promise<void> {
  const missing = anchors.filter((a) => !view.anchors.has(anchorKey(a)));
  if (missing.length === 0) return;
  // One walk of the text for all anchors, in slices.
  const text = await linear();
  for (const anchor of missing) {
    const resolved = resolveIn(doc, text, anchor.start, anchor.end);
    view.anchors.set(anchorKey(anchor), {
      orphaned: resolved.orphaned,
      from: resolved.from,
      text: resolved.orphaned ? null : resolved.text,
    });
  }
}

/**
 * The view of a document loaded in a room, walked in slices once per document state; top-level
 * elements unchanged since the last walk keep their blocks, so a view after a keystroke walks
 * only the changed paragraph (plus the top-level list).
 */
async function liveView(doc: Y.Doc, anchors: AnchorPair[]): Promise<View> {
  const state = liveState(doc);
  if (!state.view) {
    const reuse: TopLevelBlocks = {
      get(element) {
        if (!state.dirty.has(element)) return state.blocks.get(element);
        // Cleared before the element is walked: a change while walking marks it again.
        state.dirty.delete(element);
        return undefined;
      },
      set: (element, blocks) => state.blocks.set(element, blocks),
    };
    const walk = docBlocks(doc, reuse);
    state.view = driveSliced(walk).then((blocks) => ({ blocks, anchors: new Map() }));
  }
  const current = state.view;
  const view = await current;
  await resolveInto(view, doc, anchors, () => {
    // The text of the state this view was taken from; a later state gets its own.
    if (state.view !== current) return driveSliced(linearSteps(doc));
    return (state.linear ??= driveSliced(linearSteps(doc)));
  });
  return view;
}

async function storedView(
  storage: DocStorage,
  sectionId: string,
  anchors: AnchorPair[],
  knownState?: string,
): Promise<View> {
  const state = knownState ?? (await storage.state(sectionId));
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
  const doc = await loadYDoc(storage, sectionId);
  if (!doc) {
    const view: View = { blocks: [], anchors: new Map() };
    for (const a of anchors)
      view.anchors.set(anchorKey(a), { orphaned: true, from: 0, text: null });
    return view;
  }
  try {
    // Keyed by the state read before loading: what was read is never older than its key.
    const reused = cached && cached.state === state ? cached.view : null;
    const view = reused ?? { blocks: await driveSliced(docBlocks(doc)), anchors: new Map() };
    await resolveInto(view, doc, anchors, () => driveSliced(linearSteps(doc)));
    cache.delete(sectionId);
    cache.set(sectionId, { state, view });
    while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    keepAnchors(sectionId, state, view.anchors);
    return view;
  } finally {
    doc.destroy();
  }
}

/** A section's current blocks and where comment anchors point. */
export interface SectionView {
  blocks: Block[];
  anchor(pair: AnchorPair): AnchorView;
}

type ViewServices = { docs: DocStorage; collab?: LoadedDocs | null };

function viewOf(view: View): SectionView {
  return {
    blocks: view.blocks,
    anchor: (pair) => view.anchors.get(anchorKey(pair)) ?? { orphaned: true, from: 0, text: null },
  };
}

/**
 * The current blocks of a section and where the given anchors point: from the loaded room's
 * document when there is one, else from the stored document (cached per stored state).
 */
export async function sectionView(
  services: ViewServices,
  sectionId: string,
  anchors: AnchorPair[] = [],
): Promise<SectionView> {
  const doc = services.collab?.peek(sectionId) ?? null;
  const view = doc
    ? await liveView(doc, anchors)
    : await storedView(services.docs, sectionId, anchors);
  return viewOf(view);
}

/**
 * A section's current blocks: from the loaded room's document when there is one, else from the
 * stored document whose `DocStorage.states` marker the caller read before (search indexing).
 */
export async function sectionBlocks(
  services: ViewServices,
  sectionId: string,
  knownState?: string,
): Promise<Block[]> {
  const doc = services.collab?.peek(sectionId) ?? null;
  const view = doc
    ? await liveView(doc, [])
    : await storedView(services.docs, sectionId, [], knownState);
  return view.blocks;
}

/** Where a section's comment anchors point. */
export type Anchors = (pair: AnchorPair) => AnchorView;

/**
 * Where the anchors of several sections point (a page listing threads of many sections): what is
 * stored for them is checked in one query, and anchors already resolved for a document's current
 * state are kept apart from its blocks, so unchanged documents cost no round trip each; only
 * documents changed since are read, one after the other.
 */
export async function sectionAnchors(
  services: ViewServices,
  wanted: { sectionId: string; anchors: AnchorPair[] }[],
): Promise<Map<string, Anchors>> {
  const result = new Map<string, Anchors>();
  const stored = wanted.filter((w) => !services.collab?.peek(w.sectionId));
  const states = stored.length
    ? await services.docs.states(stored.map((w) => w.sectionId))
    : new Map<string, string>();
  for (const { sectionId, anchors } of wanted) {
    const doc = services.collab?.peek(sectionId) ?? null;
    const state = states.get(sectionId);
    const kept = anchorCache.get(sectionId);
    if (
      !doc &&
      kept &&
      kept.state === state &&
      anchors.every((a) => kept.anchors.has(anchorKey(a)))
    ) {
      keepAnchors(sectionId, kept.state, kept.anchors);
      result.set(sectionId, viewOf({ blocks: [], anchors: kept.anchors }).anchor);
      continue;
    }
    const view = doc
      ? await liveView(doc, anchors)
      : await storedView(services.docs, sectionId, anchors, state);
    result.set(sectionId, viewOf(view).anchor);
  }
  return result;
}
