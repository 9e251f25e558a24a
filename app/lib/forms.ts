import type { MessageKey } from "#app/i18n/index.ts";

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

// --- Old API, removed once every route uses formAction. ---
import { cleanText } from "#server/domain/text.ts";
/** What an action returns when a form is refused: per-field message keys and the typed values. */
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  /** A message not tied to one field (e.g. throttled login). */
  formError?: MessageKey;
  formErrorParams?: Record<string, string | number>;
  values: Record<string, string>;
}

/** Reads a form's text fields to send back with a refused form; passwords are never echoed. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !/password/i.test(key) && !(key in values)) {
      values[key] = value.replace(/\0/g, "");
    }
  }
  return values;
}

/**
 * Fields whose text contains a NUL byte, which no stored text may hold (PostgreSQL refuses it):
 * each gets a field error instead of reaching the database.
 */
export function invalidCharacterErrors(form: FormData): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && value.includes("\0")) errors[key] = "form.invalidCharacters";
  }
  return errors;
}

export interface TextRule {
  required?: boolean;
  max: number;
  min?: number;
  pattern?: RegExp;
  patternMessage?: MessageKey;
  /** false for passwords: taken exactly as typed (never trimmed, at creation or login). */
  trim?: boolean;
}

/**
 * Validates text fields: a NUL byte is refused; otherwise the text is cleaned by the shared rule
 * (characters XML forbids dropped, trimmed, only zero-width characters count as empty); returns
 * the cleaned values or the per-field error keys.
 */
export function validateText<K extends string>(
  form: FormData,
  rules: Record<K, TextRule>,
): { values: Record<K, string>; errors: FieldErrors } {
  const values = {} as Record<K, string>;
  const errors: FieldErrors = {};
  for (const key of Object.keys(rules) as K[]) {
    const rule = rules[key];
    const raw = form.get(key);
    const text = typeof raw === "string" ? raw : "";
    const value = rule.trim === false ? text : cleanText(text);
    values[key] = value;
    if (text.includes("\0")) errors[key] = "form.invalidCharacters";
    else if (rule.required && value === "") errors[key] = "form.required";
    else if (value.length > rule.max) errors[key] = "form.tooLong";
    else if (rule.min && value !== "" && value.length < rule.min) errors[key] = "form.tooShort";
    else if (rule.pattern && value !== "" && !rule.pattern.test(value)) {
      errors[key] = rule.patternMessage ?? "form.invalid";
    }
  }
  return { values, errors };
}
