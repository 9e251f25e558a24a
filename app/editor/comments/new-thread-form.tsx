import { useId } from "react";
import { Form } from "react-router";
import { useT } from "#app/i18n/react.tsx";
import { TextAreaField } from "#app/components/form.tsx";
import type { ThreadActionResult } from "./thread-actions.ts";

/** A new thread on the selected passage, before it is submitted. */
export interface Draft {
  kind: "comment" | "suggestion";
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  body?: string;
  proposedText?: string;
}

/** The form that starts a comment or suggestion thread on a passage. */
export function NewThreadForm({
  draft,
  result,
  onCancel,
}: {
  draft: Draft;
  result?: ThreadActionResult;
  onCancel: () => void;
}) {
  const t = useT();
  const formId = useId();
  const suggestion = draft.kind === "suggestion";
  const errors = result?.errors ?? {};
  return (
    <Form method="post" noValidate className="thread-form" aria-labelledby="new-thread-heading">
      <h3 id="new-thread-heading">
        {suggestion ? t("comments.newSuggestion") : t("comments.newComment")}
      </h3>
      <input type="hidden" name="intent" value="createThread" />
      <input type="hidden" name="kind" value={draft.kind} />
      <input type="hidden" name="anchorStart" value={draft.anchorStart} />
      <input type="hidden" name="anchorEnd" value={draft.anchorEnd} />
      <input type="hidden" name="quote" value={draft.quote} />
      <p className="hint">{t("comments.passage")}:</p>
      <blockquote className="thread-quote">{draft.quote}</blockquote>
      {errors.quote ? (
        <p className="field-error" role="alert">
          {t(errors.quote)}
        </p>
      ) : null}
      {suggestion ? (
        <TextAreaField
          id={`${formId}-proposedText`}
          name="proposedText"
          announce
          label={t("comments.proposedText")}
          hint={t("comments.proposedHint")}
          error={errors.proposedText}
          defaultValue={draft.proposedText ?? draft.quote}
          required
        />
      ) : null}
      <TextAreaField
        id={`${formId}-body`}
        name="body"
        announce
        label={suggestion ? t("comments.suggestionReason") : t("comments.body")}
        hint={t("comments.bodyHint")}
        error={errors.body}
        defaultValue={draft.body}
        required={!suggestion}
        rows={4}
      />
      <div className="button-row">
        <button type="submit" className="button primary">
          {t("comments.submit")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("comments.cancel")}
        </button>
      </div>
    </Form>
  );
}
