import type { Phase, Role } from "#common/vocabularies.ts";

/**
 * Everything a user can try to do. Platform actions need no consultation; the others are
 * decided on the actor's role in the consultation the resource belongs to.
 */
export const actions = [
  "platform.admin",
  "consultation.create",
  "consultation.view",
  "consultation.manage",
  "member.view",
  "member.manage",
  "section.view",
  "section.edit",
  "section.manage",
  "section.lock",
  "comment.create",
  "comment.reply",
  "comment.moderate",
  "suggestion.create",
  "suggestion.decide",
  "requirement.create",
  "position.record",
  "position.release",
  "position.monitor",
  "measure.edit",
  "measure.archive",
  "measure.delete",
  "requirement.review",
  "disposition.edit",
  "disposition.publish",
  "version.create",
  "export.create",
  "audit.view",
] as const;
export type Action = (typeof actions)[number];

export interface Actor {
  userId: string;
  isAdmin: boolean;
  /** The actor's membership in the resource's consultation, if any. */
  membership?: {
    role: Role;
    organisationId: string;
    /** May release the organisation's official positions (memberships.can_release_positions). */
    canReleasePositions?: boolean;
  } | null;
}

export type Resource =
  | { type: "platform" }
  | {
      type: "consultation";
      phase: Phase;
      /** True once the consultation phase's deadline (Beteiligungsfrist) has passed. */
      deadlinePassed?: boolean;
    }
  | {
      type: "section";
      phase: Phase;
      deadlinePassed?: boolean;
      locked: boolean;
      /** Organisations whose contributors a moderator allowed to edit this section. */
      grantedOrganisationIds: readonly string[];
    }
  | {
      type: "position";
      phase: Phase;
      deadlinePassed?: boolean;
      /** The organisation whose position this is. */
      organisationId: string;
    };

/** What each role may do inside a consultation, before phase rules apply (glossary "Roles"). */
const ROLE_ACTIONS: Record<Role, ReadonlySet<Action>> = {
  moderator: new Set<Action>([
    "consultation.view",
    "consultation.manage",
    "member.view",
    "member.manage",
    "section.view",
    "section.edit",
    "section.manage",
    "section.lock",
    "comment.create",
    "comment.reply",
    "comment.moderate",
    "suggestion.create",
    "requirement.create",
    "requirement.review",
    "position.record",
    "position.release",
    "position.monitor",
    "measure.edit",
    "measure.archive",
    "measure.delete",
    "disposition.edit",
    "disposition.publish",
    "version.create",
    "export.create",
    "audit.view",
  ]),
  editor: new Set<Action>([
    "consultation.view",
    "member.view",
    "section.view",
    "section.edit",
    "comment.create",
    "comment.reply",
    "suggestion.create",
    "requirement.create",
    "position.record",
    "position.release",
    "measure.edit",
    "measure.archive",
  ]),
  contributor: new Set<Action>([
    "consultation.view",
    "member.view",
    "section.view",
    "comment.create",
    "comment.reply",
    "suggestion.create",
    "requirement.create",
    "position.record",
    "position.release",
  ]),
  observer: new Set<Action>(["consultation.view", "member.view", "section.view"]),
};

/** Phases in which the text may change, and in which stakeholders may contribute. */
const EDITING_PHASES: ReadonlySet<Phase> = new Set(["drafting", "consultation", "consolidation"]);
const CONTRIBUTION_PHASES: ReadonlySet<Phase> = new Set(["drafting", "consultation"]);
const CONTRIBUTION_ACTIONS: ReadonlySet<Action> = new Set([
  "comment.create",
  "suggestion.create",
  "requirement.create",
  "position.record",
  "position.release",
]);
/** Writes that speak for one organisation: only its own members may make them. */
const ORGANISATION_ACTIONS: ReadonlySet<Action> = new Set(["position.record", "position.release"]);
/** Archiving, restoring and deleting measures change the plan like edits do. */
const TEXT_ACTIONS: ReadonlySet<Action> = new Set([
  "section.edit",
  "measure.edit",
  "measure.archive",
  "measure.delete",
]);
/** Replies keep the discussion going while the text may still change (ADR 011). */
const DISCUSSION_ACTIONS: ReadonlySet<Action> = new Set(["comment.reply"]);

/** Why an action is refused, so the UI can say it in the user's language. */
export type Denial =
  | "not_member"
  | "role"
  | "phase_closed"
  | "deadline_passed"
  | "locked"
  | "other_organisation"
  | "no_release_right";

/** Decides whether the actor may perform the action on the resource; null means allowed. */
export function denial(actor: Actor, action: Action, resource: Resource): Denial | null {
  if (resource.type === "platform") {
    if (action === "platform.admin" || action === "consultation.create") {
      return actor.isAdmin ? null : "role";
    }
    return "role";
  }
  // Accepting or rejecting a suggestion changes (or decides about) the text: exactly those who
  // may edit the section may do it, under the same phase and lock rules.
  if (action === "suggestion.decide") return denial(actor, "section.edit", resource);
  const role: Role | undefined = actor.isAdmin ? "moderator" : actor.membership?.role;
  if (!role) return "not_member";

  let allowed = ROLE_ACTIONS[role].has(action);
  if (
    !allowed &&
    action === "section.edit" &&
    role === "contributor" &&
    resource.type === "section" &&
    actor.membership &&
    resource.grantedOrganisationIds.includes(actor.membership.organisationId)
  ) {
    allowed = true;
  }
  if (!allowed) return "role";

  // On a concrete position only its own organisation's members may write; admins without a
  // membership act for no organisation, so they cannot speak for one either. On other resources
  // the answer is whether the role may do this at all (e.g. to show the positions pages).
  if (ORGANISATION_ACTIONS.has(action) && resource.type === "position") {
    if (actor.membership?.organisationId !== resource.organisationId) return "other_organisation";
  }
  if (action === "position.release" && actor.membership && !actor.membership.canReleasePositions) {
    return "no_release_right";
  }

  if (CONTRIBUTION_ACTIONS.has(action)) {
    if (!CONTRIBUTION_PHASES.has(resource.phase)) return "phase_closed";
    if (resource.deadlinePassed) return "deadline_passed";
  }
  if (TEXT_ACTIONS.has(action) && !EDITING_PHASES.has(resource.phase)) return "phase_closed";
  if (DISCUSSION_ACTIONS.has(action) && !EDITING_PHASES.has(resource.phase)) return "phase_closed";
  if (action === "section.edit" && resource.type === "section" && resource.locked) return "locked";
  return null;
}

/** True when the actor may perform the action on the resource. */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  return denial(actor, action, resource) === null;
}
