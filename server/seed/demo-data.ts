/**
 * Demo data for `npm run db:seed`: the consultation "Innovations- und Cloud-Strategie 2027"
 * derived from the council motion, with its organisations, sections and one demo account per
 * role. Pure data, no database code; `demo.ts` writes it.
 *
 * Section content uses the small Markdown subset stored in `sections.initial_content`:
 * paragraphs separated by a blank line, "- " bullet items and "## " sub-headings, nothing else.
 */
import type { OrganisationKind, Phase, Role, SectionStatus } from "#db/schema/enums.ts";
import { parseLocalDateTime, toLocalDateTime } from "#server/domain/time.ts";
import type {
  FundingStatus,
  MeasurePriority,
  MeasureStatus,
  RequirementCategory,
  RequirementPriority,
  RequirementStatus,
  Stance,
} from "#db/schema/measures.ts";

export const DEMO_CONSULTATION_TITLE = "Innovations- und Cloud-Strategie 2027";

/** The one password of all demo accounts (readable on purpose; demo installations only). */
export const DEMO_PASSWORD = "Ratschlag-Demo-2027";

export const demoConsultation: { title: string; description: string; phase: Phase } = {
  title: DEMO_CONSULTATION_TITLE,
  description:
    "Im Auftrag des Rates erarbeitet die Verwaltung eine Innovationsstrategie mit Cloud-Strategie und Maßnahmenplan. " +
    "Sie legt den strategischen Rahmen für den künftigen Einsatz von KI, Cloud-Diensten und Datenplattformen fest " +
    "und bestimmt Kriterien für Open-Source-Lösungen und europäische Alternativen. " +
    "Fachbereiche und städtische Gesellschaften bringen Anmerkungen, Anforderungen und Stellungnahmen ein, " +
    "bevor Strategiepapier und Maßnahmenplan dem Rat zur Beschlussfassung vorgelegt werden.",
  phase: "consultation",
};

/**
 * The deadline (end) of every phase: 18:00 Berlin time, whole days from the day of seeding, so
 * the demo is always in its consultation phase and the deadlines are whole minutes, as the
 * settings form shows and sends them back.
 */
export function demoDeadlines(now: Date): Record<Phase, Date> {
  const [y, m, d] = toLocalDateTime(now).slice(0, 10).split("-").map(Number);
  const at = (days: number) =>
    parseLocalDateTime(
      `${new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10)}T18:00`,
    )!;
  return {
    drafting: at(-14),
    consultation: at(28),
    consolidation: at(56),
    submission: at(84),
    decided: at(112),
  };
}

export interface DemoOrganisation {
  name: string;
  /** Unique within the demo data; sections, users and grants refer to organisations by it. */
  shortName: string;
  kind: OrganisationKind;
}

export const demoOrganisations: readonly DemoOrganisation[] = [
  { name: "Hauptamt / Digitalisierung", shortName: "HA-DIG", kind: "department" },
  { name: "Kämmerei", shortName: "KÄM", kind: "department" },
  { name: "Rechtsamt / Datenschutz", shortName: "RA-DS", kind: "department" },
  { name: "IT-Sicherheit", shortName: "IT-SI", kind: "department" },
  { name: "Amt für Schule und Bildung", shortName: "SCHUL", kind: "department" },
  { name: "Stadtwerke", shortName: "SW", kind: "municipal_company" },
  { name: "Wohnungsbaugesellschaft", shortName: "WBG", kind: "municipal_company" },
  { name: "Verkehrsbetriebe", shortName: "VB", kind: "municipal_company" },
  { name: "Kommunales IT-Dienstleistungszentrum", shortName: "ITDZ", kind: "municipal_company" },
  { name: "Ratsgruppe Digital & Nachhaltig", shortName: "RG-DN", kind: "council_group" },
  { name: "Hochschule für Angewandte Wissenschaften", shortName: "HAW", kind: "external" },
];

export interface DemoSection {
  title: string;
  /** Short name of the lead organisation (federführend). */
  lead: string;
  status: SectionStatus;
  /** Starter text in the Markdown subset (paragraphs, "- " bullets, "## " sub-headings). */
  content: string;
}

/** Joins blocks (paragraphs, bullet lists, sub-headings) with blank lines. */
function md(...blocks: string[]): string {
  return blocks.join("\n\n");
}

/** A bullet list block. */
function list(...items: string[]): string {
  return items.map((item) => `- ${item}`).join("\n");
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

/** The demo account's role: a consultation role, or "admin" for the platform administrator. */
export type DemoRole = Role | "admin";

export interface DemoLogin {
  role: DemoRole;
  email: string;
  name: string;
  /** Short name of the organisation the account belongs to (and acts for). */
  organisation: string;
  /** Platform administrator (users, organisations, consultations). */
  isAdmin: boolean;
  /** May release the organisation's official positions. */
  canReleasePositions: boolean;
}

/**
 * One account per role. The admin is not a consultation member; every other account is a
 * member of the demo consultation with its role, acting for its organisation.
 */
export const demoLogins: readonly DemoLogin[] = [
  {
    role: "admin",
    email: "admin@ratschlag.test",
    name: "Jan Hoffmann",
    organisation: "HA-DIG",
    isAdmin: true,
    canReleasePositions: false,
  },
  {
    role: "moderator",
    email: "moderator@ratschlag.test",
    name: "Katrin Lehmann",
    organisation: "HA-DIG",
    isAdmin: false,
    canReleasePositions: false,
  },
  {
    role: "editor",
    email: "editor@ratschlag.test",
    name: "Stefan Wagner",
    organisation: "RA-DS",
    isAdmin: false,
    canReleasePositions: false,
  },
  {
    role: "contributor",
    email: "contributor@ratschlag.test",
    name: "Julia Schäfer",
    organisation: "SW",
    isAdmin: false,
    canReleasePositions: false,
  },
  {
    role: "contributor",
    email: "releaser@ratschlag.test",
    name: "Michael Braun",
    organisation: "SW",
    isAdmin: false,
    canReleasePositions: true,
  },
  {
    role: "observer",
    email: "observer@ratschlag.test",
    name: "Ayşe Demir",
    organisation: "RG-DN",
    isAdmin: false,
    canReleasePositions: false,
  },
];

export interface DemoMeasure {
  code: string;
  title: string;
  /** Markdown subset, like section text. */
  description: string;
  /** Short names of the lead and partner organisations. */
  lead: string;
  partners: string[];
  start: { year: number; quarter: number };
  end: { year: number; quarter: number };
  /** Euro (whole euros), null when not estimated yet. */
  costOneOff: number | null;
  costYearly: number | null;
  fundingProgramme: string;
  fundingStatus: FundingStatus;
  /** Days from seeding to the funding application deadline, if any. */
  applicationDeadlineInDays: number | null;
  priority: MeasurePriority;
  status: MeasureStatus;
  pilot: boolean;
  /** Titles of the linked sections. */
  sections: string[];
}

/** The measures plan of the motion (Maßnahmenplan), as the administration drafted it. */
export const demoMeasures: readonly DemoMeasure[] = [
  {
    code: "M-01",
    title: "Cloud-Strategie beschließen und Betriebsmodelle festlegen",
    description: md(
      "Die Verwaltung legt dem Rat die Cloud-Strategie zur Beschlussfassung vor. Sie bestimmt, welche Betriebsmodelle für welchen Schutzbedarf in Frage kommen.",
      list(
        "Zuordnung der Betriebsmodelle zu Schutzbedarfsklassen",
        "Exit-Strategie als Pflichtbestandteil jeder Cloud-Beschaffung",
        "Abstimmung mit dem Kommunalen IT-Dienstleistungszentrum",
      ),
    ),
    lead: "HA-DIG",
    partners: ["ITDZ", "IT-SI", "RA-DS"],
    start: { year: 2027, quarter: 1 },
    end: { year: 2027, quarter: 2 },
    costOneOff: 25_000,
    costYearly: null,
    fundingProgramme: "",
    fundingStatus: "none",
    applicationDeadlineInDays: null,
    priority: "high",
    status: "in_preparation",
    pilot: false,
    sections: ["Cloud-Strategie"],
  },
  {
    code: "M-02",
    title: "Kriterienkatalog für Open Source und europäische Alternativen",
    description: md(
      "Ein gewichteter Kriterienkatalog macht Beschaffungsentscheidungen nachvollziehbar. Er umfasst digitale Souveränität, Datenschutz, Interoperabilität, Open Source, europäische Anbieter, Nachhaltigkeit und IT-Sicherheit nach BSI.",
      "Die Gewichtung wird im Beteiligungsverfahren mit Fachbereichen und Gesellschaften abgestimmt und nach einem Jahr überprüft.",
    ),
    lead: "HA-DIG",
    partners: ["KÄM", "RA-DS", "IT-SI"],
    start: { year: 2027, quarter: 1 },
    end: { year: 2027, quarter: 1 },
    costOneOff: 12_000,
    costYearly: null,
    fundingProgramme: "",
    fundingStatus: "none",
    applicationDeadlineInDays: null,
    priority: "high",
    status: "in_progress",
    pilot: false,
    sections: ["Kriterien für Open Source und europäische Alternativen"],
  },
  {
    code: "M-03",
    title: "Pilotprojekt souveräner Arbeitsplatz (openDesk)",
    description: md(
      "Ein Fachbereich arbeitet zwölf Monate mit einem souveränen Arbeitsplatz auf Open-Source-Basis. Die Erfahrungen werden ausgewertet, bevor über eine Ausweitung entschieden wird.",
      list(
        "Auswahl des Pilotbereichs und Schulung der Beschäftigten",
        "Betrieb im Rechenzentrum des Kommunalen IT-Dienstleistungszentrums",
        "Auswertung von Nutzbarkeit, Kosten und Abhängigkeiten",
      ),
    ),
    lead: "HA-DIG",
    partners: ["ITDZ", "SCHUL"],
    start: { year: 2027, quarter: 2 },
    end: { year: 2028, quarter: 2 },
    costOneOff: 180_000,
    costYearly: 45_000,
    fundingProgramme: "Förderprogramm Digitale Kommune des Landes",
    fundingStatus: "planned",
    applicationDeadlineInDays: 60,
    priority: "high",
    status: "planned",
    pilot: true,
    sections: ["Digitale Souveränität", "Pilotprojekte"],
  },
  {
    code: "M-04",
    title: "Fördermittel-Screening für Innovationsvorhaben",
    description: md(
      "Die Kämmerei sichtet zweimal im Jahr Förderprogramme von Bund, Land und Europäischer Union und ordnet sie den Maßnahmen zu. Eigenanteile und Folgekosten werden vor jeder Antragstellung abgestimmt.",
    ),
    lead: "KÄM",
    partners: ["HA-DIG"],
    start: { year: 2027, quarter: 1 },
    end: { year: 2029, quarter: 4 },
    costOneOff: null,
    costYearly: 8_000,
    fundingProgramme: "",
    fundingStatus: "none",
    applicationDeadlineInDays: null,
    priority: "medium",
    status: "in_progress",
    pilot: false,
    sections: ["Kooperationen und Fördermittel"],
  },
  {
    code: "M-05",
    title: "Kooperationsgremium Digitalisierung mit den städtischen Gesellschaften",
    description: md(
      "Verwaltung und städtische Gesellschaften bilden ein gemeinsames Gremium, das vierteljährlich tagt. Es stimmt Vorhaben, gemeinsame Rahmenverträge und den Austausch von Daten ab.",
      list(
        "Geschäftsordnung und Besetzung",
        "gemeinsame Vorhabenliste",
        "jährlicher Bericht an den Rat",
      ),
    ),
    lead: "HA-DIG",
    partners: ["SW", "WBG", "VB", "ITDZ"],
    start: { year: 2027, quarter: 1 },
    end: { year: 2027, quarter: 4 },
    costOneOff: 5_000,
    costYearly: 15_000,
    fundingProgramme: "",
    fundingStatus: "none",
    applicationDeadlineInDays: null,
    priority: "high",
    status: "planned",
    pilot: false,
    sections: ["Zusammenarbeit mit den städtischen Gesellschaften"],
  },
  {
    code: "M-06",
    title: "BSI-Risikoanalyse für Cloud-Dienste",
    description: md(
      "Für jeden Cloud-Dienst erstellt die IT-Sicherheit eine Risikoanalyse nach BSI-Standard 200-3. Anbieter weisen ein Testat nach BSI C5 vor; fehlt es, wird der Dienst nur für Informationen ohne erhöhten Schutzbedarf eingesetzt.",
    ),
    lead: "IT-SI",
    partners: ["ITDZ", "RA-DS"],
    start: { year: 2027, quarter: 2 },
    end: { year: 2027, quarter: 4 },
    costOneOff: 40_000,
    costYearly: 10_000,
    fundingProgramme: "",
    fundingStatus: "none",
    applicationDeadlineInDays: null,
    priority: "high",
    status: "planned",
    pilot: false,
    sections: ["IT-Sicherheit nach BSI IT-Grundschutz", "Cloud-Strategie"],
  },
  {
    code: "M-07",
    title: "Gemeinsame Datenplattform mit Stadtwerken und Verkehrsbetrieben",
    description: md(
      "Eine Datenplattform führt Daten zu Energie und Mobilität zusammen und veröffentlicht Daten ohne Schutzbedarf als offene Daten. Der Aufbau beginnt als Pilotprojekt mit zwei Anwendungsfällen.",
      list("Ladeinfrastruktur und Energieverbrauch", "Fahrgastzahlen und Verkehrsfluss"),
    ),
    lead: "HA-DIG",
    partners: ["SW", "VB", "ITDZ"],
    start: { year: 2027, quarter: 3 },
    end: { year: 2029, quarter: 2 },
    costOneOff: 350_000,
    costYearly: 60_000,
    fundingProgramme: "Modellprojekte Smart Cities (KfW 436)",
    fundingStatus: "applied",
    applicationDeadlineInDays: 21,
    priority: "medium",
    status: "planned",
    pilot: true,
    sections: ["Pilotprojekte", "Interoperabilität"],
  },
  {
    code: "M-08",
    title: "KI-Assistenz für häufige Bürgeranfragen",
    description: md(
      "Ein KI-gestützter Assistent beantwortet häufige Anfragen auf der Website der Stadt. Antworten stützen sich nur auf geprüfte Inhalte; Entscheidungen bleiben bei den Beschäftigten.",
    ),
    lead: "HA-DIG",
    partners: ["RA-DS"],
    start: { year: 2027, quarter: 4 },
    end: { year: 2028, quarter: 3 },
    costOneOff: 90_000,
    costYearly: 20_000,
    fundingProgramme: "EU-Programm Digitales Europa",
    fundingStatus: "planned",
    applicationDeadlineInDays: 120,
    priority: "medium",
    status: "planned",
    pilot: true,
    sections: ["Strategischer Rahmen für KI, Cloud-Dienste und Datenplattformen", "Pilotprojekte"],
  },
  {
    code: "M-09",
    title: "Schulverwaltung in der Deutschen Verwaltungscloud",
    description: md(
      "Das Amt für Schule und Bildung prüft mit dem Kommunalen IT-Dienstleistungszentrum, ob die Schulverwaltung auf ein Angebot der Deutschen Verwaltungscloud umziehen kann.",
    ),
    lead: "SCHUL",
    partners: ["ITDZ", "IT-SI"],
    start: { year: 2028, quarter: 1 },
    end: { year: 2028, quarter: 4 },
    costOneOff: 120_000,
    costYearly: 30_000,
    fundingProgramme: "DigitalPakt Schule 2.0",
    fundingStatus: "planned",
    applicationDeadlineInDays: null,
    priority: "low",
    status: "deferred",
    pilot: true,
    sections: ["Pilotprojekte", "Cloud-Strategie"],
  },
  {
    code: "M-10",
    title: "Nachhaltige IT-Beschaffung nach Blauem Engel",
    description: md(
      "Ausschreibungen für Endgeräte und Rechenzentrumsleistungen enthalten verbindliche Kriterien zu Energieeffizienz, Nutzungsdauer und Reparierbarkeit.",
    ),
    lead: "KÄM",
    partners: ["HA-DIG", "ITDZ"],
    start: { year: 2027, quarter: 2 },
    end: { year: 2027, quarter: 3 },
    costOneOff: null,
    costYearly: null,
    fundingProgramme: "",
    fundingStatus: "none",
    applicationDeadlineInDays: null,
    priority: "low",
    status: "planned",
    pilot: false,
    sections: ["Nachhaltige IT-Beschaffung"],
  },
];

export interface DemoRequirement {
  organisation: string;
  /** E-mail of the demo account that submitted it. */
  author: string;
  title: string;
  description: string;
  category: RequirementCategory;
  priority: RequirementPriority;
  status: RequirementStatus;
  sections: string[];
  /** Codes of the affected measures. */
  measures: string[];
}

export const demoRequirements: readonly DemoRequirement[] = [
  {
    organisation: "SW",
    author: "contributor@ratschlag.test",
    title: "Schnittstellen der Datenplattform nach offenen Standards",
    description:
      "Die Stadtwerke liefern Verbrauchs- und Ladedaten nur über dokumentierte, offene Schnittstellen. Proprietäre Formate einzelner Anbieter schließen wir aus, damit wir den Dienstleister wechseln können.",
    category: "interoperability",
    priority: "must",
    status: "in_review",
    sections: ["Interoperabilität"],
    measures: ["M-07"],
  },
  {
    organisation: "SW",
    author: "releaser@ratschlag.test",
    title: "Betrieb kritischer Systeme nur mit C5-Testat",
    description:
      "Als Betreiber kritischer Infrastruktur benötigen wir für jeden Cloud-Dienst ein Testat nach BSI C5 und eine Risikoanalyse, bevor Netzdaten dort verarbeitet werden.",
    category: "it_security",
    priority: "must",
    status: "submitted",
    sections: ["IT-Sicherheit nach BSI IT-Grundschutz"],
    measures: ["M-06"],
  },
  {
    organisation: "RA-DS",
    author: "editor@ratschlag.test",
    title: "Auftragsverarbeitung vor Start jedes Pilotprojekts klären",
    description:
      "Vor dem Start eines Pilotprojekts liegen Auftragsverarbeitungsvertrag und Datenschutz-Folgenabschätzung vor, wenn personenbezogene Daten verarbeitet werden.",
    category: "data_protection",
    priority: "should",
    status: "submitted",
    sections: ["Datenschutz", "Pilotprojekte"],
    measures: ["M-03", "M-08"],
  },
];

export interface DemoPosition {
  measure: string;
  organisation: string;
  author: string;
  /** Who released it (must hold the release right), or null for a draft. */
  releasedBy: string | null;
  stance: Stance;
  reasoning: string;
  conditions: string;
  /** Euro, the organisation's own cost impact. */
  costImpact: number | null;
}

/** Two released Stadtwerke positions; every other cell of the matrix is still open. */
export const demoPositions: readonly DemoPosition[] = [
  {
    measure: "M-05",
    organisation: "SW",
    author: "contributor@ratschlag.test",
    releasedBy: "releaser@ratschlag.test",
    stance: "approve_with_conditions",
    reasoning:
      "Ein gemeinsames Gremium erleichtert die Abstimmung von Vorhaben und Rahmenverträgen erheblich.",
    conditions:
      "Die Gesellschaften sind stimmberechtigt vertreten, und Beschlüsse des Gremiums binden sie nur nach Zustimmung ihrer Geschäftsführung.",
    costImpact: 3_000,
  },
  {
    measure: "M-07",
    organisation: "SW",
    author: "releaser@ratschlag.test",
    releasedBy: "releaser@ratschlag.test",
    stance: "approve",
    reasoning:
      "Die Datenplattform unterstützt unsere Planung der Ladeinfrastruktur. Wir stellen Daten und Ansprechpersonen bereit.",
    conditions: "",
    costImpact: 25_000,
  },
];
