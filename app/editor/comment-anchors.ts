import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { decodeAnchor, encodeAnchor, withAssociation } from "#common/anchors.ts";

/** A thread as the editor needs it: its id and its stored anchors (ADR 011). */
export interface AnchoredThread {
  id: string;
  anchorStart: string;
  anchorEnd: string;
}

interface AnchorState {
  threads: AnchoredThread[];
  activeId: string | null;
  decorations: DecorationSet;
}

export const commentAnchorsKey = new PluginKey<AnchorState>("commentAnchors");

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<Y.AbstractType<unknown>, unknown> } | null;
}

function syncState(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  return sync?.binding ? sync : null;
}

/**
 * The editor range a thread's passage covers now, or null when it is orphaned (both ends meet
 * or only whitespace is left between them).
 */
export function threadRange(
  state: EditorState,
  thread: Pick<AnchoredThread, "anchorStart" | "anchorEnd">,
): { from: number; to: number } | null {
  const sync = syncState(state);
  if (!sync) return null;
  const start = decodeAnchor(thread.anchorStart);
  const end = decodeAnchor(thread.anchorEnd);
  if (!start || !end) return null;
  const mapping = sync.binding!.mapping as Parameters<typeof relativePositionToAbsolutePosition>[3];
  const from = relativePositionToAbsolutePosition(sync.doc, sync.type, start, mapping);
  const to = relativePositionToAbsolutePosition(sync.doc, sync.type, end, mapping);
  if (from === null || to === null || to <= from || to > state.doc.content.size) return null;
  if (state.doc.textBetween(from, to, "\n").trim() === "") return null;
  return { from, to };
}

/**
 * Where a thread's passage is in the live editor: its range and text, null when orphaned, or
 * undefined before the editor is bound to the Yjs document (then the server's answer stands).
 */
export function livePassage(
  state: EditorState,
  thread: Pick<AnchoredThread, "anchorStart" | "anchorEnd">,
): { from: number; text: string } | null | undefined {
  if (!syncState(state)) return undefined;
  const range = threadRange(state, thread);
  return range
    ? { from: range.from, text: state.doc.textBetween(range.from, range.to, "\n") }
    : null;
}

/** Anchors and quote for the current selection; null when nothing is selected. */
export function anchorsForSelection(
  state: EditorState,
): { anchorStart: string; anchorEnd: string; quote: string } | null {
  const { from, to, empty } = state.selection;
  const sync = syncState(state);
  if (empty || !sync) return null;
  const quote = state.doc.textBetween(from, to, "\n");
  if (quote.trim() === "") return null;
  const mapping = sync.binding!.mapping as Parameters<typeof absolutePositionToRelativePosition>[2];
  const start = withAssociation(
    absolutePositionToRelativePosition(from, sync.type, mapping),
    sync.doc,
    0,
  );
  const end = withAssociation(
    absolutePositionToRelativePosition(to, sync.type, mapping),
    sync.doc,
    -1,
  );
  if (!start || !end) return null;
  return { anchorStart: encodeAnchor(start), anchorEnd: encodeAnchor(end), quote };
}

function decorate(state: EditorState, threads: AnchoredThread[], activeId: string | null) {
  const decorations: Decoration[] = [];
  for (const thread of threads) {
    const range = threadRange(state, thread);
    if (!range) continue;
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        {
          class: thread.id === activeId ? "comment-anchor comment-anchor-active" : "comment-anchor",
          "data-thread-id": thread.id,
        },
        { threadId: thread.id },
      ),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Shows the given threads' passages in the editor. */
export function setCommentThreads(
  editor: Editor,
  threads: AnchoredThread[],
  activeId: string | null,
): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(commentAnchorsKey, { threads, activeId }));
}

export interface CommentAnchorsOptions {
  /** Called when the cursor or a click lands in a thread's passage. */
  onSelectThread: (threadId: string) => void;
}

/**
 * Highlights commented passages (decorations, so nothing is written into the document) and
 * reports when the cursor enters one. Positions are recomputed from the relative positions
 * whenever the thread list or the document changes.
 */
export const CommentAnchors = Extension.create<CommentAnchorsOptions>({
  name: "commentAnchors",
  addOptions() {
    return { onSelectThread: () => {} };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<AnchorState>({
        key: commentAnchorsKey,
        state: {
          init: () => ({ threads: [], activeId: null, decorations: DecorationSet.empty }),
          apply(tr, previous, _old, state) {
            const meta = tr.getMeta(commentAnchorsKey) as
              Pick<AnchorState, "threads" | "activeId"> | undefined;
            if (meta) return { ...meta, decorations: decorate(state, meta.threads, meta.activeId) };
            if (!tr.docChanged) return previous;
            // Remote changes arrive with the Yjs mapping already updated: resolve afresh. Local
            // typing updates Yjs only after this runs, so map the previous positions instead.
            const remote = tr.getMeta(ySyncPluginKey) !== undefined;
            return {
              ...previous,
              decorations: remote
                ? decorate(state, previous.threads, previous.activeId)
                : previous.decorations.map(tr.mapping, tr.doc),
            };
          },
        },
        props: {
          decorations: (state) => commentAnchorsKey.getState(state)?.decorations,
        },
        view: () => ({
          update(view, previous) {
            if (view.state.selection.eq(previous.selection)) return;
            const { from } = view.state.selection;
            const found = commentAnchorsKey
              .getState(view.state)
              ?.decorations.find(from, from)
              .find((d) => d.from <= from && from < d.to);
            const threadId = (found?.spec as { threadId?: string } | undefined)?.threadId;
            if (threadId) options.onSelectThread(threadId);
          },
        }),
      }),
    ];
  },
});
