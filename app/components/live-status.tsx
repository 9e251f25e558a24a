import { useT } from "#app/i18n/react.tsx";

/** A visually hidden live region that tells screen-reader users when live data arrived. */
export function LiveStatus({ updates }: { updates: number }) {
  const t = useT();
  return (
    <p role="status" className="visually-hidden">
      {updates > 0 ? t("live.updated") : ""}
    </p>
  );
}
