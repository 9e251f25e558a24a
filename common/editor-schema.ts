import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";

export { FRAGMENT } from "./fragment.ts";

/**
 * The document schema of a section: the Tiptap extensions that define its nodes and marks. The
 * editor adds collaboration and UI extensions on top; the collaboration server derives the node
 * names it accepts in client updates from this same list, so both always agree.
 */
export function schemaExtensions() {
  return [
    StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true } }),
    TableKit.configure({ table: { resizable: false } }),
  ];
}
