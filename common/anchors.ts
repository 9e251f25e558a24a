/* Comment anchors (ADR 011); pure Yjs, imported by the browser too, so no server imports here. */
import { fromBase64, toBase64 } from "lib0/buffer";
import * as Y from "yjs";

import { FRAGMENT } from "./fragment.ts";

/** Encodes a relative position for storage in SQL. */
export function encodeAnchor(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/** Decodes a stored anchor; null when it is not a valid encoded relative position. */
export function decodeAnchor(value: string): Y.RelativePosition | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length > 400) return null;
  try {
    const position = Y.decodeRelativePosition(fromBase64(value));
    return position.type !== null || position.tname !== null || position.item !== null
      ? position
      : null;
  } catch {
    return null;
  }
}

/**
 * The anchor pair for the characters [start, end) of a type: the start sticks to the passage's
 * first character (text typed just before the passage stays outside), the end sticks to its last
 * character (text typed just after it stays outside); text typed inside belongs to the passage.
 */
export function anchorsForRange(
  startType: Y.AbstractType<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
  startIndex: number,
  endType: Y.AbstractType<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  endIndex: number,
): { start: string; end: string } {
  return {
    start: encodeAnchor(Y.createRelativePositionFromTypeIndex(startType, startIndex, 0)),
    end: encodeAnchor(Y.createRelativePositionFromTypeIndex(endType, endIndex, -1)),
  };
}

/** Re-targets a relative position to the same place with the given association. */
export function withAssociation(
  position: Y.RelativePosition,
  doc: Y.Doc,
  assoc: number,
): Y.RelativePosition | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (!absolute) return null;
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc);
}

/** Where an anchor points now: the passage's current text, or orphaned. */
export type ResolvedAnchor =
  | {
      orphaned: false;
      /** Offsets in the fragment's plain text (blocks separated by "\n"), for document order. */
      from: number;
      to: number;
      text: string;
      /** Set when the whole passage lies inside one text node: where a suggestion can be applied. */
      single: { text: Y.XmlText; from: number; to: number } | null;
    }
  | { orphaned: true; from: number };

/** A fragment's plain text with where each node starts in it, for resolving anchors. */
export interface Linear {
  text: string;
  /** Plain-text offset of each text node's first character. */
  textStart: Map<Y.XmlText, number>;
  /** Plain-text offset before each child of an element, plus one after the last child. */
  childStart: Map<Y.XmlElement | Y.XmlFragment, number[]>;
}

/**
 * The plain text of a fragment and where its nodes start, as a generator that yields after each
 * node: the server drives it in slices with event-loop turns in between (issue 12).
 */
export function* linearSteps(doc: Y.Doc): Generator<void, Linear, void> {
  const fragment = doc.getXmlFragment(FRAGMENT);
  const parts: string[] = [];
  let length = 0;
  const textStart = new Map<Y.XmlText, number>();
  const childStart = new Map<Y.XmlElement | Y.XmlFragment, number[]>();
  const push = (value: string) => {
    parts.push(value);
    length += value.length;
  };
  // Depth-first with an explicit stack: a stored document may nest thousands of levels (issue 3).
  type Frame = {
    node: Y.XmlElement | Y.XmlFragment;
    children: (Y.XmlElement | Y.XmlText)[];
    next: number;
    blockLevel: boolean;
    starts: number[];
  };
  const open = (node: Y.XmlElement | Y.XmlFragment): Frame => {
    const children = node.toArray() as (Y.XmlElement | Y.XmlText)[];
    const blockLevel = children.some((c) => c instanceof Y.XmlElement && isBlock(c));
    return { node, children, next: 0, blockLevel, starts: [] };
  };
  const stack = [open(fragment)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.children.length) {
      frame.starts.push(length);
      childStart.set(frame.node, frame.starts);
      stack.pop();
      continue;
    }
    const i = frame.next++;
    const child = frame.children[i]!;
    if (frame.blockLevel && i > 0 && length > 0 && !parts.at(-1)?.endsWith("\n")) push("\n");
    frame.starts.push(length);
    if (child instanceof Y.XmlText) {
      textStart.set(child, length);
      push(plainText(child));
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === "hardBreak") push("\n");
      else stack.push(open(child));
    }
    yield;
  }
  return { text: parts.join(""), textStart, childStart };
}

function linearize(doc: Y.Doc): Linear {
  const steps = linearSteps(doc);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function isBlock(node: Y.XmlElement): boolean {
  return node.nodeName !== "hardBreak" && node.nodeName !== "image";
}

/** The characters of a text node without formatting (embeds count as one character). */
export function plainText(text: Y.XmlText): string {
  const delta = text.toDelta() as { insert: unknown }[];
  return delta.map((op) => (typeof op.insert === "string" ? op.insert : "\ufffc")).join("");
}

/** True when the type is still part of the fragment (no ancestor was deleted). */
function attached(type: Y.AbstractType<unknown>, fragment: Y.XmlFragment): boolean {
  let current: Y.AbstractType<unknown> | null = type;
  while (current && current !== fragment) {
    const item: Y.Item | null = current._item;
    if (!item || item.deleted) return false;
    current = item.parent as Y.AbstractType<unknown> | null;
  }
  return current === fragment;
}

function offsetOf(linear: Linear, absolute: Y.AbsolutePosition): number | null {
  if (absolute.type instanceof Y.XmlText) {
    const start = linear.textStart.get(absolute.type);
    return start === undefined ? null : start + absolute.index;
  }
  const starts = linear.childStart.get(absolute.type as Y.XmlElement);
  if (!starts) return null;
  return starts[Math.min(absolute.index, starts.length - 1)] ?? null;
}

/** Resolves a thread's stored anchors against the section document. */
export function resolveAnchor(doc: Y.Doc, start: string, end: string): ResolvedAnchor {
  return resolveIn(doc, linearize(doc), start, end);
}

/**
 * Resolves stored anchors against a document whose plain text was taken by `linearSteps`
 * (several anchors share one walk).
 */
export function resolveIn(doc: Y.Doc, linear: Linear, start: string, end: string): ResolvedAnchor {
  const fragment = doc.getXmlFragment(FRAGMENT);
  const startPos = decodeAnchor(start);
  const endPos = decodeAnchor(end);
  const a = startPos && Y.createAbsolutePositionFromRelativePosition(startPos, doc);
  const b = endPos && Y.createAbsolutePositionFromRelativePosition(endPos, doc);
  if (!a || !b || !attached(a.type, fragment) || !attached(b.type, fragment)) {
    const from = a && attached(a.type, fragment) ? (offsetOf(linear, a) ?? 0) : 0;
    return { orphaned: true, from };
  }
  const from = offsetOf(linear, a);
  const to = offsetOf(linear, b);
  if (from === null || to === null || to <= from) return { orphaned: true, from: from ?? 0 };
  const text = linear.text.slice(from, to);
  if (text.trim() === "") return { orphaned: true, from };
  const single =
    a.type === b.type && a.type instanceof Y.XmlText
      ? { text: a.type, from: a.index, to: b.index }
      : null;
  return { orphaned: false, from, to, text, single };
}

/** Outcome of applying a suggestion to the document. */
export type ReplaceResult =
  | { ok: true }
  | { ok: false; reason: "orphaned" | "multiple_nodes" }
  | { ok: false; reason: "changed"; current: string };

/**
 * Replaces the anchored passage by `replacement`, keeping the formatting of its first character.
 * Refuses (without changing anything) when the passage is gone, spans several text nodes, or —
 * unless `force` — no longer reads `expected`.
 */
export function replacePassage(
  doc: Y.Doc,
  anchor: { start: string; end: string },
  expected: string,
  replacement: string,
  force = false,
): ReplaceResult {
  const resolved = resolveAnchor(doc, anchor.start, anchor.end);
  if (resolved.orphaned) return { ok: false, reason: "orphaned" };
  if (!resolved.single) return { ok: false, reason: "multiple_nodes" };
  if (!force && resolved.text !== expected) {
    return { ok: false, reason: "changed", current: resolved.text };
  }
  const { text, from, to } = resolved.single;
  const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
  let offset = 0;
  let attributes: Record<string, unknown> = {};
  for (const op of delta) {
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    if (from < offset + length) {
      attributes = op.attributes ?? {};
      break;
    }
    offset += length;
  }
  text.delete(from, to - from);
  if (replacement.length > 0) text.insert(from, replacement, attributes);
  return { ok: true };
}
