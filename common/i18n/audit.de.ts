/** German texts of the readable audit log and the compact Abwägung queue (spread into de.ts). */
export const auditDe = {
  "consolidation.linksChosen": "{count} ausgewählt",
  "consolidation.linksChooseHint":
    "Kreuzen Sie an, welche Abschnitte, Maßnahmen oder Änderungsvorschläge aus der Abwägung folgen.",
  "consolidation.readMore": "weiterlesen",
};
