import type { DispositionState } from "./vocabularies.ts";

/** What the rule reads of a feedback item (on the server, and in the browser after loading). */
export interface WithDisposition {
  disposition: { justification: string; publishedAt: Date | string | null } | null;
}

/** True when the item has a disposition with a justification; one without stays "offen". */
export function isDisposed(item: WithDisposition): boolean {
  return !!item.disposition && item.disposition.justification.trim() !== "";
}

/** Open until justified, then a draft until published. */
export function dispositionState(item: WithDisposition): DispositionState {
  if (!isDisposed(item)) return "open";
  return item.disposition!.publishedAt ? "published" : "draft";
}
