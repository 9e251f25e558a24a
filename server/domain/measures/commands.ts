import { eq, sql } from "drizzle-orm";
import type { Tx } from "#db/client.ts";
import {
  measurePartners,
  measureRevisions,
  measures,
  measureSections,
  requirementMeasures,
} from "#db/schema/index.ts";
import { acting, audit } from "#server/audit.ts";
import type { Services } from "#server/services.ts";
import { consultationAccess, isUuid, requirePermission } from "../access.ts";
import { DomainError, notFound } from "../errors.ts";
import type { User } from "../user.ts";
import { diff, rowSnapshot, valuesSnapshot } from "./history.ts";
import { loadMeasureRows } from "./rows.ts";
import { validateMeasure, type MeasureInput, type MeasureValues } from "./validation.ts";

/** Replaces the measure's partners, sections and requirements with the given ones. */
async function writeLinks(tx: Tx, measureId: string, values: MeasureValues) {
  await tx.delete(measurePartners).where(eq(measurePartners.measureId, measureId));
  await tx.delete(measureSections).where(eq(measureSections.measureId, measureId));
  await tx.delete(requirementMeasures).where(eq(requirementMeasures.measureId, measureId));
  if (values.partnerOrganisationIds.length) {
    await tx
      .insert(measurePartners)
      .values(
        values.partnerOrganisationIds.map((organisationId) => ({ measureId, organisationId })),
      );
  }
  if (values.sectionIds.length) {
    await tx
      .insert(measureSections)
      .values(values.sectionIds.map((sectionId) => ({ measureId, sectionId })));
  }
  if (values.requirementIds.length) {
    await tx
      .insert(requirementMeasures)
      .values(values.requirementIds.map((requirementId) => ({ measureId, requirementId })));
  }
}

/** The values that are columns of the measures table (the rest are links). */
function columns(values: MeasureValues) {
  const {
    partnerOrganisationIds: _partners,
    sectionIds: _sections,
    requirementIds: _requirements,
    ...rest
  } = values;
  return rest;
}

/** Creates a measure (moderators, editors) with its first history entry; audited. Returns its id. */
export async function createMeasure(
  { db, events }: Services,
  user: User,
  input: MeasureInput & { consultationId: string; ip?: string },
  now = new Date(),
): Promise<string> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  requirePermission(access, "measure.edit");
  const values = await validateMeasure(db, input.consultationId, input, null, now);
  const after = await valuesSnapshot(db, values);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(measures)
      .values({ ...columns(values), consultationId: input.consultationId, createdBy: user.id })
      .returning({ id: measures.id });
    const measureId = row!.id;
    await writeLinks(tx, measureId, values);
    await tx.insert(measureRevisions).values({
      measureId,
      authorId: user.id,
      organisationId: access.organisationId,
      kind: "created",
      changes: diff(null, after),
    });
    await audit(tx, acting(user, access, input.ip), {
      action: "measure.created",
      targetType: "measure",
      targetId: measureId,
      consultationId: input.consultationId,
      details: { code: values.code },
    });
    return measureId;
  });
  events.publish({
    type: "measure.changed",
    consultationId: input.consultationId,
    subjectId: id,
  });
  return id;
}

/** Saves changes to a measure and records each changed field in its history; audited. */
export async function updateMeasure(
  { db, events }: Services,
  user: User,
  input: MeasureInput & { consultationId: string; measureId: string; ip?: string },
  now = new Date(),
): Promise<void> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  requirePermission(access, "measure.edit");
  if (!isUuid(input.measureId)) throw notFound();
  const [current] = await loadMeasureRows(db, input.consultationId, input.measureId);
  if (!current) throw notFound();
  if (current.archivedAt) throw new DomainError("conflict", "archive.readOnly");
  const values = await validateMeasure(db, input.consultationId, input, current, now);
  const changes = diff(rowSnapshot(current), await valuesSnapshot(db, values));
  if (Object.keys(changes).length === 0) return;
  await db.transaction(async (tx) => {
    await tx
      .update(measures)
      .set({ ...columns(values), updatedAt: sql`now()` })
      .where(eq(measures.id, input.measureId));
    await writeLinks(tx, input.measureId, values);
    await tx.insert(measureRevisions).values({
      measureId: input.measureId,
      authorId: user.id,
      organisationId: access.organisationId,
      kind: "updated",
      changes,
    });
    await audit(tx, acting(user, access, input.ip), {
      action: "measure.updated",
      targetType: "measure",
      targetId: input.measureId,
      consultationId: input.consultationId,
      details: { code: values.code, fields: Object.keys(changes) },
    });
  });
  events.publish({
    type: "measure.changed",
    consultationId: input.consultationId,
    subjectId: input.measureId,
  });
}
