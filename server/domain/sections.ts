import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { organisations, sectionEditGrants, sections } from "#db/schema/index.ts";
import { sectionStatuses, type SectionStatus } from "#common/vocabularies.ts";
import { acting, audit } from "#server/audit.ts";
import type { User } from "./user.ts";
import { consultationAccess, isUuid, requirePermission, sectionAccess } from "./access.ts";
import { invalid } from "./errors.ts";
import { cleanText } from "#common/text.ts";
import type { Services } from "#server/services.ts";

/** Locks or unlocks a section (moderators); audited. */
export async function setSectionLocked(
  { db, collab }: Services,
  user: User,
  input: { sectionId: string; locked: boolean; ip?: string },
) {
  const access = await sectionAccess(db, user, input.sectionId);
  requirePermission(access, "section.lock");
  await db.transaction(async (tx) => {
    await tx
      .update(sections)
      .set({ locked: input.locked, updatedAt: sql`now()` })
      .where(eq(sections.id, input.sectionId));
    await audit(tx, acting(user, access, input.ip), {
      action: input.locked ? "section.locked" : "section.unlocked",
      targetType: "section",
      targetId: input.sectionId,
      consultationId: access.consultation.id,
    });
  });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ sectionId: input.sectionId });
}

/** Lets contributors of an organisation edit the section directly, or takes that back; audited. */
export async function setSectionGrant(
  { db, collab }: Services,
  user: User,
  input: { sectionId: string; organisationId: string; granted: boolean; ip?: string },
) {
  const access = await sectionAccess(db, user, input.sectionId);
  requirePermission(access, "section.manage");
  if (!isUuid(input.organisationId)) throw invalid({ organisationId: "form.required" });
  const [organisation] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId));
  if (!organisation) throw invalid({ organisationId: "form.invalid" });
  await db.transaction(async (tx) => {
    if (input.granted) {
      await tx
        .insert(sectionEditGrants)
        .values({
          sectionId: input.sectionId,
          organisationId: input.organisationId,
          grantedBy: user.id,
        })
        .onConflictDoNothing();
    } else {
      await tx
        .delete(sectionEditGrants)
        .where(
          and(
            eq(sectionEditGrants.sectionId, input.sectionId),
            eq(sectionEditGrants.organisationId, input.organisationId),
          ),
        );
    }
    await audit(tx, acting(user, access, input.ip), {
      action: input.granted ? "section.edit_granted" : "section.edit_revoked",
      targetType: "section",
      targetId: input.sectionId,
      consultationId: access.consultation.id,
      details: { organisationId: input.organisationId },
    });
  });
  // Open sockets follow the change at once (read-only, closed or writable again).
  await collab.refreshAccess({ sectionId: input.sectionId });
}

export interface SectionInput {
  title: string;
  leadOrganisationId: string;
  status: string;
}

async function validateSection(db: Database, input: SectionInput) {
  const title = cleanText(input.title);
  const errors: Record<string, string> = {};
  if (!title) errors.title = "form.required";
  else if (title.length > 200) errors.title = "form.tooLong";
  if (!(sectionStatuses as readonly string[]).includes(input.status))
    errors.status = "form.invalid";
  let leadOrganisationId: string | null = null;
  if (input.leadOrganisationId) {
    const [org] = isUuid(input.leadOrganisationId)
      ? await db
          .select({ id: organisations.id })
          .from(organisations)
          .where(eq(organisations.id, input.leadOrganisationId))
      : [];
    if (!org) errors.leadOrganisationId = "form.invalid";
    else leadOrganisationId = org.id;
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return { title, leadOrganisationId, status: input.status as SectionStatus };
}

/** Adds a section at the end of the consultation (moderators); audited. */
export async function createSection(
  { db }: Services,
  user: User,
  input: SectionInput & { consultationId: string; ip?: string },
): Promise<{ id: string }> {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "consultation.manage");
  const values = await validateSection(db, input);
  return db.transaction(async (tx) => {
    const [last] = await tx
      .select({ position: sections.position })
      .from(sections)
      .where(eq(sections.consultationId, input.consultationId))
      .orderBy(desc(sections.position))
      .limit(1);
    const [created] = await tx
      .insert(sections)
      .values({
        consultationId: input.consultationId,
        position: (last?.position ?? 0) + 1,
        ...values,
      })
      .returning({ id: sections.id });
    await audit(tx, acting(user, access, input.ip), {
      action: "section.created",
      targetType: "section",
      targetId: created.id,
      consultationId: input.consultationId,
      details: values,
    });
    return created;
  });
}

/** Changes a section's title, lead organisation and status (moderators); audited. */
export async function updateSection(
  { db }: Services,
  user: User,
  input: SectionInput & { sectionId: string; ip?: string },
) {
  const access = await sectionAccess(db, user, input.sectionId);
  requirePermission(access, "section.manage");
  const values = await validateSection(db, input);
  await db.transaction(async (tx) => {
    await tx
      .update(sections)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(sections.id, input.sectionId));
    await audit(tx, acting(user, access, input.ip), {
      action: "section.updated",
      targetType: "section",
      targetId: input.sectionId,
      consultationId: access.consultation.id,
      details: {
        from: {
          title: access.section.title,
          leadOrganisationId: access.section.leadOrganisationId,
          status: access.section.status,
        },
        to: values,
      },
    });
  });
}

/** Swaps a section with its neighbour above or below (moderators); audited. */
export async function moveSection(
  { db }: Services,
  user: User,
  input: { sectionId: string; direction: "up" | "down"; ip?: string },
) {
  const access = await sectionAccess(db, user, input.sectionId);
  requirePermission(access, "section.manage");
  await db.transaction(async (tx) => {
    const siblings = await tx
      .select({ id: sections.id, position: sections.position })
      .from(sections)
      .where(eq(sections.consultationId, access.consultation.id))
      .orderBy(asc(sections.position));
    const index = siblings.findIndex((s) => s.id === input.sectionId);
    const other = siblings[input.direction === "up" ? index - 1 : index + 1];
    if (!other) return;
    const mine = siblings[index];
    await tx.update(sections).set({ position: other.position }).where(eq(sections.id, mine.id));
    await tx.update(sections).set({ position: mine.position }).where(eq(sections.id, other.id));
    await audit(tx, acting(user, access, input.ip), {
      action: "section.moved",
      targetType: "section",
      targetId: input.sectionId,
      consultationId: access.consultation.id,
      details: { from: mine.position, to: other.position },
    });
  });
}
