/** Sets the document title (React 19 hoists <title> into the head), in the page's language. */
export function PageTitle({ children }: { children: string }) {
  return <title>{`${children} · Ratschlag`}</title>;
}
