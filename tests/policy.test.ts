import { describe, expect, it } from "vitest";
import { phases, roles, type Phase, type Role } from "#common/vocabularies.ts";
import {
  actions,
  can,
  denial,
  type Action,
  type Actor,
  type Resource,
} from "#server/auth/policy.ts";

const ORG = "00000000-0000-4000-8000-000000000001";
const OTHER_ORG = "00000000-0000-4000-8000-000000000002";

/**
 * The glossary's role table, written out independently of the policy module: what each role may
 * do inside a consultation in the "consultation" phase before the deadline, on an unlocked section
 * without grants.
 */
const EXPECTED: Record<Role, Action[]> = {
  moderator: [
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
    "measure.edit",
    "measure.archive",
    "measure.delete",
    "disposition.edit",
    "disposition.publish",
    "version.create",
    "export.create",
    "audit.view",
    "position.monitor",
    "requirement.review",
  ],
  editor: [
    "consultation.view",
    "member.view",
    "section.view",
    "section.edit",
    "comment.create",
    "comment.reply",
    "suggestion.create",
    "suggestion.decide",
    "requirement.create",
    "position.record",
    "measure.edit",
    "measure.archive",
  ],
  contributor: [
    "consultation.view",
    "member.view",
    "section.view",
    "comment.create",
    "comment.reply",
    "suggestion.create",
    "requirement.create",
    "position.record",
  ],
  observer: ["consultation.view", "member.view", "section.view"],
};

const WRITE_ACTIONS = new Set<Action>(
  actions.filter((a) => !["consultation.view", "member.view", "section.view"].includes(a)),
);

function actorWith(role: Role | null, isAdmin = false): Actor {
  return {
    userId: "u",
    isAdmin,
    membership: role ? { role, organisationId: ORG } : null,
  };
}

function section(overrides: Partial<Extract<Resource, { type: "section" }>> = {}): Resource {
  return {
    type: "section",
    phase: "consultation",
    deadlinePassed: false,
    locked: false,
    grantedOrganisationIds: [],
    ...overrides,
  };
}

const consultationScoped = actions.filter(
  (a) => a !== "platform.admin" && a !== "consultation.create",
);

describe("policy: role × action matrix (consultation phase, open deadline)", () => {
  for (const role of roles) {
    for (const action of consultationScoped) {
      const expected = EXPECTED[role].includes(action);
      it(`${role} ${expected ? "may" : "may not"} ${action}`, () => {
        expect(can(actorWith(role), action, section())).toBe(expected);
      });
    }
  }

  it("an admin who is not a member may do everything a moderator may", () => {
    for (const action of consultationScoped) {
      expect(can(actorWith(null, true), action, section()), action).toBe(true);
    }
  });

  it("a non-member may do nothing and is told so", () => {
    for (const action of consultationScoped) {
      expect(denial(actorWith(null), action, section()), action).toBe("not_member");
    }
  });

  it("platform actions need the admin flag, whatever the consultation role", () => {
    for (const role of roles) {
      expect(can(actorWith(role), "platform.admin", { type: "platform" })).toBe(false);
      expect(can(actorWith(role), "consultation.create", { type: "platform" })).toBe(false);
    }
    expect(can(actorWith(null, true), "platform.admin", { type: "platform" })).toBe(true);
  });
});

describe("policy: observers never write", () => {
  for (const phase of phases) {
    it(`no write action is allowed to an observer in phase ${phase}`, () => {
      for (const action of WRITE_ACTIONS) {
        expect(can(actorWith("observer"), action, section({ phase }))).toBe(false);
      }
    });
  }
});

describe("policy: section grants", () => {
  it("a contributor may edit a section granted to their organisation", () => {
    expect(
      can(actorWith("contributor"), "section.edit", section({ grantedOrganisationIds: [ORG] })),
    ).toBe(true);
  });
  it("a grant for another organisation does not help", () => {
    expect(
      can(
        actorWith("contributor"),
        "section.edit",
        section({ grantedOrganisationIds: [OTHER_ORG] }),
      ),
    ).toBe(false);
  });
  it("a grant never lets an observer edit", () => {
    expect(
      can(actorWith("observer"), "section.edit", section({ grantedOrganisationIds: [ORG] })),
    ).toBe(false);
  });
  it("a grant gives no other right (e.g. managing the section)", () => {
    expect(
      can(actorWith("contributor"), "section.manage", section({ grantedOrganisationIds: [ORG] })),
    ).toBe(false);
  });
});

describe("policy: phases, deadline and locks", () => {
  const contributions: Action[] = [
    "comment.create",
    "suggestion.create",
    "requirement.create",
    "position.record",
  ];
  const openFor: Record<Phase, boolean> = {
    drafting: true,
    consultation: true,
    consolidation: false,
    submission: false,
    decided: false,
  };
  for (const phase of phases) {
    it(`contributions are ${openFor[phase] ? "open" : "closed"} in phase ${phase}`, () => {
      for (const action of contributions) {
        for (const role of ["moderator", "editor", "contributor"] as const) {
          expect(can(actorWith(role), action, section({ phase })), `${role} ${action}`).toBe(
            openFor[phase],
          );
        }
      }
    });
  }

  it("contributions close when the consultation deadline has passed, with that reason", () => {
    for (const action of contributions) {
      expect(denial(actorWith("contributor"), action, section({ deadlinePassed: true }))).toBe(
        "deadline_passed",
      );
    }
  });

  it("text may change until consolidation and is frozen from the council submission on", () => {
    expect(can(actorWith("editor"), "section.edit", section({ phase: "consolidation" }))).toBe(
      true,
    );
    expect(denial(actorWith("editor"), "section.edit", section({ phase: "submission" }))).toBe(
      "phase_closed",
    );
    expect(denial(actorWith("moderator"), "section.edit", section({ phase: "decided" }))).toBe(
      "phase_closed",
    );
  });

  it("a locked section is read-only for everyone, moderators included", () => {
    for (const role of roles) {
      expect(can(actorWith(role), "section.edit", section({ locked: true })), role).toBe(false);
    }
    expect(denial(actorWith("moderator"), "section.edit", section({ locked: true }))).toBe(
      "locked",
    );
    expect(can(actorWith("moderator"), "section.lock", section({ locked: true }))).toBe(true);
  });
});

describe("policy: comments and suggestions", () => {
  it("deciding on a suggestion follows the right to edit the section (grants, lock, phase)", () => {
    expect(
      can(
        actorWith("contributor"),
        "suggestion.decide",
        section({ grantedOrganisationIds: [ORG] }),
      ),
    ).toBe(true);
    expect(denial(actorWith("editor"), "suggestion.decide", section({ locked: true }))).toBe(
      "locked",
    );
    expect(denial(actorWith("editor"), "suggestion.decide", section({ phase: "submission" }))).toBe(
      "phase_closed",
    );
  });

  it("replies stay open in consolidation and after the deadline, and close with the submission", () => {
    expect(
      can(actorWith("contributor"), "comment.reply", section({ phase: "consolidation" })),
    ).toBe(true);
    expect(can(actorWith("contributor"), "comment.reply", section({ deadlinePassed: true }))).toBe(
      true,
    );
    expect(denial(actorWith("editor"), "comment.reply", section({ phase: "submission" }))).toBe(
      "phase_closed",
    );
  });

  it("moderators may resolve any thread in every phase", () => {
    for (const phase of phases) {
      expect(can(actorWith("moderator"), "comment.moderate", section({ phase })), phase).toBe(true);
    }
  });
});
