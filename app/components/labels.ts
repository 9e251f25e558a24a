import type { OrganisationKind, Phase, Role, SectionStatus } from "#common/vocabularies.ts";
import type { MessageKey } from "#common/i18n/index.ts";

export const phaseLabel = (phase: Phase): MessageKey => `phase.${phase}`;
export const roleLabel = (role: Role): MessageKey => `role.${role}`;
export const sectionStatusLabel = (status: SectionStatus): MessageKey => `sectionStatus.${status}`;
export const organisationKindLabel = (kind: OrganisationKind): MessageKey =>
  `organisationKind.${kind}`;
