import type { ConsultationAccess } from "../access.ts";

/**
 * Who may read a draft position (stance, reasoning, conditions, cost impact): only the members
 * acting for the organisation it belongs to. Every view of draft data applies this rule, the
 * audit log included.
 */
export function draftContentVisible(
  access: Pick<ConsultationAccess, "organisationId">,
  organisationId: string | null,
): boolean {
  return organisationId !== null && organisationId === access.organisationId;
}

/**
 * Who may learn that an organisation has a draft, without its content: its own members and
 * those who monitor positions (moderators). Live events about drafts follow the same rule.
 */
export function draftExistenceVisible(
  access: Pick<ConsultationAccess, "organisationId" | "can">,
  organisationId: string | null,
): boolean {
  return draftContentVisible(access, organisationId) || access.can("position.monitor");
}
