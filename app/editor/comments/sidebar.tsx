import { useEffect, useState } from "react";
import type { Editor } from "@tiptap/core";
import { isMessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import type { ThreadView } from "#server/domain/thread-views.ts";
import {
  anchorsForSelection,
  livePassage,
  setCommentThreads,
  threadRange,
} from "../comment-anchors.ts";
import { NewThreadForm, type Draft } from "./new-thread-form.tsx";
import type { ThreadActionResult } from "./thread-actions.ts";
import { ThreadCard } from "./thread-card.tsx";
import { ThreadFilters } from "./thread-filters.tsx";

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
        <p className="notice info">
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
