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
  "archive.badge": "archiviert",
  "archive.heading": "Archivieren und löschen",
  "archive.showArchived": "Archivierte Maßnahmen anzeigen",
  "archive.hiddenCount": {
    one: "{count} archivierte Maßnahme ist ausgeblendet.",
    other: "{count} archivierte Maßnahmen sind ausgeblendet.",
  },
  "archive.archivedBy": "Archiviert am {date} von {name}.",
  "archive.archivedMeaning":
    "Die Maßnahme steht nicht mehr im Maßnahmenplan und kommt in keine neue Fassung; sie kann nicht bearbeitet werden, Stellungnahmen dazu können nicht mehr erfasst oder freigegeben werden.",
  "archive.archive": "Archivieren",
  "archive.archiveHint":
    "Archivierte Maßnahmen verschwinden aus dem Maßnahmenplan und aus neuen Fassungen. Die Seite und die Stellungnahmen bleiben lesbar; Sie können die Maßnahme jederzeit wiederherstellen.",
  "archive.restore": "Wiederherstellen",
  "archive.archived": "Die Maßnahme wurde archiviert.",
  "archive.restored": "Die Maßnahme wurde wiederhergestellt und steht wieder im Maßnahmenplan.",
  "archive.deleted": "Die Maßnahme {code} wurde endgültig gelöscht.",
  "archive.delete": "Endgültig löschen …",
  "archive.deleteConfirm":
    "Maßnahme {code} mit ihrem Änderungsverlauf endgültig löschen? Das kann nicht rückgängig gemacht werden. Bereits eingefrorene Fassungen behalten ihre Kopie.",
  "archive.deleteYes": "Ja, {code} endgültig löschen",
  "archive.deleteOnlyArchive":
    "Auf diese Maßnahme beziehen sich Stellungnahmen, Anforderungen oder Abwägungen; sie kann nur archiviert, nicht gelöscht werden.",
  "archive.alreadyArchived": "Die Maßnahme ist bereits archiviert.",
  "archive.notArchived": "Die Maßnahme ist nicht archiviert.",
  "archive.readOnly":
    "Archivierte Maßnahmen können nicht bearbeitet werden. Stellen Sie die Maßnahme zuerst wieder her.",
  "archive.positionsClosed":
    "Die Maßnahme ist archiviert; Stellungnahmen dazu können nicht mehr erfasst oder freigegeben werden.",
  "archive.deleteHasPositions":
    "Zu dieser Maßnahme gibt es Stellungnahmen. Sie kann nur archiviert, nicht gelöscht werden.",
  "archive.deleteReferenced":
    "Auf diese Maßnahme beziehen sich Anforderungen oder Abwägungen. Sie kann nur archiviert, nicht gelöscht werden.",
  "archive.historyArchived": "Archiviert",
  "archive.historyRestored": "Wiederhergestellt",
  "archive.csvColumn": "Archiviert am",
  "error.conflict.title": "Nicht möglich",
} as const;
