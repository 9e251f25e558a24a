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
  "archive.badge": "archived",
  "archive.heading": "Archive and delete",
  "archive.showArchived": "Show archived measures",
  "archive.hiddenCount": {
    one: "{count} archived measure is hidden.",
    other: "{count} archived measures are hidden.",
  },
  "archive.archivedBy": "Archived on {date} by {name}.",
  "archive.archivedMeaning":
    "The measure is no longer in the measures plan and goes into no new version; it cannot be edited, and positions on it can no longer be recorded or released.",
  "archive.archive": "Archive",
  "archive.archiveHint":
    "Archived measures leave the measures plan and new versions. The page and the positions stay readable; you can restore the measure at any time.",
  "archive.restore": "Restore",
  "archive.archived": "The measure was archived.",
  "archive.restored": "The measure was restored and is back in the measures plan.",
  "archive.deleted": "Measure {code} was deleted for good.",
  "archive.delete": "Delete for good …",
  "archive.deleteConfirm":
    "Delete measure {code} and its change history for good? This cannot be undone. Versions already frozen keep their copy.",
  "archive.deleteYes": "Yes, delete {code} for good",
  "archive.deleteOnlyArchive":
    "Positions, requirements or dispositions refer to this measure; it can only be archived, not deleted.",
  "archive.alreadyArchived": "The measure is already archived.",
  "archive.notArchived": "The measure is not archived.",
  "archive.readOnly": "Archived measures cannot be edited. Restore the measure first.",
  "archive.positionsClosed":
    "The measure is archived; positions on it can no longer be recorded or released.",
  "archive.deleteHasPositions":
    "There are positions on this measure. It can only be archived, not deleted.",
  "archive.deleteReferenced":
    "Requirements or dispositions refer to this measure. It can only be archived, not deleted.",
  "archive.historyArchived": "Archived",
  "archive.historyRestored": "Restored",
  "archive.csvColumn": "Archived on",
  "error.conflict.title": "Not possible",
};
