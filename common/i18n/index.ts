import { de, type MessageKey } from "./de.ts";
import { en } from "./en.ts";
import type { Message } from "./message.ts";

export const locales = ["de", "en"] as const;
export type Locale = (typeof locales)[number];
export type { MessageKey };
export type { Message, PluralForms } from "./message.ts";

export const catalogues: Record<Locale, Record<MessageKey, Message>> = { de, en };

export function isLocale(value: unknown): value is Locale {
  return value === "de" || value === "en";
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A translator for one locale; `{name}` placeholders are replaced by params, and a message with
 * plural forms picks the one for `params.count` by the language's plural rules.
 */
export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  const rules = new Intl.PluralRules(locale);
  return (key, params) => {
    const message = messages[key] ?? key;
    const text =
      typeof message === "string"
        ? message
        : (message[rules.select(Number(params?.count))] ?? message.other);
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  };
}

/** True when a string is a known message key (for codes coming back from the server). */
export function isMessageKey(value: string): value is MessageKey {
  return value in de;
}

const TIME_ZONE = "Europe/Berlin";

/** Formatters are costly to build: one per locale and kind, made on first use. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: Locale, kind: "date" | "dateTime"): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
      dateStyle: kind === "date" ? "long" : "medium",
      timeStyle: kind === "date" ? undefined : "short",
      timeZone: TIME_ZONE,
    });
    dateFormats.set(key, format);
  }
  return format;
}

export function formatDate(locale: Locale, value: Date | string): string {
  return dateFormat(locale, "date").format(new Date(value));
}

export function formatDateTime(locale: Locale, value: Date | string): string {
  return dateFormat(locale, "dateTime").format(new Date(value));
}
