import { pgEnum } from "drizzle-orm/pg-core";
import { organisationKinds, phases, roles, sectionStatuses } from "#common/vocabularies.ts";

export const organisationKind = pgEnum("organisation_kind", organisationKinds);

export const phase = pgEnum("phase", phases);

export const consultationRole = pgEnum("consultation_role", roles);

export const sectionStatus = pgEnum("section_status", sectionStatuses);
