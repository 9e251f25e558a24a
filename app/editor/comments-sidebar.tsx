import { useEffect, useId, useState } from "react";
import { Form, Link } from "react-router";
import type { Editor } from "@tiptap/core";
import { formatDateTime, isMessageKey, type MessageKey } from "#app/i18n/index.ts";
import { useLocale, useT } from "#app/i18n/react.tsx";
import type { FieldErrors } from "#app/lib/forms.ts";
import type { ThreadView } from "#server/domain/comments.ts";
import {
  anchorsForSelection,
  livePassage,
  setCommentThreads,
  threadRange,
} from "./comment-anchors.ts";

/** The section page's form intents that belong to comments (handled in section-threads.server.ts). */
export const THREAD_INTENTS: ReadonlySet<string> = new Set([
  "createThread",
  "reply",
  "editComment",
  "deleteComment",
  "resolve",
  "reopen",
  "decide",
]);

/** What the section action answers to a thread form. */
export interface ThreadActionResult {
  ok: boolean;
  errors: FieldErrors;
  formError?: string;
  values?: Record<string, string>;
  intent?: string;
  current?: string;
}

interface Draft {
  kind: "comment" | "suggestion";
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  body?: string;
  proposedText?: string;
}

function TextArea({
  name,
  label,
  error,
  hint,
  defaultValue,
  required,
  rows = 3,
}: {
  name: string;
  label: string;
  error?: MessageKey;
  hint?: string;
  defaultValue?: string;
  required?: boolean;
  rows?: number;
}) {
  const t = useT();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

/** Returns the action result when it belongs to this form (same intent and subject). */
function resultFor(
  result: ThreadActionResult | undefined,
  intent: string,
  key: string,
  id: string,
): ThreadActionResult | undefined {
  if (!result || result.intent !== intent) return undefined;
  return result.values?.[key] === id ? result : undefined;
}

function NewThreadForm({
  draft,
  result,
  onCancel,
}: {
  draft: Draft;
  result?: ThreadActionResult;
  onCancel: () => void;
}) {
  const t = useT();
  const suggestion = draft.kind === "suggestion";
  const errors = result?.errors ?? {};
  return (
    <Form method="post" className="thread-form" aria-labelledby="new-thread-heading">
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
        <TextArea
          name="proposedText"
          label={t("comments.proposedText")}
          hint={t("comments.proposedHint")}
          error={errors.proposedText}
          defaultValue={draft.proposedText ?? draft.quote}
          required
        />
      ) : null}
      <TextArea
        name="body"
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

function CommentItem({
  comment,
  result,
}: {
  comment: ThreadView["comments"][number];
  result?: ThreadActionResult;
}) {
  const t = useT();
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
        <Form method="post" className="thread-form" onSubmit={() => setEditing(false)}>
          <input type="hidden" name="intent" value="editComment" />
          <input type="hidden" name="commentId" value={comment.id} />
          <TextArea
            name="body"
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
              <button type="submit" className="link-button">
                {t("comments.delete")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

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
          {decideResult?.current !== undefined ? (
            <div className="notice" role="alert">
              <p>{t("comments.passageChanged", { current: decideResult.current })}</p>
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
            <Form method="post" className="thread-form">
              <input type="hidden" name="intent" value="decide" />
              <input type="hidden" name="threadId" value={thread.id} />
              <input type="hidden" name="decision" value="reject" />
              <TextArea
                name="reason"
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
        <Form method="post" className="thread-form reply-form">
          <input type="hidden" name="intent" value="reply" />
          <input type="hidden" name="threadId" value={thread.id} />
          <TextArea
            name="body"
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

/** Filters as a GET form, so they work without JavaScript and can be bookmarked. */
export function ThreadFilters({
  query,
  options,
  sections,
}: {
  query: Record<string, string>;
  options: {
    organisations: { id: string; name: string }[];
    authors: { id: string; name: string }[];
  };
  sections?: { id: string; title: string; position: number }[];
}) {
  const t = useT();
  const select = (name: string, label: string, choices: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`thread-filter-${name}`}>{label}</label>
      <select id={`thread-filter-${name}`} name={name} defaultValue={query[name] ?? ""}>
        <option value="">{t("comments.filter.all")}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Form method="get" className="thread-filters" aria-label={t("comments.filters")}>
      {select(
        "status",
        t("comments.filter.status"),
        (["open", "resolved", "accepted", "rejected"] as const).map((s) => ({
          value: s,
          label: t(`comments.status.${s}`),
        })),
      )}
      {select(
        "kind",
        t("comments.filter.kind"),
        (["comment", "suggestion"] as const).map((k) => ({
          value: k,
          label: t(`comments.kind.${k}`),
        })),
      )}
      {select(
        "organisation",
        t("comments.filter.organisation"),
        options.organisations.map((o) => ({ value: o.id, label: o.name })),
      )}
      {select(
        "author",
        t("comments.filter.author"),
        options.authors.map((a) => ({ value: a.id, label: a.name })),
      )}
      {sections
        ? select(
            "section",
            t("comments.filter.section"),
            sections.map((s) => ({ value: s.id, label: `${s.position}. ${s.title}` })),
          )
        : null}
      <button type="submit" className="button small">
        {t("comments.filter.apply")}
      </button>
    </Form>
  );
}

/**
 * The section's comments next to the editor: new threads on the selected passage, threads in
 * document order with their passages highlighted; selecting one selects the other.
 */
export function CommentsSidebar({
  threads,
  total,
  options,
  query,
  permissions,
  result,
  editor,
  activeId,
  onActivate,
}: {
  threads: ThreadView[];
  total: number;
  options: {
    organisations: { id: string; name: string }[];
    authors: { id: string; name: string }[];
  };
  query: Record<string, string>;
  permissions: { comment: boolean; suggest: boolean; commentDenial: string | null };
  result?: ThreadActionResult;
  editor: Editor | null;
  activeId: string | null;
  onActivate: (id: string | null) => void;
}) {
  const t = useT();
  const failedDraft =
    result && !result.ok && result.intent === "createThread" && result.values
      ? (result.values as unknown as Draft)
      : null;
  const [draft, setDraft] = useState<Draft | null>(failedDraft);
  const [hasSelection, setHasSelection] = useState(false);
  const [selectFirst, setSelectFirst] = useState(false);
  const [, setDocVersion] = useState(0);
  const created = result?.ok && result.intent === "createThread";

  useEffect(() => {
    if (failedDraft) setDraft(failedDraft);
    // Only a new action result may replace the draft; the draft object itself is rebuilt each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);
  useEffect(() => {
    if (created) setDraft(null);
  }, [created, result]);

  // Passages change with every edit, also without any SQL event: re-read them from the editor.
  useEffect(() => {
    if (!editor) return;
    const changed = () => setDocVersion((n) => n + 1);
    editor.on("update", changed);
    return () => {
      editor.off("update", changed);
    };
  }, [editor]);

  useEffect(() => {
    if (!editor) return;
    const update = () => setHasSelection(!editor.state.selection.empty);
    update();
    editor.on("selectionUpdate", update);
    return () => {
      editor.off("selectionUpdate", update);
    };
  }, [editor]);

  const open = threads.filter((th) => th.status === "open");
  useEffect(() => {
    if (editor) setCommentThreads(editor, open, activeId);
    // `open` is derived from `threads`; re-sending on each render would loop through dispatch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, threads, activeId]);

  useEffect(() => {
    if (!activeId) return;
    document
      .getElementById(`thread-${activeId}`)
      ?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [activeId]);

  const start = (kind: Draft["kind"]) => {
    const anchors = editor ? anchorsForSelection(editor.state) : null;
    if (!anchors) {
      setSelectFirst(true);
      return;
    }
    setSelectFirst(false);
    setDraft({ kind, ...anchors });
  };

  const showPassage = (thread: ThreadView) => {
    onActivate(thread.id);
    if (!editor) return;
    const range = threadRange(editor.state, thread);
    if (!range) return;
    editor.chain().setTextSelection(range).scrollIntoView().run();
    editor.view.dom
      .querySelector(`[data-thread-id="${thread.id}"]`)
      ?.scrollIntoView({ block: "center", behavior: "smooth" });
  };

  const shown = editor
    ? threads
        .map((thread, index) => {
          const live = livePassage(editor.state, thread);
          if (live === undefined) return { thread, order: thread.offset, index };
          return {
            thread: { ...thread, currentText: live?.text ?? null },
            order: live ? live.from : thread.offset,
            index,
          };
        })
        .sort((a, b) => a.order - b.order || a.index - b.index)
        .map((entry) => entry.thread)
    : threads;

  const canStart = permissions.comment || permissions.suggest;
  const closedKey = `comments.closed.${permissions.commentDenial ?? "role"}`;
  return (
    <aside className="comments-sidebar" aria-labelledby="comments-heading">
      <h2 id="comments-heading">
        {t("comments.heading")}{" "}
        <span className="hint">({t("comments.count", { count: total })})</span>
      </h2>
      {canStart ? (
        <div className="thread-start">
          <p className="hint">{t("comments.selectHint")}</p>
          {selectFirst ? (
            <p className="field-error" role="alert">
              {t("comments.selectFirst")}
            </p>
          ) : null}
          <div className="button-row">
            {permissions.comment ? (
              <button
                type="button"
                className="button small"
                aria-disabled={!hasSelection || undefined}
                onClick={() => start("comment")}
              >
                {t("comments.comment")}
              </button>
            ) : null}
            {permissions.suggest ? (
              <button
                type="button"
                className="button small"
                aria-disabled={!hasSelection || undefined}
                onClick={() => start("suggestion")}
              >
                {t("comments.suggest")}
              </button>
            ) : null}
          </div>
        </div>
      ) : (
        <p className="notice">
          {isMessageKey(closedKey) ? t(closedKey) : t("comments.closed.role")}
        </p>
      )}
      {draft ? (
        <NewThreadForm
          key={`${draft.anchorStart}:${draft.kind}`}
          draft={draft}
          result={failedDraft ? result : undefined}
          onCancel={() => setDraft(null)}
        />
      ) : null}
      {total > 0 ? <ThreadFilters query={query} options={options} /> : null}
      {threads.length === 0 ? (
        <p>{total === 0 ? t("comments.none") : t("comments.noneMatching")}</p>
      ) : (
        <ol className="thread-list">
          {shown.map((thread) => (
            <li key={thread.id}>
              <ThreadCard
                thread={thread}
                result={result}
                active={thread.id === activeId}
                onShowPassage={() => showPassage(thread)}
              />
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
