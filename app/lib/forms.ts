import type { MessageKey } from "#common/i18n/index.ts";

export type FieldErrors = Partial<Record<string, MessageKey>>;

/**
 * What every form action answers (see `formAction` in actions.server.ts). A refused form comes
 * back with per-field message keys and what was typed, so nothing is lost: `values` holds the
 * first value of every field (passwords never), `lists` every value of the schema's repeated
 * fields (checkbox groups, multiple selects). A successful one has empty `values` and `lists`.
 */
export interface ActionResult<Extra = never> {
  ok: boolean;
  /** The form's `intent`, so a page with several forms knows which one answered. */
  intent?: string;
  errors: FieldErrors;
  /** A message not tied to one field (a conflict, a throttled login). */
  formError?: MessageKey;
  formErrorParams?: Record<string, string | number>;
  values: Record<string, string>;
  lists: Record<string, string[]>;
  /** What the action adds for its page (e.g. the items a refusal is about). */
  extra?: Extra;
}
