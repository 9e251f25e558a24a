import type { Stance } from "#common/vocabularies.ts";
import { formatDateTime } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { formatEuro, StanceText } from "./measures.tsx";

/** One revision of an organisation's position, as the loaders hand it out. */
export interface PositionRevisionData {
  id: number | string;
  stance: Stance;
  reasoning: string | null;
  conditions: string | null;
  costImpactCents: number | null;
  author: string | null;
  createdAt: Date | string;
  releasedBy: string | null;
  releasedAt: Date | string | null;
}

/**
 * A position revision's content: stance, reasoning, conditions and cost impact, then a note on
 * who wrote or released it.
 */
export function PositionRevision({
  revision,
  note,
}: {
  revision: PositionRevisionData;
  /** "released": who released it and when; "written": who wrote it and when. */
  note: "released" | "written";
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p>
        <StanceText stance={revision.stance} />
      </p>
      {revision.reasoning ? <p>{revision.reasoning}</p> : null}
      {revision.conditions ? (
        <p>
          <strong>{t("positions.conditions")}:</strong> {revision.conditions}
        </p>
      ) : null}
      {revision.costImpactCents !== null ? (
        <p>
          <strong>{t("positions.costImpact")}:</strong>{" "}
          {formatEuro(locale, revision.costImpactCents)}
        </p>
      ) : null}
      <p className="hint">
        {note === "released"
          ? t("positions.releasedBy", {
              date: formatDateTime(locale, revision.releasedAt!),
              name: revision.releasedBy ?? "—",
            })
          : t("positions.revisionOf", {
              date: formatDateTime(locale, revision.createdAt),
              author: revision.author ?? "—",
            })}
      </p>
    </>
  );
}

/**
 * A collapsed list of a position's revisions, newest first. With `authorship` each entry says who
 * wrote it and whether and by whom it was released (the organisation's own history); without,
 * only who released it (older released positions of any organisation).
 */
export function PositionRevisions({
  revisions,
  summary,
  authorship = false,
}: {
  revisions: PositionRevisionData[];
  /** The disclosure's label, e.g. "3 frühere Fassungen". */
  summary: React.ReactNode;
  authorship?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  if (revisions.length === 0) return null;
  const released = (r: PositionRevisionData) =>
    r.releasedAt
      ? t("positions.releasedBy", {
          date: formatDateTime(locale, r.releasedAt),
          name: r.releasedBy ?? "—",
        })
      : t("positions.notReleased");
  return (
    <details className={authorship ? "revisions" : undefined}>
      <summary>{summary}</summary>
      <ol reversed={authorship || undefined}>
        {revisions.map((r) => (
          <li key={r.id}>
            <StanceText stance={r.stance} /> —{" "}
            {authorship
              ? `${t("positions.revisionOf", {
                  date: formatDateTime(locale, r.createdAt),
                  author: r.author ?? "—",
                })}; ${released(r)}`
              : released(r)}
            {r.reasoning ? <p>{r.reasoning}</p> : null}
            {r.conditions ? (
              <p>
                <strong>{t("positions.conditions")}:</strong> {r.conditions}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
