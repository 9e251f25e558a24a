import { useId, useState } from "react";
import { Form } from "react-router";
import { formatDateTime } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import { ConfirmButton } from "#app/components/confirm.tsx";
import type { ThreadView } from "#server/domain/thread-views.ts";
import { TextAreaField } from "#app/components/form.tsx";
import { resultFor, type ThreadActionResult } from "./thread-actions.ts";

/** One comment in a thread, with its edit and delete actions. */
export function CommentItem({
  comment,
  result,
}: {
  comment: ThreadView["comments"][number];
  result?: ThreadActionResult;
}) {
  const t = useT();
  const formId = useId();
  const locale = useLocale();
  const failed = resultFor(result, "editComment", "commentId", comment.id);
  const [editing, setEditing] = useState(Boolean(failed && !failed.ok));
  if (comment.deleted) {
    return (
      <li className="comment comment-deleted">
        <p>{t("comments.deleted")}</p>
      </li>
    );
  }
  return (
    <li className="comment">
      <p className="comment-meta">
        <strong>{comment.author ?? "—"}</strong>
        {comment.organisation ? <span> ({comment.organisation})</span> : null}
        {" · "}
        <time dateTime={new Date(comment.createdAt).toISOString()}>
          {formatDateTime(locale, comment.createdAt)}
        </time>
        {comment.editedAt ? <span className="hint"> · {t("comments.edited")}</span> : null}
      </p>
      {editing ? (
        <Form method="post" noValidate className="thread-form" onSubmit={() => setEditing(false)}>
          <input type="hidden" name="intent" value="editComment" />
          <input type="hidden" name="commentId" value={comment.id} />
          <TextAreaField
            id={`${formId}-body`}
            name="body"
            announce
            label={t("comments.body")}
            error={failed?.errors.body}
            defaultValue={failed?.values?.body ?? comment.body}
            required
          />
          <div className="button-row">
            <button type="submit" className="button small primary">
              {t("comments.save")}
            </button>
            <button type="button" className="button small" onClick={() => setEditing(false)}>
              {t("comments.cancel")}
            </button>
          </div>
        </Form>
      ) : (
        <p className="comment-body">{comment.body}</p>
      )}
      {!editing && (comment.canEdit || comment.canDelete) ? (
        <div className="button-row">
          {comment.canEdit ? (
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              {t("comments.edit")}
            </button>
          ) : null}
          {comment.canDelete ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="deleteComment" />
              <input type="hidden" name="commentId" value={comment.id} />
              <ConfirmButton
                className="link-button"
                title={t("confirm.deleteComment.title")}
                body={t("confirm.deleteComment.body")}
                confirmLabel={t("confirm.deleteComment.submit")}
                danger
              >
                {t("comments.delete")}
              </ConfirmButton>
            </Form>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
