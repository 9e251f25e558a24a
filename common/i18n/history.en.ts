import type { Message } from "./message.ts";
import type { historyDe } from "./history.de.ts";

/** English texts of a section's authorship history (spread into en.ts). */
export const historyEn: Record<keyof typeof historyDe, Message> = {
  "history.title": "History",
  "history.link": "History: who changed what?",
  "history.pageTitle": "History of {section}",
  "history.heading": "Who changed what: {section}",
  "history.intro":
    "Choose two points in time. The page shows the text as it reads at the second point: what was inserted in between is underlined, what was deleted is struck through – each with the colour and number of the person who changed it.",
  "history.from": "From",
  "history.to": "To",
  "history.start": "Start (empty section)",
  "history.now": "now",
  "history.submit": "Show history",
  "history.unknownPoint": "This version does not exist in this consultation.",
  "history.order": "“To” must come after “From”.",
  "history.tooLong":
    "This section's change log is too long to be evaluated here. Please contact the administrators.",
  "history.toCompacted":
    "The state at this “To” point can no longer be rebuilt: the change log was compacted on {date}. Choose a later version or “now”.",
  "history.compacted":
    "The change log was compacted on {date}. Text written until then shows unmarked, even if it was written after the “From” point; who wrote it is no longer known.",
  "history.summary": {
    one: "History loaded: changes by one person or source.",
    other: "History loaded: changes by {count} people or sources.",
  },
  "history.legend": "Legend",
  "history.legendHint":
    "Every change carries the superscript number of its author. Organisation: the one the person acts for in this consultation.",
  "history.markerLabel": "Number {marker}:",
  "history.starterText": "Starter text (no person)",
  "history.unknownPerson": "Unknown person",
  "history.noChanges": "Nobody changed the text between these points.",
  "history.toList": "To the list of changes",
  "history.text": "Text with changes",
  "history.empty": "The section has no text at this point.",
  "history.insStart": "[inserted by {author}:",
  "history.delStart": "[deleted by {author}:",
  "history.end": "]",
  "history.list": "Changes by person",
  "history.inserted": "Inserted, last on {date}:",
  "history.deleted": "Deleted, last on {date}:",
  "history.back": "Back to the section",
};
