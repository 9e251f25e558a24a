import { useId } from "react";
import { Form, Link } from "react-router";
import { formatDateTime, isMessageKey } from "#common/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import type { ThreadView } from "#server/domain/thread-views.ts";
import { CommentItem } from "./comment-item.tsx";
import { TextAreaField } from "#app/components/form.tsx";
import { resultFor, type ThreadActionResult } from "./thread-actions.ts";

/** One thread: its passage, proposal, comments and the actions the user may take. */
export function ThreadCard({
  thread,
  result,
  active = false,
  onShowPassage,
  sectionLink,
}: {
  thread: ThreadView;
  result?: ThreadActionResult;
  active?: boolean;
  onShowPassage?: () => void;
  sectionLink?: string;
}) {
  const t = useT();
  const formId = useId();
  const locale = useLocale();
  const replyResult = resultFor(result, "reply", "threadId", thread.id);
  const decideResult = resultFor(result, "decide", "threadId", thread.id);
  const headingId = `thread-${thread.id}-heading`;
  const kindLabel = t(`comments.kind.${thread.kind}`);
  const statusLabel = t(`comments.status.${thread.status}`);
  // An accepted suggestion replaced its passage: that is a change, not a lost passage.
  const accepted = thread.kind === "suggestion" && thread.status === "accepted";
  const orphaned = thread.currentText === null && !accepted;
  return (
    <article
      id={`thread-${thread.id}`}
      className={`thread thread-${thread.status}${active ? " thread-active" : ""}`}
      aria-labelledby={headingId}
    >
      <h3 id={headingId} className="thread-heading">
        <span className={`badge badge-${thread.kind}`}>{kindLabel}</span>{" "}
        <span className={`badge status-${thread.status}`}>{statusLabel}</span>{" "}
        <span className="thread-author">
          {thread.organisation
            ? t("comments.by", { name: thread.author ?? "—", organisation: thread.organisation })
            : (thread.author ?? "—")}
        </span>
      </h3>
      {sectionLink ? (
        <p>
          {t("threads.section")}:{" "}
          <Link to={sectionLink}>
            {thread.sectionPosition}. {thread.section}
          </Link>
        </p>
      ) : null}
      {accepted ? (
        <div className="thread-accepted">
          <p className="hint">{t("comments.oldWording")}:</p>
          <blockquote className="thread-quote">
            <del>{thread.quote}</del>
          </blockquote>
          <p className="hint">{t("comments.newWording")}:</p>
          <blockquote className="thread-quote">
            <ins>{thread.proposedText}</ins>
          </blockquote>
        </div>
      ) : orphaned ? (
        <div className="thread-orphaned">
          <p>
            <strong>{t("comments.orphaned")}</strong>
          </p>
          <p className="hint">{t("comments.originalQuote")}:</p>
          <blockquote className="thread-quote">{thread.quote}</blockquote>
        </div>
      ) : (
        <blockquote className="thread-quote">{thread.currentText}</blockquote>
      )}
      {onShowPassage && thread.currentText !== null ? (
        <button type="button" className="link-button" aria-pressed={active} onClick={onShowPassage}>
          {t("comments.showPassage")}
        </button>
      ) : null}
      {thread.kind === "suggestion" && !accepted ? (
        <div className="thread-proposal">
          <p className="hint">{t("comments.proposal")}:</p>
          <p className="proposal-text">{thread.proposedText}</p>
        </div>
      ) : null}
      {thread.decidedAt && thread.status !== "open" ? (
        <p className="hint">
          {t("comments.decidedBy", {
            status: statusLabel,
            name: thread.decidedBy ?? "—",
            date: formatDateTime(locale, thread.decidedAt),
          })}
        </p>
      ) : null}
      {thread.decisionReason ? (
        <p>
          {t("comments.decisionReason")}:{" "}
          <span className="comment-body">{thread.decisionReason}</span>
        </p>
      ) : null}
      {thread.comments.length > 0 ? (
        <ol className="comment-list">
          {thread.comments.map((c) => (
            <CommentItem key={c.id} comment={c} result={result} />
          ))}
        </ol>
      ) : null}

      {thread.canDecide && thread.status === "open" ? (
        <div className="thread-decision">
          {decideResult?.extra?.current !== undefined ? (
            <div className="notice warning" role="alert">
              <p>{t("comments.passageChanged", { current: decideResult.extra.current })}</p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="threadId" value={thread.id} />
                <input type="hidden" name="decision" value="accept" />
                <input type="hidden" name="force" value="1" />
                <button type="submit" className="button small primary">
                  {t("comments.acceptAnyway")}
                </button>
              </Form>
            </div>
          ) : decideResult?.formError && isMessageKey(decideResult.formError) ? (
            <p className="field-error" role="alert">
              {t(decideResult.formError)}
            </p>
          ) : null}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="decide" />
            <input type="hidden" name="threadId" value={thread.id} />
            <input type="hidden" name="decision" value="accept" />
            <button type="submit" className="button small primary">
              {t("comments.accept")}
            </button>
          </Form>
          <details open={Boolean(decideResult?.errors.reason)}>
            <summary>{t("comments.reject")}</summary>
            <Form method="post" noValidate className="thread-form">
              <input type="hidden" name="intent" value="decide" />
              <input type="hidden" name="threadId" value={thread.id} />
              <input type="hidden" name="decision" value="reject" />
              <TextAreaField
                id={`${formId}-reason`}
                name="reason"
                announce
                label={t("comments.rejectReason")}
                error={decideResult?.errors.reason}
                defaultValue={decideResult?.values?.reason}
                required
              />
              <button type="submit" className="button small">
                {t("comments.reject")}
              </button>
            </Form>
          </details>
        </div>
      ) : null}

      {thread.canResolve ? (
        <Form method="post" className="inline-form">
          <input
            type="hidden"
            name="intent"
            value={thread.status === "open" ? "resolve" : "reopen"}
          />
          <input type="hidden" name="threadId" value={thread.id} />
          <button type="submit" className="button small">
            {thread.status === "open" ? t("comments.resolve") : t("comments.reopen")}
          </button>
        </Form>
      ) : null}

      {thread.canReply && (thread.status === "open" || thread.status === "resolved") ? (
        <Form method="post" noValidate className="thread-form reply-form">
          <input type="hidden" name="intent" value="reply" />
          <input type="hidden" name="threadId" value={thread.id} />
          <TextAreaField
            id={`${formId}-body`}
            name="body"
            announce
            label={t("comments.replyLabel")}
            error={replyResult?.errors.body}
            defaultValue={replyResult && !replyResult.ok ? replyResult.values?.body : undefined}
            rows={2}
          />
          <button type="submit" className="button small">
            {t("comments.reply")}
          </button>
        </Form>
      ) : null}
    </article>
  );
}
