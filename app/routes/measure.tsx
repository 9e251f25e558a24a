import { Link, redirect, useActionData, useSearchParams } from "react-router";
import * as z from "zod";
import type { Route } from "./+types/measure";
import type { RouteHandle } from "#app/components/breadcrumbs.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import {
  DeadlineCountdown,
  formatEuro,
  formatIsoDate,
  fundingStatusLabel,
  measurePriorityLabel,
  measureStatusLabel,
} from "#app/components/measures.tsx";
import { LiveStatus } from "#app/components/live-status.tsx";
import { PositionRevision, PositionRevisions } from "#app/components/position-revisions.tsx";
import { SectionText } from "#app/components/section-text.tsx";
import { formatDateTime, isMessageKey, type MessageKey } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { guard, requireUser } from "#app/lib/guards.server.ts";
import { useLiveRevalidation } from "#app/lib/use-live-revalidation.ts";
import { measureDetail } from "#server/domain/measures/pages.ts";
import { type MeasureHistoryField } from "#server/domain/measures/readable.ts";
import { requestOf, servicesOf } from "#server/context.ts";
import { formAction, handler } from "#app/lib/actions.server.ts";
import { readForm } from "#app/lib/form-body.server.ts";
import { archiveMeasure, deleteMeasure, restoreMeasure } from "#server/domain/measures/archive.ts";
import {
  ArchivedBadge,
  ArchivedNotice,
  ArchiveOutcome,
  MeasureArchiveControls,
} from "#app/components/measure-archive.tsx";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return guard(measureDetail(servicesOf(context), user, params.consultationId, params.measureId));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request, context);
  const input = {
    consultationId: params.consultationId,
    measureId: params.measureId,
    ip: requestOf(context).ip,
  };
  const services = servicesOf(context);
  const none = z.object({});
  return formAction(form, {
    intents: {
      archive: handler({ schema: none, run: () => archiveMeasure(services, user, input) }),
      restore: handler({ schema: none, run: () => restoreMeasure(services, user, input) }),
      delete: handler({
        schema: none,
        run: async () => {
          const { code } = await deleteMeasure(services, user, input);
          throw redirect(
            `/c/${params.consultationId}/measures?deleted=${encodeURIComponent(code)}`,
          );
        },
      }),
    },
  });
}

const FIELD_LABEL: Record<MeasureHistoryField, MessageKey> = {
  code: "measure.code",
  title: "measure.title",
  description: "measure.description",
  leadOrganisation: "measure.lead",
  partners: "measure.partners",
  start: "measure.start",
  end: "measure.end",
  costOneOff: "measure.costOneOff",
  costYearly: "measure.costYearly",
  fundingProgramme: "measure.fundingProgramme",
  fundingStatus: "measure.fundingStatus",
  applicationDeadline: "measure.applicationDeadline",
  priority: "measure.priority",
  status: "measure.status",
  pilot: "measure.pilot",
  sections: "measure.sections",
  requirements: "measure.requirements",
};

/** A history value in the reader's language (amounts, dates and coded values translated). */
function useHistoryValue() {
  const t = useT();
  const locale = useLocale();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (field === "costOneOff" || field === "costYearly") return formatEuro(locale, Number(value));
    if (field === "pilot") return value ? t("measure.pilotYes") : t("measure.pilotNo");
    if (field === "applicationDeadline") return formatIsoDate(locale, String(value));
    const prefix: Record<string, string> = {
      fundingStatus: "fundingStatus",
      priority: "measurePriority",
      status: "measureStatus",
    };
    const key = prefix[field] ? `${prefix[field]}.${String(value)}` : "";
    if (key && isMessageKey(key)) return t(key);
    return String(value);
  };
}

const HISTORY_KIND: Record<"created" | "updated" | "archived" | "restored", MessageKey> = {
  created: "measures.historyCreated",
  updated: "measures.historyUpdated",
  archived: "archive.historyArchived",
  restored: "archive.historyRestored",
};

export const handle: RouteHandle<Route.ComponentProps["loaderData"]> = {
  breadcrumb: ({ data, t }) => [
    { label: t("measures.title"), to: `/c/${data.consultation.id}/measures` },
    { label: data.measure.code },
  ],
};

export default function Measure({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const { consultation, measure: m, history, positions, permissions, references, now } = loaderData;
  const result = useActionData<typeof action>();
  const updates = useLiveRevalidation(consultation.id);
  const historyValue = useHistoryValue();
  const base = `/c/${consultation.id}`;
  const fact = (label: string, value: React.ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <div className="page">
      <PageTitle consultation={consultation.title}>{`${m.code} ${m.title}`}</PageTitle>
      <h1>
        {m.code} {m.title}
        {m.archivedAt ? (
          <>
            {" "}
            <ArchivedBadge />
          </>
        ) : null}
      </h1>
      <ArchiveOutcome result={result} />
      {m.archivedAt ? <ArchivedNotice at={m.archivedAt} by={m.archivedBy} /> : null}
      {params.get("saved") ? (
        <p role="status" className="notice">
          {params.get("saved") === "created" ? t("measures.created") : t("measures.saved")}
        </p>
      ) : null}
      <LiveStatus updates={updates} />
      {permissions.edit ? (
        <p className="no-print">
          <Link to={`${base}/measures/${m.id}/edit`} className="button">
            {t("measures.edit")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("measures.details")}</h2>
        <dl className="facts measure-facts">
          {fact(t("measure.lead"), m.leadOrganisation ?? "—")}
          {fact(t("measure.partners"), m.partners.map((p) => p.name).join(", ") || "—")}
          {fact(t("measure.period"), `${m.start} – ${m.end}`)}
          {fact(t("measure.costOneOff"), formatEuro(locale, m.costOneOffCents))}
          {fact(t("measure.costYearly"), formatEuro(locale, m.costYearlyCents))}
          {fact(t("measure.fundingProgramme"), m.fundingProgramme || "—")}
          {fact(t("measure.fundingStatus"), t(fundingStatusLabel(m.fundingStatus)))}
          {fact(t("measure.applicationDeadline"), formatIsoDate(locale, m.applicationDeadline))}
          {fact(t("measure.priority"), t(measurePriorityLabel(m.priority)))}
          {fact(t("measure.status"), t(measureStatusLabel(m.status)))}
          {fact(t("measure.pilot"), m.pilot ? t("measure.pilotYes") : t("measure.pilotNo"))}
        </dl>
      </section>

      <section aria-labelledby="description-heading">
        <h2 id="description-heading">{t("measure.description")}</h2>
        {m.description ? <SectionText source={m.description} /> : <p>—</p>}
      </section>

      <section aria-labelledby="links-heading">
        <h2 id="links-heading">{t("measures.linked")}</h2>
        <h3>{t("measure.sections")}</h3>
        {m.sections.length === 0 ? (
          <p>{t("measure.none")}</p>
        ) : (
          <ul>
            {m.sections.map((s) => (
              <li key={s.id}>
                <Link to={`${base}/s/${s.id}`}>
                  {s.position}. {s.title}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <h3>{t("measure.requirements")}</h3>
        {m.requirements.length === 0 ? (
          <p>{t("measure.none")}</p>
        ) : (
          <ul>
            {m.requirements.map((r) => (
              <li key={r.id}>
                <Link to={`${base}/requirements?measure=${m.id}#requirement-${r.id}`}>
                  {r.title}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="positions-heading">
        <h2 id="positions-heading">{t("measures.positions")}</h2>
        <DeadlineCountdown endsAt={consultation.contributionDeadline} serverNow={now} />
        {permissions.recordPosition ? (
          <p className="no-print">
            <Link to={`${base}/measures/${m.id}/position`} className="button primary">
              {t("positions.recordOwn")}
            </Link>
          </p>
        ) : permissions.positionDenial === "deadline_passed" ||
          permissions.positionDenial === "phase_closed" ? (
          <p>{t("positions.closed")}</p>
        ) : null}
        {positions.length === 0 ? (
          <p>{t("measures.noPositions")}</p>
        ) : (
          <ul className="position-list">
            {positions.map((p) => (
              <li key={p.organisationId} className="card">
                <h3>{p.organisation}</h3>
                {p.current ? <PositionRevision revision={p.current} note="released" /> : null}
                {p.hasDraft ? <p className="badge">{t("measures.draftExists")}</p> : null}
                <PositionRevisions
                  revisions={p.olderReleased}
                  summary={
                    <>
                      {t("measures.olderPositions", { count: p.olderReleased.length })}
                      <span className="visually-hidden"> ({p.organisation})</span>
                    </>
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <MeasureArchiveControls
        code={m.code}
        permissions={permissions}
        deleteBlocked={references !== null && !permissions.delete}
      />

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("measures.history")}</h2>
        {history.length === 0 ? (
          <p>{t("measures.historyEmpty")}</p>
        ) : (
          <table className="table history">
            <caption className="visually-hidden">{t("measures.history")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("measures.historyWhen")}</th>
                <th scope="col">{t("measures.historyWho")}</th>
                <th scope="col">{t("measures.historyWhat")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td className="nowrap">{formatDateTime(locale, h.createdAt)}</td>
                  <td>
                    {h.organisation
                      ? t("measures.historyBy", {
                          name: h.author ?? "—",
                          organisation: h.organisation,
                        })
                      : (h.author ?? "—")}
                  </td>
                  <td>
                    <p>{t(HISTORY_KIND[h.kind])}</p>
                    <dl className="changes">
                      {h.changes.map(({ field, ...change }) => (
                        <div key={field}>
                          <dt>{t(FIELD_LABEL[field])}</dt>
                          <dd>
                            {h.kind === "created" ? (
                              historyValue(field, change.to)
                            ) : (
                              <>
                                <span className="visually-hidden">
                                  {t("measures.historyFrom")}:{" "}
                                </span>
                                <del>{historyValue(field, change.from)}</del>{" "}
                                <span aria-hidden="true">→</span>{" "}
                                <span className="visually-hidden">{t("measures.historyTo")}: </span>
                                <ins>{historyValue(field, change.to)}</ins>
                              </>
                            )}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
