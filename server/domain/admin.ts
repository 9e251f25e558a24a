import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { memberships, organisations, users } from "#db/schema/index.ts";
import { organisationKinds, type OrganisationKind } from "#common/vocabularies.ts";
import { acting, audit } from "#server/audit.ts";
import { hashPassword } from "#server/auth/password.ts";
import { passwordProblem } from "#server/auth/password-policy.ts";
import { can } from "#server/auth/policy.ts";
import { invalidateUserSessions } from "#server/auth/session.ts";
import { isUuid } from "./access.ts";
import { forbidden, invalid } from "./errors.ts";
import { cleanText } from "#common/text.ts";
import type { Services } from "#server/services.ts";
import type { User } from "./user.ts";

/** Refuses anyone but a platform administrator (403). */
export function requireAdmin(user: User): void {
  if (!can({ userId: user.id, isAdmin: user.isAdmin }, "platform.admin", { type: "platform" })) {
    throw forbidden("role");
  }
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUser {
  email: string;
  name: string;
  password: string;
  isAdmin?: boolean;
  organisationId?: string;
}

/** Validates a new account's fields; returns per-field message keys. */
export function validateNewUser(input: NewUser): Record<string, string> {
  const errors: Record<string, string> = {};
  const email = input.email.trim();
  if (!email) errors.email = "form.required";
  else if (email.length > 254 || !EMAIL.test(email)) errors.email = "form.email";
  const name = cleanText(input.name);
  if (!name) errors.name = "form.required";
  else if (name.length > 120) errors.name = "form.tooLong";
  const password = passwordProblem(input.password, [email, name]);
  if (password) errors.password = password;
  if (input.organisationId && !isUuid(input.organisationId)) errors.organisationId = "form.invalid";
  return errors;
}

/**
 * Creates an account (and optionally its first organisation membership); audited. `actor` is null
 * for the operator's command line, which has no signed-in user.
 */
export async function createUser(
  { db }: Pick<Services, "db">,
  actor: User | null,
  input: NewUser,
  ip?: string,
): Promise<{ id: string }> {
  if (actor) requireAdmin(actor);
  const errors = validateNewUser(input);
  if (Object.keys(errors).length) throw invalid(errors);
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw invalid({ email: "admin.emailTaken" });
  if (input.organisationId) {
    const [org] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId));
    if (!org) throw invalid({ organisationId: "form.invalid" });
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ email, name: cleanText(input.name), passwordHash, isAdmin: input.isAdmin ?? false })
      .returning({ id: users.id });
    if (input.organisationId) {
      await tx
        .insert(memberships)
        .values({ userId: created.id, organisationId: input.organisationId });
    }
    await audit(
      tx,
      {
        userId: actor?.id ?? null,
        label: actor?.email ?? "cli",
        organisationId: null,
        ip: ip ?? null,
      },
      {
        action: "admin.user_created",
        targetType: "user",
        targetId: created.id,
        details: {
          email,
          isAdmin: input.isAdmin ?? false,
          organisationId: input.organisationId ?? null,
        },
      },
    );
    return created;
  });
}

/** All accounts with their organisations, for the admin page. */
export async function listUsers({ db }: Services, actor: User) {
  requireAdmin(actor);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      isAdmin: users.isAdmin,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .orderBy(asc(users.name));
  const links = await db
    .select({
      userId: memberships.userId,
      organisationId: organisations.id,
      organisation: organisations.name,
      canReleasePositions: memberships.canReleasePositions,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .orderBy(asc(organisations.name));
  return rows.map((u) => ({ ...u, organisations: links.filter((l) => l.userId === u.id) }));
}

/** Disables or re-enables an account; disabling ends all its sessions. Audited. */
export async function setUserDisabled(
  { db, events, collab }: Services,
  actor: User,
  input: { userId: string; disabled: boolean; ip?: string },
) {
  requireAdmin(actor);
  if (!isUuid(input.userId)) throw invalid({ userId: "form.invalid" });
  if (input.userId === actor.id && input.disabled)
    throw invalid({ userId: "admin.cannotDisableSelf" });
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ disabledAt: input.disabled ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(users.id, input.userId));
    if (input.disabled) await invalidateUserSessions(tx as unknown as Database, input.userId);
    await audit(tx, acting(actor, null, input.ip), {
      action: input.disabled ? "admin.user_disabled" : "admin.user_enabled",
      targetType: "user",
      targetId: input.userId,
    });
  });
  if (input.disabled) events.endSessions({ userId: input.userId });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ userId: input.userId });
}

/** Sets a new password and ends all of the account's sessions. Audited. */
export async function setUserPassword(
  { db, events, collab }: Services,
  actor: User,
  input: { userId: string; password: string; ip?: string },
) {
  requireAdmin(actor);
  if (!isUuid(input.userId)) throw invalid({ userId: "form.invalid" });
  const problem = passwordProblem(input.password);
  if (problem) throw invalid({ password: problem });
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(users.id, input.userId));
    await invalidateUserSessions(tx as unknown as Database, input.userId);
    await audit(tx, acting(actor, null, input.ip), {
      action: "admin.password_set",
      targetType: "user",
      targetId: input.userId,
    });
  });
  events.endSessions({ userId: input.userId });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ userId: input.userId });
}

/** Adds a user to an organisation (or updates the release right); audited. */
export async function setMembership(
  { db, collab }: Services,
  actor: User,
  input: { userId: string; organisationId: string; canReleasePositions: boolean; ip?: string },
) {
  requireAdmin(actor);
  const errors: Record<string, string> = {};
  if (!isUuid(input.userId)) errors.userId = "form.invalid";
  if (!isUuid(input.organisationId)) errors.organisationId = "form.required";
  if (Object.keys(errors).length) throw invalid(errors);
  await db.transaction(async (tx) => {
    await tx
      .insert(memberships)
      .values({
        userId: input.userId,
        organisationId: input.organisationId,
        canReleasePositions: input.canReleasePositions,
      })
      .onConflictDoUpdate({
        target: [memberships.userId, memberships.organisationId],
        set: { canReleasePositions: input.canReleasePositions },
      });
    await audit(tx, acting(actor, null, input.ip), {
      action: "admin.membership_set",
      targetType: "user",
      targetId: input.userId,
      details: {
        organisationId: input.organisationId,
        canReleasePositions: input.canReleasePositions,
      },
    });
  });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ userId: input.userId });
}

/** Removes a user from an organisation; audited. */
export async function removeMembership(
  { db, collab }: Services,
  actor: User,
  input: { userId: string; organisationId: string; ip?: string },
) {
  requireAdmin(actor);
  if (!isUuid(input.userId) || !isUuid(input.organisationId))
    throw invalid({ userId: "form.invalid" });
  await db.transaction(async (tx) => {
    await tx
      .delete(memberships)
      .where(
        and(
          eq(memberships.userId, input.userId),
          eq(memberships.organisationId, input.organisationId),
        ),
      );
    await audit(tx, acting(actor, null, input.ip), {
      action: "admin.membership_removed",
      targetType: "user",
      targetId: input.userId,
      details: { organisationId: input.organisationId },
    });
  });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ userId: input.userId });
}

/** All organisations with their member counts. */
export async function listOrganisations({ db }: Services, actor: User) {
  requireAdmin(actor);
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      shortName: organisations.shortName,
      kind: organisations.kind,
      memberCount: sql<number>`(select count(*)::int from ${memberships} where ${memberships.organisationId} = ${organisations.id})`,
    })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

/**
 * An organisation's name, short name and kind, cleaned and checked (for creating and editing).
 * Throws `invalid` with every field's error.
 */
export function organisationFields(input: { name: string; shortName: string; kind: string }) {
  const name = cleanText(input.name);
  const shortName = cleanText(input.shortName);
  const errors: Record<string, string> = {};
  if (!name) errors.name = "form.required";
  else if (name.length > 200) errors.name = "form.tooLong";
  if (!shortName) errors.shortName = "form.required";
  else if (shortName.length > 20) errors.shortName = "form.tooLong";
  if (!(organisationKinds as readonly string[]).includes(input.kind)) errors.kind = "form.invalid";
  if (Object.keys(errors).length) throw invalid(errors);
  return { name, shortName };
}

/** Creates an organisation; audited. */
export async function createOrganisation(
  { db }: Services,
  actor: User,
  input: { name: string; shortName: string; kind: string; ip?: string },
) {
  requireAdmin(actor);
  const { name, shortName } = organisationFields(input);
  const [existing] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name));
  if (existing) throw invalid({ name: "admin.organisationExists" });
  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(organisations)
      .values({ name, shortName, kind: input.kind as OrganisationKind })
      .returning({ id: organisations.id });
    await audit(tx, acting(actor, null, input.ip), {
      action: "admin.organisation_created",
      targetType: "organisation",
      targetId: created.id,
      details: { name, shortName, kind: input.kind },
    });
  });
}
