/**
 * The demo consultation's sections with their starter text, and the organisations that may edit
 * a section directly. Pure data; `demo.ts` writes it.
 */
import type { SectionStatus } from "#common/vocabularies.ts";
import { list, md } from "./markdown.ts";

export interface DemoSection {
  title: string;
  /** Short name of the lead organisation (federführend). */
  lead: string;
  status: SectionStatus;
  /** Starter text in the Markdown subset (paragraphs, "- " bullets, "## " sub-headings). */
  content: string;
}

export const demoSections: readonly DemoSection[] = [
  {
    title: "Ausgangslage",
    lead: "HA-DIG",
    status: "agreed",
    content: md(
      "Der Rat hat die Verwaltung beauftragt, eine Innovationsstrategie zu erarbeiten. Sie soll den strategischen Rahmen für die künftige Nutzung innovativer Technologien wie Künstlicher Intelligenz (KI), Cloud-Diensten und Datenplattformen in der Verwaltung festlegen. Strategiepapier und Maßnahmenplan werden dem Rat gemeinsam zur Beschlussfassung vorgelegt.",
      "In der Ratssitzung am 1. Juli 2025 hat die Verwaltung mitgeteilt, dass in naher Zukunft Cloud-Leistungen aus der Deutschen Verwaltungscloud oder der Delos Cloud angeboten werden (Drucksache 25-26032-01). Damit entstehen perspektivisch nationale Betriebe für typische Cloud-Dienste, die den staatlichen Anforderungen an digitale Souveränität gerecht werden. Wie die Stadt solche Angebote nutzt und welche Anforderungen sie dabei stellt, ist Teil dieser Strategie.",
      "## Auftrag im Überblick",
      list(
        "den Einsatz innovativer Technologien in der Verwaltung prüfen",
        "Maßnahmen zur Umsetzung definieren und, soweit möglich, Pilotprojekte entwickeln",
        "prüfen, ob Kooperationen und Fördermittel Innovationen beschleunigen können",
        "die Zusammenarbeit mit den städtischen Gesellschaften verbessern",
        "eine Cloud-Strategie mit Kriterien für Open Source und europäische Alternativen entwickeln",
      ),
    ),
  },
  {
    title: "Strategischer Rahmen für KI, Cloud-Dienste und Datenplattformen",
    lead: "HA-DIG",
    status: "in_review",
    content: md(
      "Die Strategie legt fest, nach welchen Grundsätzen die Verwaltung innovative Technologien auswählt, erprobt und in den Regelbetrieb überführt. Maßstab ist der Nutzen für Bürgerinnen und Bürger, Unternehmen und Beschäftigte, nicht die Technologie selbst.",
      "## Leitlinien",
      list(
        "Bedarfsorientierung: Jeder Einsatz beginnt mit einem beschriebenen fachlichen Bedarf.",
        "Nachvollziehbarkeit: Entscheidungen werden anhand eines gemeinsamen Kriterienkatalogs begründet und dokumentiert.",
        "Souveränität: Die Stadt behält die Kontrolle über ihre Daten und kann Anbieter wechseln.",
        "Sicherheit und Datenschutz sind von Beginn an Teil jeder Planung.",
      ),
      "KI-Anwendungen werden nur eingesetzt, wenn Beschäftigte ihre Ergebnisse überprüfen können. Entscheidungen mit Wirkung für Bürgerinnen und Bürger bleiben in menschlicher Verantwortung; die Anforderungen der europäischen KI-Verordnung werden beachtet.",
      "Datenplattformen führen Daten aus Fachverfahren und von den städtischen Gesellschaften zusammen, soweit dies rechtlich zulässig und fachlich sinnvoll ist. Daten ohne Schutzbedarf werden nach Möglichkeit als offene Daten maschinenlesbar veröffentlicht.",
    ),
  },
  {
    title: "Cloud-Strategie",
    lead: "HA-DIG",
    status: "draft",
    content: md(
      "Die Cloud-Strategie regelt den gezielten und bedarfsorientierten Einsatz von Cloud-Diensten. Ein Dienst wird dann aus der Cloud bezogen, wenn er gegenüber dem Betrieb im eigenen oder im kommunalen Rechenzentrum fachliche, wirtschaftliche oder sicherheitstechnische Vorteile bietet.",
      "## Betriebsmodelle",
      list(
        "Betrieb im Rechenzentrum des Kommunalen IT-Dienstleistungszentrums (Private Cloud)",
        "Angebote der Deutschen Verwaltungscloud und vergleichbarer Verwaltungsclouds",
        "souveräne Cloud-Angebote wie die Delos Cloud",
        "Public-Cloud-Dienste nur für Informationen ohne erhöhten Schutzbedarf",
      ),
      "Welches Modell in Frage kommt, richtet sich nach dem Schutzbedarf der Informationen, den Anforderungen des Fachverfahrens und der Bewertung nach dem Kriterienkatalog. Für jeden Cloud-Dienst wird vor Vertragsschluss eine Exit-Strategie beschrieben, damit ein Wechsel des Anbieters möglich bleibt.",
    ),
  },
  {
    title: "Kriterien für Open Source und europäische Alternativen",
    lead: "HA-DIG",
    status: "draft",
    content: md(
      "Bei jeder Beschaffung und jeder wesentlichen Erweiterung wird geprüft, ob eine Open-Source-Lösung oder das Angebot eines europäischen Anbieters den Bedarf erfüllt. Das Ergebnis der Prüfung wird in der Vergabeakte dokumentiert.",
      "## Kriterienkatalog",
      list(
        "Digitale Souveränität: Kontrolle über Daten, Betrieb und Weiterentwicklung",
        "Datenschutz: Verarbeitung im Geltungsbereich der DSGVO, kein Zugriff nach außereuropäischem Recht",
        "Interoperabilität: offene Standards und Schnittstellen, vollständiger Datenexport",
        "Open Source: Lizenz, aktive Community, verfügbare Dienstleister",
        "Europäischer Anbieter: Sitz und Rechenzentren in der Europäischen Union",
        "Nachhaltigkeit: Energieeffizienz, Nutzungsdauer, Reparierbarkeit",
        "IT-Sicherheit: BSI IT-Grundschutz, bei Cloud-Diensten ein Testat nach BSI C5",
      ),
      "Die Kriterien werden gewichtet. Die Verwaltung schlägt eine Gewichtung vor und stimmt sie im Beteiligungsverfahren mit den Fachbereichen und den städtischen Gesellschaften ab.",
      "Open Source ist nicht gleichbedeutend mit kostenlos: Betrieb, Support und Weiterentwicklung gehen ebenso in die Wirtschaftlichkeitsbetrachtung ein wie Lizenzkosten bei proprietären Produkten.",
    ),
  },
  {
    title: "Digitale Souveränität",
    lead: "HA-DIG",
    status: "draft",
    content: md(
      "Digitale Souveränität heißt für die Stadt, ihre Aufgaben selbstbestimmt erfüllen zu können: Sie entscheidet, wo ihre Daten liegen, wer darauf zugreifen kann und welche Anbieter sie einsetzt.",
      "Abhängigkeiten von einzelnen Herstellern sollen schrittweise verringert werden. Dazu tragen offene Dateiformate, dokumentierte Schnittstellen und Verträge bei, die einen Wechsel ohne unverhältnismäßigen Aufwand ermöglichen.",
      list(
        "Bestandsaufnahme kritischer Abhängigkeiten in Fachverfahren und Bürokommunikation",
        "Prüfung souveräner Arbeitsplatzlösungen, zum Beispiel openDesk",
        "Aufbau eigenen Fachwissens in der Verwaltung und beim Kommunalen IT-Dienstleistungszentrum",
      ),
      "Souveränität ist dabei kein Entweder-oder. Ziel ist, bewusst zu entscheiden, welche Abhängigkeiten die Stadt eingeht und wie sie diese begrenzt.",
    ),
  },
  {
    title: "Datenschutz",
    lead: "RA-DS",
    status: "draft",
    content: md(
      "Personenbezogene Daten werden nach der Datenschutz-Grundverordnung (DSGVO) und dem Landesdatenschutzgesetz verarbeitet. Vor dem Einsatz neuer Cloud- oder KI-Dienste prüft das Rechtsamt gemeinsam mit der oder dem behördlichen Datenschutzbeauftragten, ob eine Datenschutz-Folgenabschätzung erforderlich ist.",
      list(
        "Auftragsverarbeitungsverträge mit allen Dienstleistern",
        "Verarbeitung grundsätzlich in Rechenzentren innerhalb der Europäischen Union",
        "Verschlüsselung bei Übertragung und Speicherung",
        "keine Nutzung städtischer Daten zum Training von KI-Modellen der Anbieter",
      ),
      "Übermittlungen in Drittstaaten und mögliche Zugriffe ausländischer Behörden werden im Einzelfall bewertet und dokumentiert.",
    ),
  },
  {
    title: "Interoperabilität",
    lead: "HA-DIG",
    status: "draft",
    content: md(
      "Neue Lösungen müssen mit den vorhandenen Fachverfahren, den Onlinediensten nach dem Onlinezugangsgesetz und den Systemen der städtischen Gesellschaften zusammenarbeiten. Daten sollen einmal erfasst und mehrfach genutzt werden.",
      list(
        "Nutzung offener Standards, insbesondere der XÖV-Standards der öffentlichen Verwaltung",
        "dokumentierte Programmierschnittstellen",
        "vollständiger Datenexport in offenen Formaten",
      ),
      "Interoperabilität wird bei Beschaffungen als Mindestanforderung in die Leistungsbeschreibung aufgenommen.",
    ),
  },
  {
    title: "Nachhaltige IT-Beschaffung",
    lead: "KÄM",
    status: "draft",
    content: md(
      "Die IT-Beschaffung berücksichtigt neben Preis und Leistung auch ökologische und soziale Kriterien. Grundlage sind das Vergaberecht und die städtischen Regelungen zur nachhaltigen Beschaffung.",
      list(
        "Energieeffizienz von Endgeräten und Rechenzentren, zum Beispiel nach den Kriterien des Blauen Engels",
        "lange Nutzungsdauer, Reparierbarkeit und Verfügbarkeit von Ersatzteilen",
        "Wiederverwendung oder fachgerechtes Recycling ausgesonderter Geräte",
        "Betrachtung der Kosten über den gesamten Lebenszyklus",
      ),
      "Anbieter von Cloud-Diensten werden nach Energiebedarf und Energiequelle ihrer Rechenzentren gefragt. Die Kämmerei prüft, wie Lebenszykluskosten in der Wirtschaftlichkeitsbetrachtung abgebildet werden.",
    ),
  },
  {
    title: "IT-Sicherheit nach BSI IT-Grundschutz",
    lead: "IT-SI",
    status: "in_review",
    content: md(
      "Der IT-Grundschutz des Bundesamts für Sicherheit in der Informationstechnik (BSI) verlangt bei der Nutzung externer Dienste ausdrücklich eine strategische und risikoorientierte Betrachtung. Vor jeder Nutzung eines Cloud-Dienstes legt die Stadt deshalb fest, welche Informationen dort verarbeitet werden und welchen Schutzbedarf sie haben.",
      "## Vorgehen",
      list(
        "Schutzbedarfsfeststellung für die betroffenen Informationen und Geschäftsprozesse",
        "Risikoanalyse, auch für Ausfall, Anbieterwechsel und Zugriff Dritter",
        "Prüfung des Anbieters, bei Cloud-Diensten anhand eines Testats nach BSI C5",
        "Festlegung von Maßnahmen und Verantwortlichkeiten im Sicherheitskonzept",
      ),
      "Die Bewertung wird regelmäßig überprüft, spätestens bei wesentlichen Änderungen des Dienstes oder des Vertrags. Die IT-Sicherheit berichtet einmal jährlich über den Stand.",
    ),
  },
  {
    title: "Kooperationen und Fördermittel",
    lead: "KÄM",
    status: "draft",
    content: md(
      "Innovationen lassen sich beschleunigen, wenn die Stadt nicht alles allein entwickelt. Geprüft werden Kooperationen mit anderen Kommunen, dem Land, Hochschulen und den städtischen Gesellschaften sowie die Nachnutzung bereits entwickelter Lösungen.",
      list(
        "Förderprogramme von Bund, Land und Europäischer Union regelmäßig sichten",
        "Eigenanteile und Folgekosten frühzeitig mit der Kämmerei abstimmen",
        "Kooperationsvereinbarungen so gestalten, dass Ergebnisse nachgenutzt werden können",
      ),
      "Für geförderte Projekte wird vorab geklärt, wie der Betrieb nach Ende der Förderung finanziert wird.",
    ),
  },
  {
    title: "Zusammenarbeit mit den städtischen Gesellschaften",
    lead: "HA-DIG",
    status: "draft",
    content: md(
      "Stadtwerke, Wohnungsbaugesellschaft, Verkehrsbetriebe und das Kommunale IT-Dienstleistungszentrum haben eigene Erfahrungen mit Cloud-Diensten, Datenplattformen und digitalen Angeboten. Dieses Wissen soll für die digitale Entwicklung der Verwaltung besser genutzt werden.",
      list(
        "regelmäßiger Austausch in einer gemeinsamen Arbeitsgruppe Digitalisierung",
        "gemeinsame Nutzung von Infrastruktur und Rahmenverträgen, soweit rechtlich zulässig",
        "abgestimmte Bereitstellung von Daten, etwa zu Energie, Mobilität und Wohnen",
      ),
      "Die Gesellschaften bringen ihre Anforderungen und Erfahrungen unmittelbar in diesen Abschnitt ein.",
    ),
  },
  {
    title: "Pilotprojekte",
    lead: "HA-DIG",
    status: "draft",
    content: md(
      "Pilotprojekte erproben neue Technologien in begrenztem Umfang, mit klaren Zielen und einer Auswertung. Nach Abschluss entscheidet die Verwaltung, ob eine Lösung in den Regelbetrieb übernommen, angepasst oder eingestellt wird.",
      "## Vorschläge für erste Pilotprojekte",
      list(
        "KI-gestützte Assistenz für die Beantwortung häufiger Anfragen von Bürgerinnen und Bürgern",
        "souveräner Arbeitsplatz mit Open-Source-Bürosoftware in einem Fachbereich",
        "gemeinsame Datenplattform mit Stadtwerken und Verkehrsbetrieben",
        "Schulverwaltung auf Basis eines Angebots der Deutschen Verwaltungscloud",
      ),
      "Für jedes Pilotprojekt werden Laufzeit, Kosten, Erfolgskriterien und Verantwortliche festgelegt.",
    ),
  },
  {
    title: "Maßnahmenplan",
    lead: "HA-DIG",
    status: "draft",
    content: md(
      "Der Maßnahmenplan konkretisiert die Strategie. Jede Maßnahme hat eine federführende Organisation, einen Zeitraum, eine Kostenschätzung und eine Priorität.",
      list(
        "kurzfristig (bis 12 Monate): Kriterienkatalog beschließen, erste Pilotprojekte starten",
        "mittelfristig (bis 3 Jahre): Cloud-Dienste nach dem Kriterienkatalog einführen, Datenplattform aufbauen",
        "langfristig: Abhängigkeiten verringern, erfolgreiche Pilotprojekte in den Regelbetrieb überführen",
      ),
      "Die beteiligten Organisationen können zu jeder Maßnahme eine Stellungnahme abgeben. Strategiepapier und Maßnahmenplan werden dem Rat gemeinsam zur Beschlussfassung vorgelegt.",
    ),
  },
];

/** Contributors of an organisation may edit a section directly (table section_edit_grants). */
export const demoSectionEditGrants: readonly { section: string; organisation: string }[] = [
  { section: "Zusammenarbeit mit den städtischen Gesellschaften", organisation: "SW" },
];
