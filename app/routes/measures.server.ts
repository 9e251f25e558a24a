import * as z from "zod";
import { field } from "#app/lib/actions.server.ts";

/** The measure form (repeated checkboxes included), read into the domain's input. */
export const measureSchema = z.object({
  code: field.raw(),
  title: field.raw(),
  description: field.raw(),
  leadOrganisationId: field.raw(),
  partnerOrganisationIds: field.list(),
  start: field.raw(),
  end: field.raw(),
  costOneOff: field.raw(),
  costYearly: field.raw(),
  fundingProgramme: field.raw(),
  fundingStatus: field.raw(),
  applicationDeadline: field.raw(),
  priority: field.raw(),
  status: field.raw(),
  pilot: field.checkbox(),
  sectionIds: field.list(),
  requirementIds: field.list(),
});
