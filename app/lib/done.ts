import type { MessageKey } from "#common/i18n/index.ts";

/*
 * What an action that redirects did, told to the page it redirects to (ADR 017): the redirect
 * adds `?done=<key>`, and the page shows the catalogue message of that key in its status
 * message. Only the keys listed here mean anything; the URL never carries text to show.
 */
const DONE_MESSAGES = {
  "logged-out": "login.loggedOut",
  "requirement-submitted": "requirements.submitted",
} as const satisfies Record<string, MessageKey>;

export type DoneKey = keyof typeof DONE_MESSAGES;

/** The path with `done=<key>` added to its query. */
export function withDone(path: string, key: DoneKey): string {
  const [base, hash = ""] = path.split("#", 2) as [string, string?];
  const separator = base.includes("?") ? "&" : "?";
  return `${base}${separator}done=${encodeURIComponent(key)}${hash ? `#${hash}` : ""}`;
}

/** The message of the query's `done` key, when it is one of ours. */
export function doneMessage(params: URLSearchParams): MessageKey | undefined {
  const key = params.get("done");
  return key !== null && Object.hasOwn(DONE_MESSAGES, key)
    ? DONE_MESSAGES[key as DoneKey]
    : undefined;
}
