/** Name of the root XmlFragment that holds a section's text (the editor, the server and anchors). */
export const FRAGMENT = "default";
