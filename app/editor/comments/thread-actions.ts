import type { ActionResult } from "#app/lib/forms.ts";

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
