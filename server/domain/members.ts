import { and, asc, eq } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  consultationMembers,
  memberships,
  organisations,
  roles,
  users,
  type Role,
} from "#db/schema/index.ts";
import { audit } from "#server/audit.ts";
import type { SessionUser } from "#server/auth/session.ts";
import { consultationAccess, isUuid, requirePermission } from "./access.ts";
import { DomainError, invalid } from "./errors.ts";

type User = Pick<SessionUser, "id" | "isAdmin" | "email">;

/** Members with their organisations, and the users who could be added (moderators and admins). */
export async function memberManagement(db: Database, user: User, consultationId: string) {
  const access = await consultationAccess(db, user, consultationId);
  requirePermission(access, "member.manage");
  const members = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: consultationMembers.role,
      organisationId: consultationMembers.organisationId,
      organisation: organisations.name,
    })
    .from(consultationMembers)
    .innerJoin(users, eq(users.id, consultationMembers.userId))
    .innerJoin(organisations, eq(organisations.id, consultationMembers.organisationId))
    .where(eq(consultationMembers.consultationId, consultationId))
    .orderBy(asc(users.name));
  const memberIds = new Set(members.map((m) => m.userId));
  const candidates = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      organisationId: organisations.id,
      organisation: organisations.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .orderBy(asc(users.name), asc(organisations.name));
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    members,
    candidates: candidates.filter((c) => !memberIds.has(c.userId)),
  };
}

function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value)) throw invalid({ role: "form.invalid" });
  return value as Role;
}

async function moderatorCount(db: Database, consultationId: string): Promise<number> {
  const rows = await db
    .select({ userId: consultationMembers.userId })
    .from(consultationMembers)
    .where(
      and(
        eq(consultationMembers.consultationId, consultationId),
        eq(consultationMembers.role, "moderator"),
      ),
    );
  return rows.length;
}

/** Adds a user to the consultation, acting for one of their organisations; audited. */
export async function addMember(
  db: Database,
  user: User,
  input: { consultationId: string; memberKey: string; role: string; ip?: string },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "member.manage");
  const [userId, organisationId] = input.memberKey.split(":");
  const errors: Record<string, string> = {};
  if (!userId || !organisationId || !isUuid(userId) || !isUuid(organisationId)) {
    errors.memberKey = "form.required";
  }
  if (!(roles as readonly string[]).includes(input.role)) errors.role = "form.invalid";
  if (Object.keys(errors).length) throw invalid(errors);
  const [membership] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
  if (!membership) throw invalid({ memberKey: "members.notInOrganisation" });
  const role = parseRole(input.role);
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(consultationMembers)
      .values({
        consultationId: input.consultationId,
        userId,
        organisationId,
        role,
        addedBy: user.id,
      })
      .onConflictDoNothing()
      .returning({ userId: consultationMembers.userId });
    if (inserted.length === 0) throw invalid({ memberKey: "members.alreadyMember" });
    await audit(tx, {
      actorUserId: user.id,
      actorLabel: user.email,
      actingOrganisationId: access.organisationId,
      action: "member.added",
      targetType: "user",
      targetId: userId,
      consultationId: input.consultationId,
      details: { role, organisationId },
      ip: input.ip,
    });
  });
}

/** Changes a member's role; the last moderator cannot be demoted. Audited. */
export async function changeMemberRole(
  db: Database,
  user: User,
  input: { consultationId: string; userId: string; role: string; ip?: string },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "member.manage");
  const role = parseRole(input.role);
  const member = await findMember(db, input.consultationId, input.userId);
  if (member.role === role) return;
  if (member.role === "moderator" && (await moderatorCount(db, input.consultationId)) <= 1) {
    throw new DomainError("conflict", "members.lastModerator");
  }
  await db.transaction(async (tx) => {
    await tx
      .update(consultationMembers)
      .set({ role })
      .where(
        and(
          eq(consultationMembers.consultationId, input.consultationId),
          eq(consultationMembers.userId, input.userId),
        ),
      );
    await audit(tx, {
      actorUserId: user.id,
      actorLabel: user.email,
      actingOrganisationId: access.organisationId,
      action: "member.role_changed",
      targetType: "user",
      targetId: input.userId,
      consultationId: input.consultationId,
      details: { from: member.role, to: role },
      ip: input.ip,
    });
  });
}

/** Removes a member; the last moderator cannot be removed. Audited. */
export async function removeMember(
  db: Database,
  user: User,
  input: { consultationId: string; userId: string; ip?: string },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "member.manage");
  const member = await findMember(db, input.consultationId, input.userId);
  if (member.role === "moderator" && (await moderatorCount(db, input.consultationId)) <= 1) {
    throw new DomainError("conflict", "members.lastModerator");
  }
  await db.transaction(async (tx) => {
    await tx
      .delete(consultationMembers)
      .where(
        and(
          eq(consultationMembers.consultationId, input.consultationId),
          eq(consultationMembers.userId, input.userId),
        ),
      );
    await audit(tx, {
      actorUserId: user.id,
      actorLabel: user.email,
      actingOrganisationId: access.organisationId,
      action: "member.removed",
      targetType: "user",
      targetId: input.userId,
      consultationId: input.consultationId,
      details: { role: member.role },
      ip: input.ip,
    });
  });
}

async function findMember(db: Database, consultationId: string, userId: string) {
  if (!isUuid(userId)) throw invalid({ userId: "form.invalid" });
  const [member] = await db
    .select({ role: consultationMembers.role })
    .from(consultationMembers)
    .where(
      and(
        eq(consultationMembers.consultationId, consultationId),
        eq(consultationMembers.userId, userId),
      ),
    );
  if (!member) throw invalid({ userId: "members.notMember" });
  return member;
}
