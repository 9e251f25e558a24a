import { randomBytes } from "node:crypto";
import type { Database } from "#db/client.ts";
import {
  consultationMembers,
  consultations,
  memberships,
  organisations,
  phaseDeadlines,
  sections,
  users,
} from "#db/schema/index.ts";
import { type Phase, type Role } from "#common/vocabularies.ts";
import { hashPassword } from "#server/auth/password.ts";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  locale: string;
}

/** Creates an account with TEST_PASSWORD. */
export async function createUser(
  db: Database,
  options: { name?: string; isAdmin?: boolean; organisationId?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const suffix = randomBytes(4).toString("hex");
  const [user] = await db
    .insert(users)
    .values({
      email: `user-${suffix}@example.test`,
      name: options.name ?? `Test User ${suffix}`,
      passwordHash: await passwordHash,
      isAdmin: options.isAdmin ?? false,
    })
    .returning();
  if (options.organisationId) {
    await db
      .insert(memberships)
      .values({ userId: user.id, organisationId: options.organisationId });
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    locale: user.locale,
  };
}

export async function createOrganisation(
  db: Database,
  kind: "department" | "municipal_company" | "council_group" | "external" = "department",
) {
  const suffix = randomBytes(4).toString("hex");
  const [org] = await db
    .insert(organisations)
    .values({ name: `Org ${suffix}`, shortName: suffix.slice(0, 4), kind })
    .returning();
  return org;
}

/**
 * A consultation with one section and one member per role (each in its own organisation, the
 * contributor's a municipal company), plus a non-member and an admin.
 */
export async function createConsultationFixture(
  db: Database,
  options: { phase?: Phase; consultationDeadline?: Date } = {},
) {
  const [consultation] = await db
    .insert(consultations)
    .values({ title: "Testverfahren", phase: options.phase ?? "consultation" })
    .returning();
  if (options.consultationDeadline) {
    await db.insert(phaseDeadlines).values({
      consultationId: consultation.id,
      phase: "consultation",
      endsAt: options.consultationDeadline,
    });
  }
  const [section] = await db
    .insert(sections)
    .values({
      consultationId: consultation.id,
      title: "Abschnitt",
      position: 1,
      initialContent: "Text",
    })
    .returning();
  const members = {} as Record<Role, TestUser & { organisationId: string }>;
  for (const role of ["moderator", "editor", "contributor", "observer"] as const) {
    const org = await createOrganisation(
      db,
      role === "contributor" ? "municipal_company" : "department",
    );
    const user = await createUser(db, { name: `${role} user`, organisationId: org.id });
    await db
      .insert(consultationMembers)
      .values({ consultationId: consultation.id, userId: user.id, role, organisationId: org.id });
    members[role] = { ...user, organisationId: org.id };
  }
  const outsider = await createUser(db, { name: "outsider" });
  const admin = await createUser(db, { name: "admin", isAdmin: true });
  return { consultation, section, members, outsider, admin };
}
