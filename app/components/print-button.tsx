import { useT } from "#app/i18n/react.tsx";

/** Opens the browser's print dialog; the print stylesheet hides navigation and filters. */
export function PrintButton() {
  const t = useT();
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {t("measures.print")}
    </button>
  );
}
