/** German texts of admin edits, measure archiving and the editor additions (spread into de.ts). */
export const adminDe = {
  "admin.edit": "Bearbeiten",
  "admin.editUser": "Name und E-Mail ändern",
  "admin.organisationUpdated": "Die Organisation „{name}“ wurde gespeichert.",
  "admin.userUpdated": "Die Angaben von {name} wurden gespeichert.",
  "admin.unchanged": "Es gab keine Änderungen; nichts wurde gespeichert.",
  "measures.nextCodeHint": "Nächste freie Nummer: {code}",
  "editor.strike": "Durchgestrichen",
  "editor.undo": "Rückgängig",
  "editor.redo": "Wiederholen",
} as const;
