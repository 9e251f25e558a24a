import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "#db/client.ts";
import {
  consultationMembers,
  consultations,
  memberships,
  organisations,
  users,
} from "#db/schema/index.ts";
import { roles, type Role } from "#common/vocabularies.ts";
import { acting, audit } from "#server/audit.ts";
import { consultationAccess, isUuid, requirePermission } from "./access.ts";
import { DomainError, invalid } from "./errors.ts";
import type { Services } from "#server/services.ts";
import type { User } from "./user.ts";

/** Members with their organisations, and the users who could be added (moderators and admins). */
export async function memberManagement({ db }: Services, user: User, consultationId: string) {
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

/**
 * Inside a transaction: locks the consultation's row, so concurrent role changes and removals
 * in one consultation run one after another, and then counts its moderators — the count cannot
 * change before the transaction ends.
 */
async function lockedModeratorCount(tx: Tx, consultationId: string): Promise<number> {
  await tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(eq(consultations.id, consultationId))
    .for("update");
  const rows = await tx
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
  { db, collab }: Services,
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
    await audit(tx, acting(user, access, input.ip), {
      action: "member.added",
      targetType: "user",
      targetId: userId,
      consultationId: input.consultationId,
      details: { role, organisationId },
    });
  });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ consultationId: input.consultationId });
}

/** Changes a member's role; the last moderator cannot be demoted. Audited. */
export async function changeMemberRole(
  { db, collab }: Services,
  user: User,
  input: { consultationId: string; userId: string; role: string; ip?: string },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "member.manage");
  const role = parseRole(input.role);
  if (!isUuid(input.userId)) throw invalid({ userId: "form.invalid" });
  await db.transaction(async (tx) => {
    const moderators = await lockedModeratorCount(tx, input.consultationId);
    const member = await findMember(tx, input.consultationId, input.userId);
    if (member.role === role) return;
    if (member.role === "moderator" && moderators <= 1) {
      throw new DomainError("conflict", "members.lastModerator");
    }
    await tx
      .update(consultationMembers)
      .set({ role })
      .where(
        and(
          eq(consultationMembers.consultationId, input.consultationId),
          eq(consultationMembers.userId, input.userId),
        ),
      );
    await audit(tx, acting(user, access, input.ip), {
      action: "member.role_changed",
      targetType: "user",
      targetId: input.userId,
      consultationId: input.consultationId,
      details: { from: member.role, to: role },
    });
  });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ consultationId: input.consultationId });
}

/** Removes a member; the last moderator cannot be removed. Audited. */
export async function removeMember(
  { db, collab }: Services,
  user: User,
  input: { consultationId: string; userId: string; ip?: string },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "member.manage");
  if (!isUuid(input.userId)) throw invalid({ userId: "form.invalid" });
  await db.transaction(async (tx) => {
    const moderators = await lockedModeratorCount(tx, input.consultationId);
    const member = await findMember(tx, input.consultationId, input.userId);
    if (member.role === "moderator" && moderators <= 1) {
      throw new DomainError("conflict", "members.lastModerator");
    }
    await tx
      .delete(consultationMembers)
      .where(
        and(
          eq(consultationMembers.consultationId, input.consultationId),
          eq(consultationMembers.userId, input.userId),
        ),
      );
    await audit(tx, acting(user, access, input.ip), {
      action: "member.removed",
      targetType: "user",
      targetId: input.userId,
      consultationId: input.consultationId,
      details: { role: member.role },
    });
  });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ consultationId: input.consultationId });
}

async function findMember(tx: Tx, consultationId: string, userId: string) {
  if (!isUuid(userId)) throw invalid({ userId: "form.invalid" });
  const [member] = await tx
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
