/**
 * The demo consultation's measures plan with the organisations' requirements and positions.
 * Pure data; `demo.ts` writes it.
 */
import type { FundingStatus, MeasurePriority, MeasureStatus } from "#common/vocabularies.ts";
import type { Stance } from "#common/vocabularies.ts";
import type {
  RequirementCategory,
  RequirementPriority,
  RequirementStatus,
} from "#common/vocabularies.ts";
import { list, md } from "./markdown.ts";

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
