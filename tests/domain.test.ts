import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client.ts";
import { auditLog, consultationMembers } from "#db/schema/index.ts";
import {
  createOrganisation,
  createUser as adminCreateUser,
  listUsers,
} from "#server/domain/admin.ts";
import { consultationAuditLog } from "#server/domain/audit-log.ts";
import {
  changePhase,
  consultationOverview,
  listMyConsultations,
} from "#server/domain/consultations.ts";
import {
  addMember,
  changeMemberRole,
  memberManagement,
  removeMember,
} from "#server/domain/members.ts";
import { sectionPage } from "#server/domain/section-page.ts";
import { setSectionGrant, setSectionLocked } from "#server/domain/sections.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import {
  createConsultationFixture,
  createOrganisation as fixtureOrganisation,
  createUser,
} from "#tests/helpers/fixtures.ts";
import { expectDomainError } from "#tests/helpers/domain-error.ts";
import { testServices } from "#testkit/services.ts";

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof createConsultationFixture>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createConsultationFixture(handle.db);
});
afterAll(() => handle?.close());

describe("consultation visibility", () => {
  it("lists a consultation for each member and for admins, not for outsiders", async () => {
    for (const member of Object.values(fx.members)) {
      const list = await listMyConsultations(testServices(handle.db), member);
      expect(list.map((c) => c.id)).toContain(fx.consultation.id);
    }
    expect(await listMyConsultations(testServices(handle.db), fx.outsider)).toEqual([]);
    expect(
      (await listMyConsultations(testServices(handle.db), fx.admin)).map((c) => c.id),
    ).toContain(fx.consultation.id);
  });

  it("answers not found (never the data) to an outsider, for the consultation and its section", async () => {
    await expectDomainError(
      consultationOverview(testServices(handle.db), fx.outsider, fx.consultation.id),
      "not_found",
      "not_found",
    );
    await expectDomainError(
      sectionPage(testServices(handle.db), fx.outsider, fx.consultation.id, fx.section.id),
      "not_found",
      "not_found",
    );
  });

  it("answers not found for malformed and unknown ids", async () => {
    const member = fx.members.editor;
    await expectDomainError(
      consultationOverview(testServices(handle.db), member, "nope"),
      "not_found",
      "not_found",
    );
    await expectDomainError(
      consultationOverview(testServices(handle.db), member, "00000000-0000-4000-8000-00000000abcd"),
      "not_found",
      "not_found",
    );
    await expectDomainError(
      sectionPage(testServices(handle.db), member, fx.consultation.id, "x"),
      "not_found",
      "not_found",
    );
  });

  it("tells each role what it may do on the overview", async () => {
    const moderator = await consultationOverview(
      testServices(handle.db),
      fx.members.moderator,
      fx.consultation.id,
    );
    expect(moderator.permissions).toEqual({ manage: true, manageMembers: true, viewAudit: true });
    const observer = await consultationOverview(
      testServices(handle.db),
      fx.members.observer,
      fx.consultation.id,
    );
    expect(observer.permissions).toEqual({ manage: false, manageMembers: false, viewAudit: false });
  });
});

describe("member management", () => {
  it("is refused to every role but moderators", async () => {
    for (const role of ["editor", "contributor", "observer"] as const) {
      await expectDomainError(
        memberManagement(testServices(handle.db), fx.members[role], fx.consultation.id),
        "forbidden",
        "role",
        role,
      );
      await expectDomainError(
        addMember(
          testServices(handle.db),
          { ...fx.members[role] },
          {
            consultationId: fx.consultation.id,
            memberKey: `${fx.outsider.id}:${fx.members.editor.organisationId}`,
            role: "moderator",
          },
        ),
        "forbidden",
        "role",
        role,
      );
    }
  });

  it("adds, changes and removes a member, each audited with the acting organisation", async () => {
    const org = await fixtureOrganisation(handle.db);
    const person = await createUser(handle.db, { organisationId: org.id });
    const moderator = fx.members.moderator;
    await addMember(testServices(handle.db), moderator, {
      consultationId: fx.consultation.id,
      memberKey: `${person.id}:${org.id}`,
      role: "contributor",
    });
    await changeMemberRole(testServices(handle.db), moderator, {
      consultationId: fx.consultation.id,
      userId: person.id,
      role: "observer",
    });
    const [row] = await handle.db
      .select()
      .from(consultationMembers)
      .where(eq(consultationMembers.userId, person.id));
    expect(row.role).toBe("observer");
    await removeMember(testServices(handle.db), moderator, {
      consultationId: fx.consultation.id,
      userId: person.id,
    });
    const entries = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, person.id));
    expect(entries.map((e) => e.action)).toEqual([
      "member.added",
      "member.role_changed",
      "member.removed",
    ]);
    for (const entry of entries) {
      expect(entry.actorUserId).toBe(moderator.id);
      expect(entry.actingOrganisationId).toBe(moderator.organisationId);
      expect(entry.consultationId).toBe(fx.consultation.id);
    }
  });

  it("refuses a member key whose user is not in that organisation, and a duplicate", async () => {
    const error = await expectDomainError(
      addMember(testServices(handle.db), fx.members.moderator, {
        consultationId: fx.consultation.id,
        memberKey: `${fx.outsider.id}:${fx.members.editor.organisationId}`,
        role: "editor",
      }),
      "invalid",
      "invalid",
    );
    expect(error.fieldErrors).toEqual({ memberKey: "members.notInOrganisation" });
    const duplicate = await expectDomainError(
      addMember(testServices(handle.db), fx.members.moderator, {
        consultationId: fx.consultation.id,
        memberKey: `${fx.members.editor.id}:${fx.members.editor.organisationId}`,
        role: "editor",
      }),
      "invalid",
      "invalid",
    );
    expect(duplicate.fieldErrors).toEqual({ memberKey: "members.alreadyMember" });
  });

  it("keeps at least one moderator", async () => {
    await expectDomainError(
      changeMemberRole(testServices(handle.db), fx.members.moderator, {
        consultationId: fx.consultation.id,
        userId: fx.members.moderator.id,
        role: "editor",
      }),
      "conflict",
      "members.lastModerator",
    );
  });
});

describe("phases, locks and grants", () => {
  it("only moderators change the phase; the change is audited", async () => {
    const own = await createConsultationFixture(handle.db);
    await expectDomainError(
      changePhase(testServices(handle.db), own.members.editor, {
        consultationId: own.consultation.id,
        phase: "decided",
      }),
      "forbidden",
      "role",
    );
    await changePhase(testServices(handle.db), own.members.moderator, {
      consultationId: own.consultation.id,
      phase: "consolidation",
    });
    const overview = await consultationOverview(
      testServices(handle.db),
      own.members.observer,
      own.consultation.id,
    );
    expect(overview.consultation.phase).toBe("consolidation");
    await expectDomainError(
      changePhase(testServices(handle.db), own.members.moderator, {
        consultationId: own.consultation.id,
        phase: "bogus",
      }),
      "invalid",
      "invalid",
    );
  });

  it("a lock makes the section read-only; a grant lets a company edit it", async () => {
    const own = await createConsultationFixture(handle.db);
    const page = () =>
      sectionPage(
        testServices(handle.db),
        own.members.contributor,
        own.consultation.id,
        own.section.id,
      );
    expect((await page()).permissions.edit).toBe(false);
    await setSectionGrant(testServices(handle.db), own.members.moderator, {
      sectionId: own.section.id,
      organisationId: own.members.contributor.organisationId,
      granted: true,
    });
    expect((await page()).permissions.edit).toBe(true);
    await setSectionLocked(testServices(handle.db), own.members.moderator, {
      sectionId: own.section.id,
      locked: true,
    });
    expect((await page()).permissions).toMatchObject({ edit: false, editDenial: "locked" });
    await expectDomainError(
      setSectionLocked(testServices(handle.db), own.members.editor, {
        sectionId: own.section.id,
        locked: false,
      }),
      "forbidden",
      "role",
    );
  });
});

describe("administration", () => {
  it("is refused to non-admins", async () => {
    await expectDomainError(
      listUsers(testServices(handle.db), fx.members.moderator),
      "forbidden",
      "role",
    );
    await expectDomainError(
      createOrganisation(testServices(handle.db), fx.members.moderator, {
        name: "X",
        shortName: "X",
        kind: "external",
      }),
      "forbidden",
      "role",
    );
  });

  it("validates new accounts field by field", async () => {
    const error = await expectDomainError(
      adminCreateUser(testServices(handle.db), fx.admin, {
        email: "not-an-email",
        name: "",
        password: "short",
      }),
      "invalid",
      "invalid",
    );
    expect(error.fieldErrors).toEqual({
      email: "form.email",
      name: "form.required",
      password: "form.passwordTooShort",
    });
    const taken = await expectDomainError(
      adminCreateUser(testServices(handle.db), fx.admin, {
        email: fx.outsider.email.toUpperCase(),
        name: "Dup",
        password: "a long enough password",
      }),
      "invalid",
      "invalid",
    );
    expect(taken.fieldErrors).toEqual({ email: "admin.emailTaken" });
  });
});

describe("audit log", () => {
  it("cannot be changed or deleted by the application", async () => {
    await expect(handle.db.update(auditLog).set({ action: "tampered" })).rejects.toThrow();
    await expect(handle.db.delete(auditLog)).rejects.toThrow();
    await expect(handle.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const rows = await handle.db.select().from(auditLog).where(eq(auditLog.action, "tampered"));
    expect(rows).toHaveLength(0);
  });

  it("is readable by moderators only", async () => {
    const log = await consultationAuditLog(
      testServices(handle.db),
      fx.members.moderator,
      fx.consultation.id,
    );
    expect(log.entries.length).toBeGreaterThan(0);
    await expectDomainError(
      consultationAuditLog(testServices(handle.db), fx.members.editor, fx.consultation.id),
      "forbidden",
      "role",
    );
  });
});

describe("setting up a consultation", () => {
  it("only platform admins create consultations; the title is required", async () => {
    const { createConsultation } = await import("#server/domain/consultations.ts");
    await expectDomainError(
      createConsultation(testServices(handle.db), fx.members.moderator, {
        title: "X",
        description: "",
      }),
      "forbidden",
      "role",
    );
    expect(
      (
        await expectDomainError(
          createConsultation(testServices(handle.db), fx.admin, { title: "  ", description: "" }),
          "invalid",
          "invalid",
        )
      ).fieldErrors,
    ).toEqual({
      title: "form.required",
    });
    const { id } = await createConsultation(testServices(handle.db), fx.admin, {
      title: "Neues Verfahren",
      description: "",
    });
    const overview = await consultationOverview(testServices(handle.db), fx.admin, id);
    expect(overview.consultation).toMatchObject({ title: "Neues Verfahren", phase: "drafting" });
  });

  it("checks deadlines: Berlin time, phase order, none newly in the past", async () => {
    const { updateConsultationSettings } = await import("#server/domain/consultations.ts");
    const own = await createConsultationFixture(handle.db);
    const now = new Date("2027-01-10T12:00:00Z");
    const base = { consultationId: own.consultation.id, title: "T", description: "" };
    const error = await expectDomainError(
      updateConsultationSettings(
        testServices(handle.db),
        own.members.moderator,
        {
          ...base,
          deadlines: {
            drafting: "2027-01-01T10:00",
            consultation: "2027-03-01T10:00",
            consolidation: "2027-02-01T10:00",
            submission: "kaputt",
          },
        },
        now,
      ),
      "invalid",
      "invalid",
    );
    expect(error.fieldErrors).toEqual({
      deadline_drafting: "consultation.deadlineInPast",
      deadline_consolidation: "consultation.deadlineOrder",
      deadline_submission: "form.dateTime",
    });
    await updateConsultationSettings(
      testServices(handle.db),
      own.members.moderator,
      {
        ...base,
        deadlines: { consultation: "2027-03-31T18:00", consolidation: "2027-04-30T18:00" },
      },
      now,
    );
    const overview = await consultationOverview(
      testServices(handle.db),
      own.members.observer,
      own.consultation.id,
      now,
    );
    expect(overview.deadlines.map((d) => [d.phase, d.endsAt.toISOString()])).toEqual([
      ["consultation", "2027-03-31T16:00:00.000Z"],
      ["consolidation", "2027-04-30T16:00:00.000Z"],
    ]);
    await expectDomainError(
      updateConsultationSettings(
        testServices(handle.db),
        own.members.editor,
        { ...base, deadlines: {} },
        now,
      ),
      "forbidden",
      "role",
    );
  });

  it("issue 12 item 1: an unchanged past deadline (stored with seconds) does not block saving", async () => {
    const { updateConsultationSettings, consultationSettings } =
      await import("#server/domain/consultations.ts");
    const { phaseDeadlines } = await import("#db/schema/index.ts");
    const own = await createConsultationFixture(handle.db);
    const now = new Date("2027-01-10T12:00:00Z");
    await handle.db
      .delete(phaseDeadlines)
      .where(eq(phaseDeadlines.consultationId, own.consultation.id));
    await handle.db.insert(phaseDeadlines).values([
      {
        consultationId: own.consultation.id,
        phase: "drafting",
        endsAt: new Date("2026-12-27T12:34:56.789Z"),
      },
      {
        consultationId: own.consultation.id,
        phase: "consultation",
        endsAt: new Date("2027-02-07T12:34:56.789Z"),
      },
    ]);
    const shown = await consultationSettings(
      testServices(handle.db),
      own.members.moderator,
      own.consultation.id,
    );
    await updateConsultationSettings(
      testServices(handle.db),
      own.members.moderator,
      {
        consultationId: own.consultation.id,
        title: "T",
        description: "Nur die Beschreibung geändert.",
        deadlines: shown.deadlines,
      },
      now,
    );
    const overview = await consultationOverview(
      testServices(handle.db),
      own.members.observer,
      own.consultation.id,
      now,
    );
    expect(overview.deadlines.map((d) => [d.phase, d.endsAt.toISOString()])).toEqual([
      ["drafting", "2026-12-27T12:34:56.789Z"],
      ["consultation", "2027-02-07T12:34:56.789Z"],
    ]);
  });

  it("moderators add, edit and reorder sections", async () => {
    const { createSection, moveSection, updateSection } =
      await import("#server/domain/sections.ts");
    const own = await createConsultationFixture(handle.db);
    const moderator = own.members.moderator;
    const input = {
      consultationId: own.consultation.id,
      title: "Zweiter Abschnitt",
      leadOrganisationId: "",
      status: "draft",
    };
    await expectDomainError(
      createSection(testServices(handle.db), own.members.editor, input),
      "forbidden",
      "role",
    );
    expect(
      (
        await expectDomainError(
          createSection(testServices(handle.db), moderator, { ...input, title: "", status: "x" }),
          "invalid",
          "invalid",
        )
      ).fieldErrors,
    ).toEqual({
      title: "form.required",
      status: "form.invalid",
    });
    const { id } = await createSection(testServices(handle.db), moderator, input);
    await updateSection(testServices(handle.db), moderator, {
      sectionId: id,
      title: "Umbenannt",
      leadOrganisationId: moderator.organisationId,
      status: "in_review",
    });
    await moveSection(testServices(handle.db), moderator, { sectionId: id, direction: "up" });
    const overview = await consultationOverview(
      testServices(handle.db),
      moderator,
      own.consultation.id,
    );
    expect(overview.sections.map((s) => [s.title, s.position, s.status])).toEqual([
      ["Umbenannt", 1, "in_review"],
      ["Abschnitt", 2, "draft"],
    ]);
  });
});
