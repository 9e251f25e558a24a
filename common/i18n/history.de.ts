/** German texts of a section's authorship history (spread into de.ts). */
export const historyDe = {
  "history.title": "Verlauf",
  "history.link": "Verlauf: wer hat was geändert?",
  "history.pageTitle": "Verlauf von {section}",
  "history.heading": "Wer hat was geändert: {section}",
  "history.intro":
    "Wählen Sie zwei Zeitpunkte. Die Seite zeigt den Text, wie er zum zweiten Zeitpunkt lautet: Was dazwischen eingefügt wurde, ist unterstrichen, was gelöscht wurde, durchgestrichen – jeweils mit Farbe und Nummer der Person, die es geändert hat.",
  "history.from": "Von",
  "history.to": "Bis",
  "history.start": "Anfang (leerer Abschnitt)",
  "history.now": "jetzt",
  "history.submit": "Verlauf anzeigen",
  "history.unknownPoint": "Diese Fassung gibt es in diesem Verfahren nicht.",
  "history.order": "„Bis“ muss nach „Von“ liegen.",
  "history.tooLong":
    "Das Änderungsprotokoll dieses Abschnitts ist zu lang, um es hier auszuwerten. Bitte wenden Sie sich an die Administration.",
  "history.toCompacted":
    "Der Stand zu diesem „Bis“-Zeitpunkt lässt sich nicht mehr herstellen: Das Änderungsprotokoll wurde am {date} zusammengefasst. Wählen Sie eine spätere Fassung oder „jetzt“.",
  "history.compacted":
    "Das Änderungsprotokoll wurde am {date} zusammengefasst. Text, der bis dahin geschrieben wurde, erscheint unmarkiert, auch wenn er nach dem „Von“-Zeitpunkt entstand; Urheberinnen und Urheber dieses Texts sind nicht mehr bekannt.",
  "history.summary": {
    one: "Verlauf geladen: Änderungen von einer Person oder Quelle.",
    other: "Verlauf geladen: Änderungen von {count} Personen oder Quellen.",
  },
  "history.legend": "Legende",
  "history.legendHint":
    "Jede Änderung trägt die hochgestellte Nummer ihrer Urheberin oder ihres Urhebers. Organisation: die, für die die Person in diesem Verfahren handelt.",
  "history.markerLabel": "Nummer {marker}:",
  "history.starterText": "Ausgangstext (ohne Person)",
  "history.unknownPerson": "Unbekannte Person",
  "history.noChanges": "Zwischen diesen Zeitpunkten hat niemand den Text geändert.",
  "history.toList": "Zur Liste der Änderungen",
  "history.text": "Text mit Änderungen",
  "history.empty": "Der Abschnitt hat zu diesem Zeitpunkt keinen Text.",
  "history.insStart": "[eingefügt von {author}:",
  "history.delStart": "[gelöscht von {author}:",
  "history.end": "]",
  "history.list": "Änderungen nach Person",
  "history.inserted": "Eingefügt, zuletzt am {date}:",
  "history.deleted": "Gelöscht, zuletzt am {date}:",
  "history.back": "Zurück zum Abschnitt",
};
