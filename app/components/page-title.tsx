/**
 * Sets the document title (React 19 hoists <title> into the head), in the page's language. The
 * text comes from the catalogues (or is the name of what the page shows); pages inside a
 * consultation name it too, so tabs and history entries of several consultations stay apart.
 */
export function PageTitle({ children, consultation }: { children: string; consultation?: string }) {
  const parts = consultation ? [children, consultation, "Ratschlag"] : [children, "Ratschlag"];
  return <title>{parts.join(" · ")}</title>;
}
