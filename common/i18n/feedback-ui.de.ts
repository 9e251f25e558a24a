/**
 * German texts of confirmation dialogs, success messages and who may release a position
 * (spread into de.ts).
 */
export const feedbackUiDe = {
  "confirm.cancel": "Abbrechen",
  "confirm.irreversible": "Dies kann nicht rückgängig gemacht werden.",

  "confirm.deleteComment.title": "Kommentar löschen?",
  "confirm.deleteComment.body":
    "Der Text des Kommentars wird gelöscht. Im Verlauf steht an seiner Stelle „Kommentar gelöscht“.",
  "confirm.deleteComment.submit": "Kommentar löschen",

  "confirm.removeMember.title": "{name} aus dem Verfahren entfernen?",
  "confirm.removeMember.body":
    "{name} verliert den Zugang zu diesem Verfahren. Beiträge der Person bleiben erhalten. Sie können die Person später wieder hinzufügen.",
  "confirm.removeMember.submit": "Aus dem Verfahren entfernen",

  "confirm.publish.title": "Abwägungen veröffentlichen?",
  "confirm.publish.body": {
    one: "1 Abwägung wird für alle Beteiligten des Verfahrens sichtbar.",
    other: "{count} Abwägungen werden für alle Beteiligten des Verfahrens sichtbar.",
  },
  "confirm.publish.submit": "Veröffentlichen",

  "confirm.freeze.title": "Fassung einfrieren?",
  "confirm.freeze.body":
    "Der heutige Stand aller Abschnitte, des Maßnahmenplans, der Stellungnahmen und der Abwägungstabelle wird als Fassung „{name}“ gespeichert. Eine Fassung lässt sich danach weder ändern noch löschen.",
  "confirm.freeze.submit": "Fassung einfrieren",

  "confirm.phase.title": "Phase wechseln?",
  "confirm.phase.body":
    "Das Verfahren wechselt in die Phase „{phase}“. Was die Beteiligten tun dürfen, richtet sich sofort nach der neuen Phase. Sie können die Phase später wieder ändern.",
  "confirm.phase.submit": "Phase wechseln",

  "confirm.lock.title": "Abschnitt sperren?",
  "confirm.lock.body":
    "Niemand kann den Text von „{title}“ mehr bearbeiten, bis die Sperre aufgehoben wird; wer gerade schreibt, kann nur noch lesen. Kommentare bleiben möglich.",
  "confirm.lock.submit": "Abschnitt sperren",

  "confirm.disable.title": "Konto von {name} sperren?",
  "confirm.disable.body":
    "{name} kann sich nicht mehr anmelden, und alle laufenden Sitzungen werden beendet. Sie können das Konto später wieder entsperren.",
  "confirm.disable.submit": "Konto sperren",

  "done.requirementStatus": "Der Status der Anforderung ist jetzt „{status}“.",
  "done.versionFrozen": "Fassung „{name}“ gespeichert.",
  "done.versionOpen": "Fassung „{name}“ ansehen",
  "done.userCreated": "Das Konto für {name} wurde angelegt.",
  "done.userDisabled": "Das Konto von {name} wurde gesperrt.",
  "done.userEnabled": "Das Konto von {name} wurde entsperrt.",
  "done.passwordSet":
    "Das neue Passwort für {name} wurde gespeichert; alle Sitzungen wurden beendet.",
  "done.membershipSaved": "Die Mitgliedschaft von {name} wurde gespeichert.",
  "done.membershipRemoved": "Die Mitgliedschaft von {name} wurde entfernt.",
  "done.memberAdded": "{name} wurde dem Verfahren hinzugefügt.",
  "done.memberRole": "Die Rolle von {name} wurde geändert.",
  "done.memberRemoved": "Die Person wurde aus dem Verfahren entfernt.",
  "done.sectionLocked": "Der Abschnitt ist gesperrt.",
  "done.sectionUnlocked": "Die Sperre des Abschnitts ist aufgehoben.",
  "done.sectionSaved": "Der Abschnitt wurde gespeichert.",
  "done.sectionMoved": "Der Abschnitt wurde verschoben.",
  "done.grantAdded": "Die Organisation darf den Abschnitt jetzt bearbeiten.",
  "done.grantRevoked": "Die Organisation darf den Abschnitt nicht mehr bearbeiten.",

  "positions.releasers": "Freigeben können: {names}",
  "positions.noReleasers":
    "In {organisation} hat zurzeit niemand das Recht, Stellungnahmen freizugeben. Die Administration kann es vergeben.",
};
