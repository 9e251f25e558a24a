import { useEffect, useState } from "react";
import { useLocation } from "react-router";
import { useT } from "#app/i18n/react.tsx";

const PASSAGE = /^#passage-(\d+)$/;
const HIGHLIGHT = "search-passage";

/**
 * Marks the passage a search result links to (`#passage-<n>`, the n-th top-level block of the
 * section's text, ADR 016): scrolls it into view once and highlights it with the CSS Custom
 * Highlight API, which paints over the text without changing the DOM, so the co-editing editor's
 * elements are never touched. The text is rendered first as static HTML and then by the editor,
 * and the editor re-renders blocks on remote changes: the mark follows by watching the text's
 * container. A status message says that the passage is marked.
 */
export function SearchPassage() {
  const t = useT();
  const { hash } = useLocation();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const match = PASSAGE.exec(hash);
    const container = document.querySelector(".section-body");
    if (!match || !container) return;
    const index = Number(match[1]);
    const highlights = typeof CSS !== "undefined" && "highlights" in CSS ? CSS.highlights : null;
    let scrolled = false;
    let frame = 0;
    const mark = () => {
      frame = 0;
      const texts = container.querySelectorAll(".section-text");
      const block = texts[texts.length - 1]?.children[index];
      if (!block) return;
      if (!scrolled) {
        scrolled = true;
        block.scrollIntoView({ block: "center" });
        setShown(true);
      }
      if (!highlights) return;
      const range = document.createRange();
      range.selectNodeContents(block);
      highlights.set(HIGHLIGHT, new Highlight(range));
    };
    mark();
    const observer = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(mark);
    });
    observer.observe(container, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
      highlights?.delete(HIGHLIGHT);
    };
  }, [hash]);
  return (
    <p role="status" className="visually-hidden">
      {shown ? t("search.passageShown") : ""}
    </p>
  );
}
