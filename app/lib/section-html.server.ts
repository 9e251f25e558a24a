import { setImmediate as nextTurn } from "node:timers/promises";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { SectionText } from "#app/components/section-text.tsx";
import type { Block } from "#common/blocks.ts";

/** Longest stretch of rendering before the event loop gets a turn. */
const SLICE_MS = 20;

/** Renderings by block list: a section view keeps one list per document state (issue 12). */
const rendered = new WeakMap<Block[], Promise<string>>();
/**
 * Renderings of single top-level blocks: a room's view keeps the block objects of unchanged
 * elements, so after a keystroke only the changed block is rendered again. Top-level blocks
 * render to elements, so their renderings joined equal the rendering of the list.
 */
const renderedBlocks = new WeakMap<Block, string>();

async function render(blocks: Block[]): Promise<string> {
  const parts: string[] = [];
  let sliceStart = performance.now();
  for (const block of blocks) {
    let html = renderedBlocks.get(block);
    if (html === undefined) {
      html = renderToString(createElement(SectionText, { blocks: [block], bare: true }));
      renderedBlocks.set(block, html);
    }
    parts.push(html);
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return parts.join("");
}

/**
 * The inner HTML of a section's text, rendered by SectionText block by block with event-loop
 * turns in between (a 5 MB section does not block other requests), once per block list and
 * once per block.
 */
export function sectionHtml(blocks: Block[]): Promise<string> {
  let html = rendered.get(blocks);
  if (!html) rendered.set(blocks, (html = render(blocks)));
  return html;
}
