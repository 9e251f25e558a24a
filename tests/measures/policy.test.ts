import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { organisations, requirements } from "#db/schema/index.ts";
import { roles, type Role } from "#common/vocabularies.ts";
import { can, denial, type Action, type Actor, type Resource } from "#server/auth/policy.ts";
import { createMeasure, updateMeasure } from "#server/domain/measures/commands.ts";
import { recordPosition, releasePosition } from "#server/domain/positions/commands.ts";
import { setRequirementStatus, submitRequirement } from "#server/domain/requirement-commands.ts";
import {
  outcome,
  seededDemo,
  validMeasureInput,
  type Account,
  type SeededDemo,
} from "./fixtures.ts";
import { testServices } from "#testkit/services.ts";

const ORG = "00000000-0000-4000-8000-000000000001";
const OTHER_ORG = "00000000-0000-4000-8000-000000000002";

function actor(role: Role, canReleasePositions = false): Actor {
  return {
    userId: "u",
    isAdmin: false,
    membership: { role, organisationId: ORG, canReleasePositions },
  };
}
const position = (overrides: Partial<Extract<Resource, { type: "position" }>> = {}): Resource => ({
  type: "position",
  phase: "consultation",
  deadlinePassed: false,
  organisationId: ORG,
  ...overrides,
});
const consultation: Resource = {
  type: "consultation",
  phase: "consultation",
  deadlinePassed: false,
};

describe("policy: measure, position and requirement actions by role", () => {
  const expected: Record<Role, Partial<Record<Action, boolean>>> = {
    moderator: {
      "measure.edit": true,
      "measure.archive": true,
      "measure.delete": true,
      "requirement.create": true,
      "requirement.review": true,
      "position.record": true,
      "position.monitor": true,
    },
    editor: {
      "measure.edit": true,
      "measure.archive": true,
      "measure.delete": false,
      "requirement.create": true,
      "requirement.review": false,
      "position.record": true,
      "position.monitor": false,
    },
    contributor: {
      "measure.edit": false,
      "measure.archive": false,
      "measure.delete": false,
      "requirement.create": true,
      "requirement.review": false,
      "position.record": true,
      "position.monitor": false,
    },
    observer: {
      "measure.edit": false,
      "measure.archive": false,
      "measure.delete": false,
      "requirement.create": false,
      "requirement.review": false,
      "position.record": false,
      "position.monitor": false,
    },
  };
  for (const role of roles) {
    for (const [action, allowed] of Object.entries(expected[role])) {
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        const resource = action.startsWith("position.") ? position() : consultation;
        expect(can(actor(role), action as Action, resource)).toBe(allowed);
      });
    }
    it(`${role} may release only with the release right (and never as observer)`, () => {
      expect(can(actor(role, true), "position.release", position())).toBe(role !== "observer");
      expect(denial(actor(role, false), "position.release", position())).toBe(
        role === "observer" ? "role" : "no_release_right",
      );
    });
  }

  it("an organisation cannot write or release another organisation's position", () => {
    for (const role of ["moderator", "editor", "contributor"] as const) {
      expect(
        denial(actor(role, true), "position.record", position({ organisationId: OTHER_ORG })),
      ).toBe("other_organisation");
      expect(
        denial(actor(role, true), "position.release", position({ organisationId: OTHER_ORG })),
      ).toBe("other_organisation");
    }
  });

  it("an admin without membership speaks for no organisation", () => {
    const admin: Actor = { userId: "a", isAdmin: true, membership: null };
    expect(denial(admin, "position.record", position())).toBe("other_organisation");
    expect(can(admin, "measure.edit", consultation)).toBe(true);
  });

  it("nobody records, releases or submits after the deadline or outside the open phases", () => {
    for (const role of roles) {
      for (const action of ["position.record", "position.release", "requirement.create"] as const) {
        const resource = action.startsWith("position.")
          ? position({ deadlinePassed: true })
          : { ...consultation, deadlinePassed: true };
        expect(can(actor(role, true), action, resource), `${role} ${action}`).toBe(false);
        for (const phase of ["consolidation", "submission", "decided"] as const) {
          const closed = action.startsWith("position.")
            ? position({ phase })
            : { ...consultation, phase };
          expect(can(actor(role, true), action, closed), `${role} ${action} ${phase}`).toBe(false);
        }
      }
    }
  });

  it("measures may be archived and deleted until consolidation, not after", () => {
    for (const action of ["measure.archive", "measure.delete"] as const) {
      expect(can(actor("moderator"), action, { ...consultation, phase: "consolidation" })).toBe(
        true,
      );
      for (const phase of ["submission", "decided"] as const) {
        expect(denial(actor("moderator"), action, { ...consultation, phase })).toBe("phase_closed");
      }
    }
  });

  it("measures may be edited until consolidation, not after", () => {
    expect(can(actor("editor"), "measure.edit", { ...consultation, phase: "consolidation" })).toBe(
      true,
    );
    expect(denial(actor("editor"), "measure.edit", { ...consultation, phase: "submission" })).toBe(
      "phase_closed",
    );
  });
});

describe("use cases enforce the policy for every demo account", { timeout: 120_000 }, () => {
  let demo: SeededDemo;
  let leadId: string;
  beforeAll(async () => {
    demo = await seededDemo();
    const [org] = await demo.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.shortName, "HA-DIG"));
    leadId = org!.id;
  }, 120_000);
  afterAll(async () => {
    await demo?.handle.close();
  });

  const accounts: Account[] = [
    "admin",
    "moderator",
    "editor",
    "contributor",
    "releaser",
    "observer",
  ];

  it("create and edit measures: moderators, editors (and admins) only", async () => {
    const results: Record<string, string> = {};
    for (const [i, account] of accounts.entries()) {
      results[account] = await outcome(
        createMeasure(testServices(demo.db), demo.user(account), {
          ...validMeasureInput({ code: `P-${i}`, leadOrganisationId: leadId }),
          consultationId: demo.consultationId,
        }),
      );
    }
    expect(results).toEqual({
      admin: "ok",
      moderator: "ok",
      editor: "ok",
      contributor: "forbidden:role",
      releaser: "forbidden:role",
      observer: "forbidden:role",
    });
    const updates: Record<string, string> = {};
    for (const account of accounts) {
      updates[account] = await outcome(
        updateMeasure(testServices(demo.db), demo.user(account), {
          ...validMeasureInput({
            code: "M-01",
            leadOrganisationId: leadId,
            title: `Titel ${account}`,
          }),
          consultationId: demo.consultationId,
          measureId: demo.measureId("M-01"),
        }),
      );
    }
    expect(updates).toEqual({
      admin: "ok",
      moderator: "ok",
      editor: "ok",
      contributor: "forbidden:role",
      releaser: "forbidden:role",
      observer: "forbidden:role",
    });
  });

  it("record positions: every member with a writing role, for their own organisation only", async () => {
    const results: Record<string, string> = {};
    for (const account of accounts) {
      results[account] = await outcome(
        recordPosition(testServices(demo.db), demo.user(account), {
          consultationId: demo.consultationId,
          measureId: demo.measureId("M-02"),
          stance: "approve",
          reasoning: "Begründung",
          conditions: "",
          costImpact: "",
          release: false,
        }),
      );
    }
    expect(results).toEqual({
      admin: "forbidden:other_organisation",
      moderator: "ok",
      editor: "ok",
      contributor: "ok",
      releaser: "ok",
      observer: "forbidden:role",
    });
  });

  it("release positions: only a member with the release right", async () => {
    const results: Record<string, string> = {};
    for (const account of accounts) {
      results[account] = await outcome(
        recordPosition(testServices(demo.db), demo.user(account), {
          consultationId: demo.consultationId,
          measureId: demo.measureId("M-04"),
          stance: "abstain",
          reasoning: "",
          conditions: "",
          costImpact: "",
          release: true,
        }),
      );
    }
    expect(results).toEqual({
      admin: "forbidden:other_organisation",
      moderator: "forbidden:no_release_right",
      editor: "forbidden:no_release_right",
      contributor: "forbidden:no_release_right",
      releaser: "ok",
      observer: "forbidden:role",
    });
  });

  it("submit requirements: members with a writing role; review: moderators", async () => {
    const submitted: Record<string, string> = {};
    for (const account of accounts) {
      submitted[account] = await outcome(
        submitRequirement(testServices(demo.db), demo.user(account), {
          consultationId: demo.consultationId,
          title: `Anforderung von ${account}`,
          description: "Beschreibung",
          category: "open_source",
          priority: "should",
          sectionIds: [],
          measureIds: [],
        }),
      );
    }
    expect(submitted).toEqual({
      admin: "forbidden:other_organisation",
      moderator: "ok",
      editor: "ok",
      contributor: "ok",
      releaser: "ok",
      observer: "forbidden:role",
    });
    const [requirement] = await demo.db.select({ id: requirements.id }).from(requirements).limit(1);
    const reviewed: Record<string, string> = {};
    for (const [i, account] of accounts.entries()) {
      reviewed[account] = await outcome(
        setRequirementStatus(testServices(demo.db), demo.user(account), {
          consultationId: demo.consultationId,
          requirementId: requirement!.id,
          status: i % 2 ? "accepted" : "in_review",
        }),
      );
    }
    expect(reviewed).toEqual({
      admin: "ok",
      moderator: "ok",
      editor: "forbidden:role",
      contributor: "forbidden:role",
      releaser: "forbidden:role",
      observer: "forbidden:role",
    });
  });

  it("nobody records, releases or submits after the deadline", async () => {
    const later = demo.afterDeadline;
    const draftId = await recordPosition(testServices(demo.db), demo.user("contributor"), {
      consultationId: demo.consultationId,
      measureId: demo.measureId("M-06"),
      stance: "concerns",
      reasoning: "Bedenken",
      conditions: "",
      costImpact: "",
      release: false,
    });
    for (const account of ["moderator", "editor", "contributor", "releaser"] as const) {
      expect(
        await outcome(
          recordPosition(
            testServices(demo.db),
            demo.user(account),
            {
              consultationId: demo.consultationId,
              measureId: demo.measureId("M-06"),
              stance: "approve",
              reasoning: "",
              conditions: "",
              costImpact: "",
              release: false,
            },
            later,
          ),
        ),
        account,
      ).toBe("forbidden:deadline_passed");
      expect(
        await outcome(
          submitRequirement(
            testServices(demo.db),
            demo.user(account),
            {
              consultationId: demo.consultationId,
              title: "Zu spät",
              description: "Nach der Frist",
              category: "costs",
              priority: "may",
              sectionIds: [],
              measureIds: [],
            },
            later,
          ),
        ),
        account,
      ).toBe("forbidden:deadline_passed");
    }
    expect(
      await outcome(
        releasePosition(
          testServices(demo.db),
          demo.user("releaser"),
          {
            consultationId: demo.consultationId,
            measureId: demo.measureId("M-06"),
            revisionId: String(draftId),
          },
          later,
        ),
      ),
    ).toBe("forbidden:deadline_passed");
  });
});
