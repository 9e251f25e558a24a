/**
 * Demo data for `npm run db:seed`: the consultation "Innovations- und Cloud-Strategie 2027"
 * derived from the council motion, with its organisations and one demo account per role; the
 * sections are in `demo-sections.ts`, the measures plan in `demo-measures.ts`. Pure data, no
 * database code; `demo.ts` writes it.
 */
import type { OrganisationKind, Phase, Role } from "#common/vocabularies.ts";
import { parseLocalDateTime, toLocalDateTime } from "#server/domain/time.ts";

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
