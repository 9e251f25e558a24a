/**
 * Highlighted snippets without markup (ADR 016): `ts_headline` marks the words found with two
 * control characters that stored text never contains (cleanText drops them), and the marked text
 * is split here into plain runs, so the page renders each run as text and no HTML from the
 * database ever reaches the browser.
 */

/** Start and end of a highlighted word in `ts_headline`'s output. */
export const HIT_START = "\u0002";
export const HIT_END = "\u0003";

/** One run of a snippet: plain text, highlighted where `hit`. */
export interface SnippetRun {
  text: string;
  hit: boolean;
}

/** `ts_headline` options for a snippet of a longer text: up to two fragments of a few words. */
export const SNIPPET_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** `ts_headline` options for a short text shown whole (a title). */
export const WHOLE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, HighlightAll=true`;

/** Splits a headline into runs; stray or unbalanced markers are dropped. */
export function snippetRuns(headline: string): SnippetRun[] {
  const runs: SnippetRun[] = [];
  let hit = false;
  let text = "";
  const flush = () => {
    if (text !== "") {
      const last = runs.at(-1);
      if (last && last.hit === hit) last.text += text;
      else runs.push({ text, hit });
    }
    text = "";
  };
  for (const char of headline) {
    if (char === HIT_START || char === HIT_END) {
      flush();
      hit = char === HIT_START;
    } else text += char;
  }
  flush();
  return runs;
}
