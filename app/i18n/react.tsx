import { useRouteLoaderData } from "react-router";
import { isLocale, translator, type Locale, type Translate } from "./index.ts";

interface RootData {
  locale: Locale;
}

/** The current page's language, from the root loader (German if the root loader failed). */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data && isLocale(data.locale) ? data.locale : "de";
}

/** The translator for the current page's language. */
export function useT(): Translate {
  return translator(useLocale());
}
