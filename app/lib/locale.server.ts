import type { RouterContextProvider } from "react-router";
import { requestOf } from "#server/context.ts";
import { readCookie } from "#server/auth/session.ts";
import { isLocale, translator, type Locale } from "#common/i18n/index.ts";

export const LANG_COOKIE = "ratschlag_lang";

/** The user's language: the switch's cookie, then the account's setting, then German. */
export function requestLocale(request: Request, context: Readonly<RouterContextProvider>): Locale {
  const fromCookie = readCookie(request.headers.get("cookie"), LANG_COOKIE);
  if (isLocale(fromCookie)) return fromCookie;
  const fromUser = requestOf(context).auth?.user.locale;
  return isLocale(fromUser) ? fromUser : "de";
}

export function requestTranslator(request: Request, context: Readonly<RouterContextProvider>) {
  return translator(requestLocale(request, context));
}
