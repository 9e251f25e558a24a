/** German texts of the readable audit log and the compact Abwägung queue (spread into de.ts). */
export const auditDe = {
  "consolidation.linksChosen": "{count} ausgewählt",
  "consolidation.linksChooseHint":
    "Kreuzen Sie an, welche Abschnitte, Maßnahmen oder Änderungsvorschläge aus der Abwägung folgen.",
  "consolidation.readMore": "weiterlesen",

  "audit.entry": "Eintrag",
  "audit.organisation": "Organisation",
  "audit.kind": "Art",
  "audit.from": "Von (Datum)",
  "audit.to": "Bis (Datum)",
  "audit.all": "alle",
  "audit.filter": "Filtern",
  "audit.resetFilters": "Filter zurücksetzen",
  "audit.filters": "Filter",
  "audit.count": {
    one: "{count} Eintrag",
    other: "{count} Einträge",
  },
  "audit.pageOf": "Seite {page} von {pages}",
  "audit.paging": "Seiten des Protokolls",
  "audit.newer": "Neuere Einträge",
  "audit.csv": "Als CSV herunterladen",
  "audit.csvFile": "protokoll.csv",
  "audit.raw": "Gespeicherte Daten",
  "audit.noMatch": "Keine Einträge entsprechen den Filtern.",
  "audit.system": "Das System",
  "audit.gone": "(nicht mehr vorhanden)",

  "audit.kind.sections": "Abschnitte",
  "audit.kind.comments": "Kommentare und Änderungsvorschläge",
  "audit.kind.measures": "Maßnahmen",
  "audit.kind.positions": "Stellungnahmen",
  "audit.kind.requirements": "Anforderungen",
  "audit.kind.consolidation": "Abwägung",
  "audit.kind.versions": "Fassungen",
  "audit.kind.members": "Mitglieder und Rollen",
  "audit.kind.consultation": "Verfahren",
  "audit.kind.accounts": "Konten und Anmeldung",
  "audit.kind.other": "Sonstiges",

  "audit.sentence.unknown": "{actor} hat eine Änderung vorgenommen.",
  "audit.sentence.demo.seeded": "{actor} hat das Demo-Verfahren mit Beispieldaten angelegt.",
  "audit.sentence.consultation.created": "{actor} hat das Verfahren {title} angelegt.",
  "audit.sentence.consultation.updated":
    "{actor} hat den Titel oder die Fristen des Verfahrens geändert.",
  "audit.sentence.consultation.phase_changed":
    "{actor} hat die Phase von „{from}“ auf „{to}“ gewechselt.",
  "audit.sentence.member.added":
    "{actor} hat {user} als „{role}“ für {organisation} in das Verfahren aufgenommen.",
  "audit.sentence.member.role_changed":
    "{actor} hat die Rolle von {user} von „{from}“ auf „{to}“ geändert.",
  "audit.sentence.member.removed": "{actor} hat {user} aus dem Verfahren entfernt.",
  "audit.sentence.section.created": "{actor} hat den Abschnitt {section} angelegt.",
  "audit.sentence.section.updated": "{actor} hat die Angaben zum Abschnitt {section} geändert.",
  "audit.sentence.section.moved": "{actor} hat den Abschnitt {section} verschoben.",
  "audit.sentence.section.locked": "{actor} hat den Abschnitt {section} gesperrt.",
  "audit.sentence.section.unlocked": "{actor} hat den Abschnitt {section} entsperrt.",
  "audit.sentence.section.edit_granted":
    "{actor} hat {organisation} erlaubt, den Abschnitt {section} zu bearbeiten.",
  "audit.sentence.section.edit_revoked":
    "{actor} hat {organisation} das Bearbeiten des Abschnitts {section} entzogen.",
  "audit.sentence.comment_thread.created":
    "{actor} hat im Abschnitt {section} einen Kommentar zu {thread} begonnen.",
  "audit.sentence.suggestion.created":
    "{actor} hat im Abschnitt {section} eine Änderung von {thread} vorgeschlagen.",
  "audit.sentence.comment_thread.resolved": "{actor} hat den Kommentar zu {thread} erledigt.",
  "audit.sentence.comment_thread.reopened":
    "{actor} hat den Kommentar zu {thread} wieder geöffnet.",
  "audit.sentence.suggestion.accepted":
    "{actor} hat den Änderungsvorschlag zu {thread} übernommen.",
  "audit.sentence.suggestion.rejected": "{actor} hat den Änderungsvorschlag zu {thread} abgelehnt.",
  "audit.sentence.comment.created": "{actor} hat auf den Kommentar zu {thread} geantwortet.",
  "audit.sentence.comment.edited": "{actor} hat eine Antwort im Kommentar zu {thread} bearbeitet.",
  "audit.sentence.comment.deleted": "{actor} hat eine Antwort im Kommentar zu {thread} gelöscht.",
  "audit.sentence.measure.created": "{actor} hat die Maßnahme {measure} angelegt.",
  "audit.sentence.measure.archived": "{actor} hat die Maßnahme {measure} archiviert.",
  "audit.sentence.measure.restored": "{actor} hat die Maßnahme {measure} wiederhergestellt.",
  "audit.sentence.measure.deleted": "{actor} hat die Maßnahme {measure} gelöscht.",
  "audit.sentence.measure.updated": "{actor} hat die Maßnahme {measure} geändert: {fields}.",
  "audit.sentence.position.drafted":
    "{actor} hat einen Entwurf der Stellungnahme zur Maßnahme {measure} gespeichert.",
  "audit.sentence.position.released":
    "{actor} hat die Stellungnahme zur Maßnahme {measure} freigegeben.",
  "audit.sentence.requirement.submitted": "{actor} hat die Anforderung {requirement} eingereicht.",
  "audit.sentence.requirement.status_changed":
    "{actor} hat den Stand der Anforderung {requirement} von „{from}“ auf „{to}“ geändert.",
  "audit.sentence.disposition.set": {
    one: "{actor} hat {count} Beitrag als „{category}“ abgewogen.",
    other: "{actor} hat {count} Beiträge als „{category}“ abgewogen.",
  },
  "audit.sentence.disposition.published": {
    one: "{actor} hat {count} Abwägung veröffentlicht.",
    other: "{actor} hat {count} Abwägungen veröffentlicht.",
  },
  "audit.sentence.version.frozen": "{actor} hat die Fassung {version} eingefroren.",
  "audit.sentence.auth.login": "{actor} hat sich angemeldet.",
  "audit.sentence.auth.logout": "{actor} hat sich abgemeldet.",
  "audit.sentence.auth.login_failed": "Eine Anmeldung als {user} ist fehlgeschlagen.",
  "audit.sentence.auth.login_throttled":
    "Anmeldungen als {user} wurden nach zu vielen Fehlversuchen vorübergehend gesperrt.",
  "audit.sentence.admin.user_created": "{actor} hat das Konto von {user} angelegt.",
  "audit.sentence.admin.user_updated": "{actor} hat Name oder E-Mail-Adresse von {user} geändert.",
  "audit.sentence.admin.organisation_updated":
    "{actor} hat die Organisation {organisation} geändert.",
  "audit.sentence.admin.user_disabled": "{actor} hat das Konto von {user} gesperrt.",
  "audit.sentence.admin.user_enabled": "{actor} hat das Konto von {user} entsperrt.",
  "audit.sentence.admin.password_set": "{actor} hat das Passwort von {user} neu gesetzt.",
  "audit.sentence.admin.membership_set":
    "{actor} hat {user} der Organisation {organisation} zugeordnet.",
  "audit.sentence.admin.membership_removed":
    "{actor} hat {user} aus der Organisation {organisation} entfernt.",
  "audit.sentence.admin.organisation_created":
    "{actor} hat die Organisation {organisation} angelegt.",
};
