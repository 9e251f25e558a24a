import { pgEnum } from "drizzle-orm/pg-core";

export const organisationKinds = [
  "department",
  "municipal_company",
  "council_group",
  "external",
] as const;
export const organisationKind = pgEnum("organisation_kind", organisationKinds);

/** Phases in order; see glossary "Phase". */
export const phases = [
  "drafting",
  "consultation",
  "consolidation",
  "submission",
  "decided",
] as const;
export const phase = pgEnum("phase", phases);

export const roles = ["moderator", "editor", "contributor", "observer"] as const;
export const consultationRole = pgEnum("consultation_role", roles);

export const sectionStatuses = ["draft", "in_review", "agreed"] as const;
export const sectionStatus = pgEnum("section_status", sectionStatuses);

export type OrganisationKind = (typeof organisationKinds)[number];
export type Phase = (typeof phases)[number];
export type Role = (typeof roles)[number];
export type SectionStatus = (typeof sectionStatuses)[number];
