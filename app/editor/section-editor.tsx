import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import type { MessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import { CommentAnchors } from "./comment-anchors.ts";
import { FRAGMENT, schemaExtensions } from "#common/editor-schema.ts";
import { useUndoState } from "./undo-state.ts";
import { openCollabSession, type CollabSession, type SaveState } from "./collab-session.ts";

interface PresentUser {
  clientId: number;
  name: string;
  organisation: string | null;
  colour: string;
}

type AwarenessUser = {
  name?: string;
  organisation?: string | null;
  colour?: string;
  color?: string;
};

const STATE_LABEL: Record<SaveState, MessageKey> = {
  connecting: "editor.state.connecting",
  saved: "editor.state.saved",
  saving: "editor.state.saving",
  offline: "editor.state.offline",
  readonly: "editor.state.readonly",
  session_ended: "editor.state.sessionEnded",
  forbidden: "editor.state.forbidden",
  unsaved: "editor.state.unsaved",
};

function caret(user: AwarenessUser): HTMLElement {
  const colour = user.colour ?? user.color ?? "#475569";
  const cursor = document.createElement("span");
  cursor.className = "collab-caret";
  cursor.style.borderColor = colour;
  const label = document.createElement("span");
  label.className = "collab-caret-label";
  label.style.backgroundColor = colour;
  label.textContent = user.name ?? "";
  cursor.append(label);
  return cursor;
}

function usePresence(session: CollabSession | null): PresentUser[] {
  const [users, setUsers] = useState<PresentUser[]>([]);
  useEffect(() => {
    if (!session) return;
    const awareness = session.provider.awareness;
    const update = () => {
      const list: PresentUser[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const user = state.user as AwarenessUser | undefined;
        if (!user?.name) return;
        list.push({
          clientId,
          name: user.name,
          organisation: user.organisation ?? null,
          colour: user.colour ?? user.color ?? "#475569",
        });
      });
      list.sort((a, b) => a.name.localeCompare(b.name));
      setUsers(list);
    };
    awareness.on("change", update);
    update();
    return () => awareness.off("change", update);
  }, [session]);
  return users;
}

/** A WAI-ARIA toolbar: one tab stop, arrow keys move between buttons. */
function Toolbar({ editor }: { editor: Editor }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState("");
  const [linkError, setLinkError] = useState(false);
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      strike: e.isActive("strike"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      link: e.isActive("link"),
      table: e.isActive("table"),
    }),
  });
  const history = useUndoState(editor);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>("button") ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next = index;
    if (event.key === "ArrowRight") next = (index + 1) % buttons.length;
    if (event.key === "ArrowLeft") next = (index - 1 + buttons.length) % buttons.length;
    if (event.key === "Home") next = 0;
    if (event.key === "End") next = buttons.length - 1;
    event.preventDefault();
    buttons.forEach((b, i) => (b.tabIndex = i === next ? 0 : -1));
    buttons[next]?.focus();
  };

  const chain = () => editor.chain().focus();
  const button = (
    label: MessageKey,
    action: () => void,
    pressed?: boolean,
    first = false,
    text?: string,
    disabled?: boolean,
  ) => (
    <button
      type="button"
      className="tool"
      tabIndex={first ? 0 : -1}
      aria-pressed={pressed}
      // aria-disabled keeps the button reachable with the arrow keys (WAI-ARIA toolbar).
      aria-disabled={disabled || undefined}
      onClick={disabled ? undefined : action}
      title={t(label)}
    >
      {text ?? t(label)}
    </button>
  );

  const applyLink = () => {
    const value = href.trim();
    if (value === "") {
      chain().extendMarkRange("link").unsetLink().run();
      setLinkOpen(false);
      return;
    }
    if (!/^(https?:\/\/|mailto:)/i.test(value)) {
      setLinkError(true);
      return;
    }
    chain().extendMarkRange("link").setLink({ href: value }).run();
    setLinkOpen(false);
  };

  return (
    <>
      <div
        ref={ref}
        role="toolbar"
        aria-label={t("editor.toolbar")}
        aria-controls="section-editor"
        className="editor-toolbar"
        onKeyDown={onKeyDown}
      >
        {button(
          "editor.heading2",
          () => chain().toggleHeading({ level: 2 }).run(),
          active.h2,
          true,
          "H2",
        )}
        {button(
          "editor.heading3",
          () => chain().toggleHeading({ level: 3 }).run(),
          active.h3,
          false,
          "H3",
        )}
        {button("editor.bold", () => chain().toggleBold().run(), active.bold, false, "B")}
        {button("editor.italic", () => chain().toggleItalic().run(), active.italic, false, "I")}
        {button("editor.strike", () => chain().toggleStrike().run(), active.strike)}
        {button("editor.bulletList", () => chain().toggleBulletList().run(), active.bullet)}
        {button("editor.orderedList", () => chain().toggleOrderedList().run(), active.ordered)}
        {button(
          "editor.link",
          () => {
            setHref((editor.getAttributes("link").href as string | undefined) ?? "");
            setLinkError(false);
            setLinkOpen((open) => !open);
          },
          active.link,
        )}
        {button(
          "editor.undo",
          () => chain().undo().run(),
          undefined,
          false,
          undefined,
          !history.undo,
        )}
        {button(
          "editor.redo",
          () => chain().redo().run(),
          undefined,
          false,
          undefined,
          !history.redo,
        )}
        {button("editor.insertTable", () =>
          chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
        )}
        {active.table ? (
          <>
            {button("editor.addRow", () => chain().addRowAfter().run())}
            {button("editor.addColumn", () => chain().addColumnAfter().run())}
            {button("editor.deleteRow", () => chain().deleteRow().run())}
            {button("editor.deleteColumn", () => chain().deleteColumn().run())}
            {button("editor.deleteTable", () => chain().deleteTable().run())}
          </>
        ) : null}
      </div>
      {linkOpen ? (
        <div className="link-form">
          <label htmlFor="editor-link-href">{t("editor.linkAddress")}</label>
          <input
            id="editor-link-href"
            type="url"
            value={href}
            autoFocus
            aria-invalid={linkError || undefined}
            aria-describedby={linkError ? "editor-link-error" : undefined}
            onChange={(e) => setHref(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                applyLink();
              } else if (e.key === "Escape") {
                setLinkOpen(false);
                editor.commands.focus();
              }
            }}
          />
          {linkError ? (
            <p id="editor-link-error" className="field-error">
              {t("editor.linkInvalid")}
            </p>
          ) : null}
          <button type="button" className="button small" onClick={applyLink}>
            {t("editor.linkApply")}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** Hooks for the comments sidebar: the live editor once it exists, and passage clicks. */
export interface EditorHooks {
  onEditor?: (editor: Editor | null) => void;
  onSelectThread?: (threadId: string) => void;
  /** Whether the server lets this user write now; called again whenever that flips live. */
  onAccess?: (canEdit: boolean) => void;
}

function LiveEditor({
  session,
  user,
  hooks,
}: {
  session: CollabSession;
  user: { name: string };
  hooks: EditorHooks;
}) {
  const t = useT();
  const hooksRef = useRef(hooks);
  useEffect(() => {
    hooksRef.current = hooks;
  });
  const [state, setState] = useState<SaveState>("connecting");
  const [canEdit, setCanEdit] = useState(false);
  const presence = usePresence(session);
  const editor = useEditor({
    immediatelyRender: false,
    editable: false,
    extensions: [
      ...schemaExtensions(),
      Collaboration.configure({ document: session.doc, field: FRAGMENT }),
      CollaborationCaret.configure({
        provider: session.provider,
        user: { name: user.name },
        render: caret,
        selectionRender: (u: AwarenessUser) => ({
          style: `background-color: ${(u.colour ?? u.color ?? "#475569") + "33"}`,
        }),
      }),
      CommentAnchors.configure({
        onSelectThread: (id) => hooksRef.current.onSelectThread?.(id),
      }),
    ],
    editorProps: {
      attributes: {
        id: "section-editor",
        class: "editor-content section-text",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": t("editor.label"),
        "aria-describedby": "editor-save-state",
      },
    },
  });

  useEffect(
    () =>
      session.onState((next, edit) => {
        setState(next);
        setCanEdit(edit);
      }),
    [session],
  );
  useEffect(() => {
    if (editor && editor.isEditable !== canEdit) editor.setEditable(canEdit);
  }, [editor, canEdit]);
  const live = state !== "connecting" && state !== "offline";
  useEffect(() => {
    if (live) hooksRef.current.onAccess?.(canEdit);
  }, [live, canEdit]);
  useEffect(() => {
    if (!editor) return;
    hooksRef.current.onEditor?.(editor);
    return () => hooksRef.current.onEditor?.(null);
  }, [editor]);

  return (
    <div className="live-editor">
      <div className="editor-bar">
        <p id="editor-save-state" className={`save-state save-state-${state}`} role="status">
          {t(STATE_LABEL[state])}
        </p>
        <div className="presence">
          <h3 className="visually-hidden">{t("editor.presence")}</h3>
          <ul aria-label={t("editor.presence")}>
            {presence.map((p) => (
              <li key={p.clientId}>
                <span
                  className="presence-dot"
                  style={{ backgroundColor: p.colour }}
                  aria-hidden="true"
                />
                {p.name}
                {p.organisation ? <span className="hint"> ({p.organisation})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
      {editor && canEdit ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}

/**
 * The live section editor. Until the browser has synced with the server, the server-rendered
 * text (children) stays on screen, so nobody ever sees an empty section that later fills.
 */
export function SectionEditor({
  sectionId,
  user,
  children,
  hooks = {},
}: {
  sectionId: string;
  user: { id: string; name: string };
  children: React.ReactNode;
  hooks?: EditorHooks;
}) {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [synced, setSynced] = useState(false);
  useEffect(() => {
    const opened = openCollabSession({ sectionId, userId: user.id });
    const onSync = (isSynced: boolean) => {
      if (isSynced) setSynced(true);
    };
    opened.provider.on("sync", onSync);
    setSession(opened);
    return () => {
      opened.provider.off("sync", onSync);
      opened.destroy();
      setSession(null);
      setSynced(false);
    };
  }, [sectionId, user.id]);
  if (!session || !synced) return <>{children}</>;
  return <LiveEditor session={session} user={user} hooks={hooks} />;
}
