import { setImmediate as nextTurn } from "node:timers/promises";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { SectionText } from "#app/components/section-text.tsx";
import type { Block } from "#server/domain/blocks.ts";

/** Top-level blocks rendered per event-loop turn. */
const CHUNK = 200;

/** Renderings by block list: a section view keeps one list per document state (issue 12). */
const rendered = new WeakMap<Block[], Promise<string>>();

async function render(blocks: Block[]): Promise<string> {
  const parts: string[] = [];
  for (let i = 0; i < blocks.length; i += CHUNK) {
    if (i > 0) await nextTurn();
    parts.push(
      renderToString(
        createElement(SectionText, { blocks: blocks.slice(i, i + CHUNK), bare: true }),
      ),
    );
  }
  return parts.join("");
}

/**
 * The inner HTML of a section's text, rendered by SectionText in slices with event-loop turns in
 * between (a 5 MB section does not block other requests), once per block list.
 */
export function sectionHtml(blocks: Block[]): Promise<string> {
  let html = rendered.get(blocks);
  if (!html) rendered.set(blocks, (html = render(blocks)));
  return html;
}
