import type { AppLoadContext } from "react-router";
import { readCookie } from "#server/auth/session.ts";
import { isLocale, translator, type Locale } from "#app/i18n/index.ts";

export const LANG_COOKIE = "ratschlag_lang";

/** The user's language: the switch's cookie, then the account's setting, then German. */
export function requestLocale(request: Request, context: AppLoadContext): Locale {
  const fromCookie = readCookie(request.headers.get("cookie"), LANG_COOKIE);
  if (isLocale(fromCookie)) return fromCookie;
  const fromUser = context.auth?.user.locale;
  return isLocale(fromUser) ? fromUser : "de";
}

export function requestTranslator(request: Request, context: AppLoadContext) {
  return translator(requestLocale(request, context));
}
