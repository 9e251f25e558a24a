import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "#db/client.ts";
import {
  dispositions,
  measureRevisions,
  measures,
  positions,
  requirementMeasures,
} from "#db/schema/index.ts";
import { acting, audit } from "#server/audit.ts";
import type { Services } from "#server/services.ts";
import { consultationAccess, isUuid, requirePermission } from "../access.ts";
import { DomainError, notFound } from "../errors.ts";
import type { User } from "../user.ts";

/** Refusals of the archive use cases; each code is a catalogue key the page shows. */
const conflict = (code: string) => new DomainError("conflict", code);

interface Input {
  consultationId: string;
  measureId: string;
  ip?: string;
}

async function findMeasure(db: Database, input: Input) {
  if (!isUuid(input.measureId)) throw notFound();
  const [measure] = await db
    .select({
      id: measures.id,
      code: measures.code,
      title: measures.title,
      archivedAt: measures.archivedAt,
    })
    .from(measures)
    .where(
      and(eq(measures.id, input.measureId), eq(measures.consultationId, input.consultationId)),
    );
  if (!measure) throw notFound();
  return measure;
}

/**
 * What still refers to a measure: organisations' positions (drafts too), requirements that name
 * it and dispositions that link to it. A measure may be deleted only when all are zero; else it
 * can only be archived, so nothing anyone wrote about it disappears.
 */
export async function measureReferences(
  db: Database | Tx,
  consultationId: string,
  measureId: string,
) {
  // One query, so the measure page reads the database a fixed number of times.
  const links = JSON.stringify([{ type: "measure", target: measureId }]);
  const [row] = await db
    .select({
      positions: sql<number>`(select count(*)::int from ${positions} where ${positions.measureId} = ${measureId})`,
      requirements: sql<number>`(select count(*)::int from ${requirementMeasures} where ${requirementMeasures.measureId} = ${measureId})`,
      dispositions: sql<number>`(select count(*)::int from ${dispositions} where ${dispositions.consultationId} = ${consultationId} and ${dispositions.links} @> ${links}::jsonb)`,
    })
    .from(measures)
    .where(eq(measures.id, measureId));
  return {
    positions: row?.positions ?? 0,
    requirements: row?.requirements ?? 0,
    dispositions: row?.dispositions ?? 0,
  };
}

/** True when nothing refers to the measure any more (see {@link measureReferences}). */
export const deletable = (refs: Awaited<ReturnType<typeof measureReferences>>) =>
  refs.positions === 0 && refs.requirements === 0 && refs.dispositions === 0;

/**
 * Archives or restores a measure (moderators and editors while measures may change). An archived
 * measure leaves the plan, the timeline, the CSV and new versions; its page stays readable, it
 * can no longer be edited and its positions no longer change. Recorded in its history and audited.
 */
async function setArchived(
  { db, events }: Services,
  user: User,
  input: Input,
  archive: boolean,
  now: Date,
): Promise<void> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  requirePermission(access, "measure.archive");
  const measure = await findMeasure(db, input);
  if (archive && measure.archivedAt) throw conflict("archive.alreadyArchived");
  if (!archive && !measure.archivedAt) throw conflict("archive.notArchived");
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(measures)
      .set(
        archive
          ? { archivedAt: sql`now()`, archivedBy: user.id, updatedAt: sql`now()` }
          : { archivedAt: null, archivedBy: null, updatedAt: sql`now()` },
      )
      .where(
        and(
          eq(measures.id, measure.id),
          archive ? isNull(measures.archivedAt) : isNotNull(measures.archivedAt),
        ),
      )
      .returning({ id: measures.id });
    // Someone else archived or restored it in the meantime.
    if (!changed) throw conflict(archive ? "archive.alreadyArchived" : "archive.notArchived");
    await tx.insert(measureRevisions).values({
      measureId: measure.id,
      authorId: user.id,
      organisationId: access.organisationId,
      kind: archive ? "archived" : "restored",
      changes: {},
    });
    await audit(tx, acting(user, access, input.ip), {
      action: archive ? "measure.archived" : "measure.restored",
      targetType: "measure",
      targetId: measure.id,
      consultationId: input.consultationId,
      details: { code: measure.code },
    });
  });
  events.publish({
    type: "measure.changed",
    consultationId: input.consultationId,
    subjectId: measure.id,
  });
}

export const archiveMeasure = (services: Services, user: User, input: Input, now = new Date()) =>
  setArchived(services, user, input, true, now);

export const restoreMeasure = (services: Services, user: User, input: Input, now = new Date()) =>
  setArchived(services, user, input, false, now);

/**
 * Deletes a measure for good (moderators only), with its history and links. Refused while
 * positions, requirements or dispositions refer to it: such a measure can only be archived.
 * Frozen versions keep their own copy. Audited with code and title.
 */
export async function deleteMeasure(
  { db, events }: Services,
  user: User,
  input: Input,
  now = new Date(),
): Promise<{ code: string }> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  requirePermission(access, "measure.delete");
  const measure = await findMeasure(db, input);
  await db.transaction(async (tx) => {
    // Checked inside the transaction, after locking the row: a position recorded meanwhile wins.
    await tx
      .select({ id: measures.id })
      .from(measures)
      .where(eq(measures.id, measure.id))
      .for("update");
    const refs = await measureReferences(
      tx as unknown as Database,
      input.consultationId,
      measure.id,
    );
    if (refs.positions > 0) throw conflict("archive.deleteHasPositions");
    if (!deletable(refs)) throw conflict("archive.deleteReferenced");
    await tx.delete(measures).where(eq(measures.id, measure.id));
    await audit(tx, acting(user, access, input.ip), {
      action: "measure.deleted",
      targetType: "measure",
      targetId: measure.id,
      consultationId: input.consultationId,
      details: { code: measure.code, title: measure.title },
    });
  });
  events.publish({
    type: "measure.changed",
    consultationId: input.consultationId,
    subjectId: measure.id,
  });
  return { code: measure.code };
}
