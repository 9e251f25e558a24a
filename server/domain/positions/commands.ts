import { and, desc, eq, sql } from "drizzle-orm";
import { positionRevisions, positions } from "#db/schema/index.ts";
import { stances, type Stance } from "#common/vocabularies.ts";
import { acting, audit } from "#server/audit.ts";
import type { Services } from "#server/services.ts";
import { consultationAccess, positionResource, requirePermission } from "../access.ts";
import { DomainError, forbidden, invalid } from "../errors.ts";
import { cleanText } from "#common/text.ts";
import type { User } from "../user.ts";
import { isOneOf, parseEuro } from "../values.ts";
import { findMeasure } from "./revisions.ts";

export interface PositionInput {
  consultationId: string;
  measureId: string;
  stance: string;
  reasoning: string;
  conditions: string;
  costImpact: string;
  /** Release right away (needs the release right). */
  release: boolean;
  ip?: string;
}

/**
 * Saves a new revision of the user's organisation's position: a draft, or released at once when
 * asked by someone with the release right. "Zustimmung mit Auflagen" needs conditions. Audited;
 * a release is announced to open pages after the commit.
 */
export async function recordPosition(
  { db, events }: Services,
  user: User,
  input: PositionInput,
  now = new Date(),
): Promise<number> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  const measure = await findMeasure(db, input.consultationId, input.measureId);
  if (!access.organisationId) throw forbidden("other_organisation");
  if (measure.archived) throw new DomainError("conflict", "archive.positionsClosed");
  const organisationId = access.organisationId;
  const resource = positionResource(access, organisationId);
  requirePermission({ actor: access.actor, resource }, "position.record");
  if (input.release) requirePermission({ actor: access.actor, resource }, "position.release");

  const errors: Record<string, string> = {};
  const reasoning = cleanText(input.reasoning.replace(/\r\n/g, "\n"));
  const conditions = cleanText(input.conditions.replace(/\r\n/g, "\n"));
  if (!isOneOf(stances, input.stance)) errors.stance = "positions.error.stance";
  if (reasoning.length > 10_000) errors.reasoning = "form.tooLong";
  if (conditions.length > 10_000) errors.conditions = "form.tooLong";
  if (input.stance === "approve_with_conditions" && !conditions) {
    errors.conditions = "positions.error.conditionsRequired";
  }
  const costImpact = parseEuro(input.costImpact, true);
  if (costImpact === null) errors.costImpact = "measures.error.amount";
  if (Object.keys(errors).length > 0) throw invalid(errors);

  const revisionId = await db.transaction(async (tx) => {
    await tx
      .insert(positions)
      .values({ measureId: measure.id, organisationId })
      .onConflictDoUpdate({
        target: [positions.measureId, positions.organisationId],
        set: { updatedAt: sql`now()` },
      });
    const [position] = await tx
      .select({ id: positions.id })
      .from(positions)
      .where(
        and(eq(positions.measureId, measure.id), eq(positions.organisationId, organisationId)),
      );
    const [revision] = await tx
      .insert(positionRevisions)
      .values({
        positionId: position!.id,
        stance: input.stance as Stance,
        reasoning,
        conditions,
        costImpactCents: costImpact ?? null,
        authorId: user.id,
        releasedBy: input.release ? user.id : null,
        releasedAt: input.release ? now : null,
      })
      .returning({ id: positionRevisions.id });
    await audit(tx, acting(user, { organisationId: organisationId }, input.ip), {
      action: input.release ? "position.released" : "position.drafted",
      targetType: "position",
      targetId: position!.id,
      consultationId: input.consultationId,
      details: { measure: measure.code, revisionId: revision!.id, stance: input.stance },
    });
    return revision!.id;
  });
  events.publish({
    type: input.release ? "position.released" : "position.drafted",
    consultationId: input.consultationId,
    subjectId: measure.id,
    // A draft concerns its organisation (and those who monitor drafts) only.
    draftOf: input.release ? undefined : organisationId,
  });
  return revisionId;
}

/**
 * Releases the organisation's newest draft revision (release right needed). An older draft that a
 * newer revision has replaced cannot be released. Audited; announced after the commit.
 */
export async function releasePosition(
  { db, events }: Services,
  user: User,
  input: { consultationId: string; measureId: string; revisionId: string; ip?: string },
  now = new Date(),
): Promise<void> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  const measure = await findMeasure(db, input.consultationId, input.measureId);
  if (!access.organisationId) throw forbidden("other_organisation");
  if (measure.archived) throw new DomainError("conflict", "archive.positionsClosed");
  const organisationId = access.organisationId;
  requirePermission(
    { actor: access.actor, resource: positionResource(access, organisationId) },
    "position.release",
  );
  const revisionId = Number(input.revisionId);
  if (!Number.isSafeInteger(revisionId)) throw invalid({ revisionId: "form.invalid" });
  const [position] = await db
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.measureId, measure.id), eq(positions.organisationId, organisationId)));
  if (!position) throw invalid({ revisionId: "form.invalid" });
  await db.transaction(async (tx) => {
    const [newest] = await tx
      .select({ id: positionRevisions.id, releasedAt: positionRevisions.releasedAt })
      .from(positionRevisions)
      .where(eq(positionRevisions.positionId, position.id))
      .orderBy(desc(positionRevisions.id))
      .limit(1)
      .for("update");
    if (!newest || newest.id !== revisionId) {
      throw new DomainError("conflict", "positions.error.notNewest");
    }
    if (newest.releasedAt !== null) throw new DomainError("conflict", "positions.error.released");
    await tx
      .update(positionRevisions)
      .set({ releasedBy: user.id, releasedAt: now })
      .where(eq(positionRevisions.id, revisionId));
    await tx
      .update(positions)
      .set({ updatedAt: sql`now()` })
      .where(eq(positions.id, position.id));
    await audit(tx, acting(user, { organisationId: organisationId }, input.ip), {
      action: "position.released",
      targetType: "position",
      targetId: position.id,
      consultationId: input.consultationId,
      details: { measure: measure.code, revisionId },
    });
  });
  events.publish({
    type: "position.released",
    consultationId: input.consultationId,
    subjectId: measure.id,
  });
}
