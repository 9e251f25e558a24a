import type { Message } from "./message.ts";
import type { adminDe } from "./admin.de.ts";

/** English texts of admin edits, measure archiving and the editor additions (spread into en.ts). */
export const adminEn: Record<keyof typeof adminDe, Message> = {
  "admin.edit": "Edit",
  "admin.editUser": "Change name and e-mail",
  "admin.organisationUpdated": "The organisation “{name}” was saved.",
  "admin.userUpdated": "The details of {name} were saved.",
  "admin.unchanged": "Nothing changed; nothing was saved.",
  "measures.nextCodeHint": "Next free number: {code}",
  "editor.strike": "Strikethrough",
  "editor.undo": "Undo",
  "editor.redo": "Redo",
};
