/** German texts of the search across a consultation (spread into de.ts). */
export const searchDe = {
  "search.title": "Suche",
  "search.intro":
    "Durchsucht Text der Abschnitte, Kommentare und Änderungsvorschläge, Anforderungen und Maßnahmen dieses Verfahrens. Andere Wortformen werden mitgefunden (zum Beispiel findet „Schule“ auch „Schulen“).",
  "search.landmark": "Suche in diesem Verfahren",
  "search.field": "Suchbegriff",
  "search.fieldShort": "In diesem Verfahren suchen",
  "search.hint":
    "Mehrere Wörter müssen alle vorkommen. „Anführungszeichen“ suchen eine Wortfolge, „oder“ eine der Alternativen, ein vorangestelltes Minus schließt ein Wort aus. Höchstens {max} Zeichen.",
  "search.submit": "Suchen",
  "search.empty": "Geben Sie einen Suchbegriff ein, um dieses Verfahren zu durchsuchen.",
  "search.tooLong":
    "Der Suchbegriff ist zu lang: höchstens {max} Zeichen, eingegeben wurden {length}. Bitte kürzen Sie ihn.",
  "search.noTerms":
    "Der Suchbegriff enthält nur Füllwörter wie „und“ oder „die“. Bitte geben Sie ein aussagekräftiges Wort ein.",
  "search.none": "Keine Treffer für „{q}“.",
  "search.summary": {
    one: "{count} Treffer für „{q}“.",
    other: "{count} Treffer für „{q}“.",
  },
  "search.group.sections": "Abschnitte",
  "search.group.comments": "Kommentare",
  "search.group.requirements": "Anforderungen",
  "search.group.measures": "Maßnahmen",
  "search.groupCount": { one: "{count} Treffer", other: "{count} Treffer" },
  "search.groupNone": "Keine Treffer in diesem Bereich.",
  "search.more":
    "Die {shown} besten von {count} Treffern werden gezeigt. Verfeinern Sie die Suche, um weitere zu sehen.",
  "search.inTitle": "Treffer im Titel des Abschnitts",
  "search.inText": "Treffer im Text des Abschnitts",
  "search.comment": "Kommentar von {author}",
  "search.proposal": "Änderungsvorschlag von {author}",
  "search.unknownAuthor": "unbekannt",
  "search.inSection": "zu Abschnitt {section}",
  "search.by": "von {organisation}",
  "search.passageShown": "Die Fundstelle aus der Suche ist im Text markiert.",
  "search.headingsNav": "Trefferbereiche",
} as const;
