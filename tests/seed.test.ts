import { toLocalDateTime } from "#server/domain/time.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DatabaseHandle } from "#db/client.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import {
  auditLog,
  consultationMembers,
  consultations,
  memberships,
  organisations,
  phaseDeadlines,
  sectionEditGrants,
  sections,
  users,
} from "#db/schema/index.ts";
import { roles, type Phase } from "#common/vocabularies.ts";
import { DEMO_CONSULTATION_TITLE, DEMO_PASSWORD, seedDemo } from "#server/seed/demo.ts";
import { verifyPassword } from "#server/auth/password.ts";

const NOW = new Date("2026-03-02T09:00:00Z");
const DAY_MS = 24 * 60 * 60 * 1000;

let handle: DatabaseHandle;

async function counts() {
  const { db } = handle;
  const n = async (table: PgTable) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    consultations: await n(consultations),
    sections: await n(sections),
    organisations: await n(organisations),
    users: await n(users),
    memberships: await n(memberships),
    members: await n(consultationMembers),
    deadlines: await n(phaseDeadlines),
    grants: await n(sectionEditGrants),
    audit: await n(auditLog),
  };
}

describe("demo seed", { timeout: 60_000 }, () => {
  beforeAll(async () => {
    handle = await createTestDatabase();
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
  });

  it("creates the demo once and is idempotent", async () => {
    const first = await seedDemo(handle.db, { now: NOW });
    expect(first.created).toBe(true);
    const after = await counts();
    expect(after.consultations).toBe(1);
    expect(after.audit).toBe(1);

    const second = await seedDemo(handle.db, { now: NOW });
    expect(second.created).toBe(false);
    expect(second.logins).toEqual(first.logins);
    expect(await counts()).toEqual(after);
  });

  it("writes the consultation in the consultation phase with all five deadlines", async () => {
    const [consultation] = await handle.db
      .select()
      .from(consultations)
      .where(eq(consultations.title, DEMO_CONSULTATION_TITLE));
    expect(consultation?.phase).toBe("consultation");
    expect(consultation?.description.length).toBeGreaterThan(100);

    const deadlines = await handle.db
      .select()
      .from(phaseDeadlines)
      .where(eq(phaseDeadlines.consultationId, consultation!.id));
    const days = Object.fromEntries(
      deadlines.map((d) => [d.phase, Math.round((d.endsAt.getTime() - NOW.getTime()) / DAY_MS)]),
    ) as Record<Phase, number>;
    expect(days).toEqual({
      drafting: -14,
      consultation: 28,
      consolidation: 56,
      submission: 84,
      decided: 112,
    });
    // Whole minutes at 18:00 Berlin, so the settings form sends them back unchanged.
    expect(
      deadlines.every(
        (d) => d.endsAt.getTime() % 60_000 === 0 && toLocalDateTime(d.endsAt).endsWith("T18:00"),
      ),
    ).toBe(true);
  });

  it("writes 10-14 sections with consecutive positions and starter text in the Markdown subset", async () => {
    const rows = await handle.db.select().from(sections).orderBy(asc(sections.position));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThanOrEqual(14);
    expect(rows.map((s) => s.position)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]!.title).toBe("Ausgangslage");
    expect(rows.at(-1)!.title).toBe("Maßnahmenplan");
    for (const section of rows) {
      expect(section.initialContent.trim(), section.title).not.toBe("");
      expect(section.leadOrganisationId, section.title).not.toBeNull();
      for (const block of section.initialContent.split("\n\n")) {
        const lines = block.split("\n");
        const ok =
          (lines.length === 1 && !/^[#\-*>\d]/.test(block)) ||
          (lines.length === 1 && /^## \S/.test(block)) ||
          lines.every((line) => /^- \S/.test(line));
        expect(ok, `${section.title}: ${block}`).toBe(true);
        expect(block, section.title).not.toMatch(/\*\*|\[|\]\(|`/);
      }
    }
    expect(rows.find((s) => s.title === "Ausgangslage")!.initialContent).toContain(
      "Deutschen Verwaltungscloud",
    );
  });

  it("makes every consultation role a member and grants Stadtwerke one section", async () => {
    const members = await handle.db
      .select({ role: consultationMembers.role, email: users.email })
      .from(consultationMembers)
      .innerJoin(users, eq(users.id, consultationMembers.userId));
    expect(new Set(members.map((m) => m.role))).toEqual(new Set(roles));
    expect(members.map((m) => m.email)).not.toContain("admin@ratschlag.test");

    const grants = await handle.db
      .select({ section: sections.title, organisation: organisations.shortName })
      .from(sectionEditGrants)
      .innerJoin(sections, eq(sections.id, sectionEditGrants.sectionId))
      .innerJoin(organisations, eq(organisations.id, sectionEditGrants.organisationId));
    expect(grants).toEqual([
      { section: "Zusammenarbeit mit den städtischen Gesellschaften", organisation: "SW" },
    ]);
  });

  it("stores lowercase emails, one admin and a verifiable demo password", async () => {
    const rows = await handle.db.select().from(users);
    expect(rows.every((u) => u.email === u.email.toLowerCase())).toBe(true);
    expect(rows.filter((u) => u.isAdmin).map((u) => u.email)).toEqual(["admin@ratschlag.test"]);
    expect(await verifyPassword(rows[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(rows[0]!.passwordHash, "wrong-password-123")).toBe(false);
  });

  it("lets exactly the releaser release Stadtwerke positions", async () => {
    const rows = await handle.db
      .select({ email: users.email, canRelease: memberships.canReleasePositions })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.canReleasePositions, true));
    expect(rows.map((r) => r.email)).toEqual(["releaser@ratschlag.test"]);
  });
});
