import { Form, useLocation } from "react-router";
import { useT } from "#app/i18n/react.tsx";

/**
 * The small search field every page of a consultation shows (ADR 016): a GET form to the
 * consultation's search page. The search page has its own, larger form, so this one stays away
 * there (one search landmark per page).
 */
export function ConsultationSearch({ consultationId }: { consultationId: string }) {
  const t = useT();
  const { pathname } = useLocation();
  const action = `/c/${consultationId}/search`;
  if (pathname.replace(/\/+$/, "") === action) return null;
  return (
    <Form
      method="get"
      action={action}
      role="search"
      aria-label={t("search.fieldShort")}
      className="consultation-search"
    >
      <label htmlFor="consultation-search-q" className="visually-hidden">
        {t("search.fieldShort")}
      </label>
      <input
        id="consultation-search-q"
        name="q"
        type="search"
        placeholder={t("search.fieldShort")}
      />
      <button type="submit" className="button small">
        {t("search.submit")}
      </button>
    </Form>
  );
}
