import type { ActionResult } from "#app/lib/forms.ts";

/** The section page's form intents that belong to comments (handled in section-threads.server.ts). */
export const THREAD_INTENTS: ReadonlySet<string> = new Set([
  "createThread",
  "reply",
  "editComment",
  "deleteComment",
  "resolve",
  "reopen",
  "decide",
]);

/** What the section action answers to a thread form: a changed passage carries its current text. */
export type ThreadActionResult = ActionResult<{ current?: string }>;

/** Returns the action result when it belongs to this form (same intent and subject). */
export function resultFor(
  result: ThreadActionResult | undefined,
  intent: string,
  key: string,
  id: string,
): ThreadActionResult | undefined {
  if (!result || result.intent !== intent) return undefined;
  return result.values?.[key] === id ? result : undefined;
}
