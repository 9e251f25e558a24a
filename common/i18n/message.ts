/**
 * A catalogue message: a text with `{name}` placeholders, or plural forms of it chosen by the
 * `count` parameter through `Intl.PluralRules` of the language ("other" is required and is the
 * fallback for every category a language has no form for).
 */
export type Message = string | PluralForms;

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Every text of a message (one, or each plural form). */
export function messageTexts(message: Message): string[] {
  return typeof message === "string" ? [message] : Object.values(message);
}
