import { Form } from "react-router";
import { useEffect, useRef } from "react";
import { useT } from "#app/i18n/react.tsx";

/**
 * A table row's edit form behind a disclosure ("Bearbeiten"): posts `intent` with the row's id
 * under `idName`. Opens by itself when the server refused it, with an alert that is focused so
 * screen readers announce it; the fields show their own errors. Give it a `key` that changes with
 * the saved values, so a successful save closes it again.
 */
export function RowEdit({
  summary,
  subject,
  intent,
  idName,
  id,
  failed,
  children,
}: {
  /** The disclosure's visible text. */
  summary: string;
  /** Whose row this is, read after the summary by screen readers. */
  subject: string;
  intent: string;
  idName: string;
  id: string;
  failed: boolean;
  children: React.ReactNode;
}) {
  const t = useT();
  const alert = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (failed) alert.current?.focus();
  }, [failed]);
  return (
    <details className="row-edit" open={failed || undefined}>
      <summary>
        {summary}
        <span className="visually-hidden"> ({subject})</span>
      </summary>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name={idName} value={id} />
        {failed ? (
          <p ref={alert} role="alert" tabIndex={-1} className="field-error">
            {t("form.errorSummary")}
          </p>
        ) : null}
        {children}
        <button type="submit" className="button small">
          {t("form.save")}
          <span className="visually-hidden"> ({subject})</span>
        </button>
      </Form>
    </details>
  );
}
