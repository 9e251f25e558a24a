import { Form } from "react-router";
import { formatDateTime, isMessageKey } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";

/** The "archiviert" mark of a measure, in words (never colour alone). */
export function ArchivedBadge() {
  const t = useT();
  return <span className="badge badge-archived">{t("archive.badge")}</span>;
}

/** What an archived measure's page says first: since when, by whom, and what that means. */
export function ArchivedNotice({ at, by }: { at: Date | string; by: string | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="archived-notice">
      <p>
        <ArchivedBadge />{" "}
        {t("archive.archivedBy", { date: formatDateTime(locale, at), name: by ?? "—" })}
      </p>
      <p>{t("archive.archivedMeaning")}</p>
    </div>
  );
}

/** The outcome of an archive, restore or delete form, announced as a status or an alert. */
export function ArchiveOutcome({
  result,
}: {
  result?: { ok: boolean; intent?: string; formError?: string; extra?: unknown };
}) {
  const t = useT();
  if (!result) return null;
  if (!result.ok) {
    const key = result.formError ?? "";
    return (
      <p role="alert" className="error-summary">
        {isMessageKey(key) ? t(key) : t("error.unexpected.body")}
      </p>
    );
  }
  if (result.intent === "archive") {
    return (
      <p role="status" className="notice">
        {t("archive.archived")}
      </p>
    );
  }
  if (result.intent === "restore") {
    return (
      <p role="status" className="notice">
        {t("archive.restored")}
      </p>
    );
  }
  return null;
}

/**
 * Archive, restore and delete of one measure. Deleting is irreversible, so it takes two steps: a
 * disclosure that says what will happen, then the button that does it (works without JavaScript).
 * When positions or other records refer to the measure, the page says that it can only be
 * archived instead.
 */
export function MeasureArchiveControls({
  code,
  permissions,
  deleteBlocked,
}: {
  code: string;
  permissions: { archive: boolean; restore: boolean; delete: boolean };
  /** True when the user may delete measures but this one is referred to. */
  deleteBlocked: boolean;
}) {
  const t = useT();
  if (!permissions.archive && !permissions.restore && !permissions.delete && !deleteBlocked) {
    return null;
  }
  return (
    <section aria-labelledby="archive-heading" className="panel no-print measure-archive">
      <h2 id="archive-heading">{t("archive.heading")}</h2>
      {permissions.archive ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="archive" />
          <p className="hint" id="archive-hint">
            {t("archive.archiveHint")}
          </p>
          <p>
            <button type="submit" className="button" aria-describedby="archive-hint">
              {t("archive.archive")}
            </button>
          </p>
        </Form>
      ) : null}
      {permissions.restore ? (
        <Form method="post">
          <input type="hidden" name="intent" value="restore" />
          <button type="submit" className="button primary">
            {t("archive.restore")}
          </button>
        </Form>
      ) : null}
      {permissions.delete ? (
        <details className="confirm-delete">
          <summary className="button danger">{t("archive.delete")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="delete" />
            <p id="delete-warning">{t("archive.deleteConfirm", { code })}</p>
            <p>
              <button type="submit" className="button danger" aria-describedby="delete-warning">
                {t("archive.deleteYes", { code })}
              </button>
            </p>
          </Form>
        </details>
      ) : deleteBlocked ? (
        <p className="hint">{t("archive.deleteOnlyArchive")}</p>
      ) : null}
    </section>
  );
}
