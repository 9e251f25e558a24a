import type { SnippetRun } from "#server/domain/search/snippets.ts";

/**
 * A search snippet: its runs as text, the words found in <mark> (bold too, so the highlight does
 * not rest on colour alone). Never HTML from the server (ADR 016).
 */
export function Snippet({ runs, block }: { runs: SnippetRun[]; block?: boolean }) {
  const content = runs.map((run, index) =>
    run.hit ? <mark key={index}>{run.text}</mark> : <span key={index}>{run.text}</span>,
  );
  return block ? <p className="search-snippet">{content}</p> : <>{content}</>;
}
