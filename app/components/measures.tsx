import { useEffect, useState } from "react";
import type { FundingStatus, MeasurePriority, MeasureStatus } from "#common/vocabularies.ts";
import type { Stance } from "#common/vocabularies.ts";
import type {
  RequirementCategory,
  RequirementPriority,
  RequirementStatus,
} from "#common/vocabularies.ts";
import { formatDate, formatDateTime, type Locale, type MessageKey } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";

export const fundingStatusLabel = (v: FundingStatus): MessageKey => `fundingStatus.${v}`;
export const measurePriorityLabel = (v: MeasurePriority): MessageKey => `measurePriority.${v}`;
export const measureStatusLabel = (v: MeasureStatus): MessageKey => `measureStatus.${v}`;
export const stanceLabel = (v: Stance): MessageKey => `stance.${v}`;
export const requirementCategoryLabel = (v: RequirementCategory): MessageKey =>
  `requirementCategory.${v}`;
export const requirementPriorityLabel = (v: RequirementPriority): MessageKey =>
  `requirementPriority.${v}`;
export const requirementStatusLabel = (v: RequirementStatus): MessageKey =>
  `requirementStatus.${v}`;

/** A symbol per stance, always shown next to its text so colour is never the only signal. */
export const STANCE_SYMBOL: Record<Stance, string> = {
  approve: "✓",
  approve_with_conditions: "✓!",
  abstain: "○",
  concerns: "⚠",
  reject: "✗",
};

export function formatEuro(locale: Locale, cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

/** A form value for a cent amount, in the locale's notation ("12.500,50" / "12,500.50"). */
export function euroInput(locale: Locale, cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", {
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

export function formatIsoDate(locale: Locale, value: string | null): string {
  return value ? formatDate(locale, `${value}T12:00:00Z`) : "—";
}

/** The stance as symbol and text. */
export function StanceText({ stance }: { stance: Stance }) {
  const t = useT();
  return (
    <span className={`stance stance-${stance}`}>
      <span aria-hidden="true" className="stance-symbol">
        {STANCE_SYMBOL[stance]}
      </span>{" "}
      {t(stanceLabel(stance))}
    </span>
  );
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The time left until the consultation deadline. The first render uses the server's clock (so
 * the markup matches after hydration); afterwards it follows the browser's clock every minute.
 */
export function DeadlineCountdown({
  endsAt,
  serverNow,
}: {
  endsAt: Date | string | null;
  serverNow: Date | string;
}) {
  const t = useT();
  const locale = useLocale();
  const [now, setNow] = useState(() => new Date(serverNow).getTime());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  if (!endsAt) return null;
  const end = new Date(endsAt);
  const left = end.getTime() - now;
  const date = formatDateTime(locale, end);
  if (left <= 0) {
    return <p className="deadline deadline-passed">{t("deadline.passed", { date })}</p>;
  }
  const hoursTotal = Math.floor(left / HOUR_MS);
  const days = Math.floor(hoursTotal / 24);
  const hours = hoursTotal % 24;
  return (
    <p className={`deadline${days < 3 ? " deadline-soon" : ""}`}>
      <strong>
        {days > 0
          ? t("deadline.remaining", { days, hours })
          : t("deadline.remainingHours", { hours })}
      </strong>{" "}
      {t("deadline.endsAt", { date })}
    </p>
  );
}

/** Links between the plan's views and exports. */
export function MeasuresNav({
  consultationId,
  current,
}: {
  consultationId: string;
  current: "table" | "timeline" | "positions" | "requirements";
}) {
  const t = useT();
  const links = [
    { key: "table", to: `/c/${consultationId}/measures`, label: t("nav.measures") },
    { key: "timeline", to: `/c/${consultationId}/measures/timeline`, label: t("nav.timeline") },
    { key: "positions", to: `/c/${consultationId}/positions`, label: t("nav.positions") },
    { key: "requirements", to: `/c/${consultationId}/requirements`, label: t("nav.requirements") },
  ] as const;
  return (
    <nav aria-label={t("measures.views")} className="subnav no-print">
      <ul>
        {links.map((l) => (
          <li key={l.key}>
            <a href={l.to} aria-current={l.key === current ? "page" : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
