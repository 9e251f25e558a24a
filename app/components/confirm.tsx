import { useEffect, useId, useRef, useState } from "react";
import { useT } from "#app/i18n/react.tsx";

interface ConfirmButtonProps extends Omit<
  React.ButtonHTMLAttributes<HTMLButtonElement>,
  "type" | "title" | "form" | "onClick"
> {
  /** The dialog's heading: the question ("Kommentar löschen?"). */
  title: string;
  /** What will happen, in a sentence or two. */
  body: React.ReactNode;
  /** The label of the button in the dialog that does it. */
  confirmLabel: string;
  /** Adds "This cannot be undone." to the body (true unless the action can be reversed). */
  irreversible?: boolean;
  /** Styles the confirm button as dangerous (deleting, removing, disabling). */
  danger?: boolean;
}

/**
 * A submit button for an action that should not happen by accident (ADR 017). Inside its form,
 * a click opens a modal native `<dialog>` (focus moves to "Cancel", Escape cancels, focus goes
 * back to the button) that says what will happen; its confirm button submits the same form with
 * the button's own `name`/`value`. Before hydration the button simply submits. A form whose
 * fields are not valid is submitted without asking, so the browser or the server names the problem.
 */
export function ConfirmButton({
  title,
  body,
  confirmLabel,
  irreversible = true,
  danger = false,
  children,
  name,
  value,
  className = "button",
  ...button
}: ConfirmButtonProps) {
  const t = useT();
  const id = useId();
  const opener = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const onClose = () => {
      setOpen(false);
      opener.current?.focus();
    };
    element.addEventListener("close", onClose);
    return () => element.removeEventListener("close", onClose);
  }, []);

  const onOpen = (event: React.MouseEvent<HTMLButtonElement>) => {
    const element = dialog.current;
    const form = event.currentTarget.form;
    if (!element || typeof element.showModal !== "function") return;
    if (form && !form.checkValidity()) return;
    event.preventDefault();
    setOpen(true);
    element.showModal();
    // The safe choice has the focus, whatever the browser picks by itself.
    cancel.current?.focus();
  };

  return (
    <>
      <button
        {...button}
        ref={opener}
        type="submit"
        name={name}
        value={value}
        className={className}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={onOpen}
      >
        {children}
      </button>
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`}>
          <p>{body}</p>
          {irreversible ? (
            <p className="confirm-irreversible">{t("confirm.irreversible")}</p>
          ) : null}
        </div>
        <div className="button-row">
          <button
            type="button"
            ref={cancel}
            className="button"
            onClick={() => dialog.current?.close()}
          >
            {t("confirm.cancel")}
          </button>
          <button
            type="submit"
            name={name}
            value={value}
            className={danger ? "button danger" : "button primary"}
            onClick={() => dialog.current?.close()}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
