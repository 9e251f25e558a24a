import { useSearchParams } from "react-router";
import { doneMessage } from "#app/lib/done.ts";
import { useT } from "#app/i18n/react.tsx";

/**
 * The one way a page says what an action did (ADR 017): a `role="status"` region that is always
 * there, so screen readers announce the message when it appears, shown as a notice while it has
 * one. Give it the page's message, or leave it empty.
 */
export function StatusMessage({ message }: { message?: string | null }) {
  return (
    <p role="status" className={message ? "notice" : "visually-hidden"}>
      {message ?? ""}
    </p>
  );
}

/** The message of a redirect's `?done=` key (see app/lib/done.ts), in the page's language. */
export function useDoneMessage(): string | undefined {
  const t = useT();
  const [params] = useSearchParams();
  const key = doneMessage(params);
  return key ? t(key) : undefined;
}
