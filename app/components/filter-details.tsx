import { useEffect, useRef } from "react";

/** Phones (the breakpoint of styles.css): filters start closed so that the list is in view. */
const PHONE = "(max-width: 47.99rem)";

/**
 * The box around a list's filters: a native <details>, open on wide screens and closed on phones.
 * The server renders it open (wide screens, and without JavaScript); on a phone it closes once
 * after hydration. `open` is only the initial attribute, so the markup is the same on server and
 * client and React leaves the user's toggling alone.
 */
export function FilterDetails({
  summary,
  children,
}: {
  summary: React.ReactNode;
  children: React.ReactNode;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current && window.matchMedia(PHONE).matches) details.current.open = false;
  }, []);
  return (
    <details className="filters no-print" open ref={details}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
