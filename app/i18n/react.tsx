import { isRouteErrorResponse, useRouteError, useRouteLoaderData } from "react-router";
import { isLocale, translator, type Locale, type Translate } from "#common/i18n/index.ts";

interface RootData {
  locale: Locale;
}

/**
 * The current page's language, from the root loader; on an error page without it (an action's
 * error), from the error response if it names one; else German.
 */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootData | undefined;
  const error = useRouteError();
  if (data && isLocale(data.locale)) return data.locale;
  const fromError = isRouteErrorResponse(error)
    ? (error.data as { locale?: unknown } | undefined)?.locale
    : undefined;
  return isLocale(fromError) ? fromError : "de";
}

/** The translator for the current page's language. */
export function useT(): Translate {
  return translator(useLocale());
}
