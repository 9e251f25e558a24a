import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  sections,
  users,
  versionMeasures,
  versions,
  versionSections,
  type FrozenFeedbackRow,
  type FrozenPosition,
} from "#db/schema/index.ts";
import { acting, audit } from "#server/audit.ts";
import type { User } from "./user.ts";
import { consultationAccess, isUuid, requirePermission } from "./access.ts";
import { loadQueue } from "./consolidation.ts";
import { invalid, notFound } from "./errors.ts";
import { blocksToText, boundBlocks, type Block } from "#server/docs/content.ts";
import { latestReleasedRevisions } from "./read-models/released-positions.ts";
import { sectionView } from "./section-view.ts";
import { loadMeasureRows, type MeasureRow } from "./measures/rows.ts";
import { readableMeasure } from "./measures/readable.ts";
import {
  compareSnapshots,
  type MeasureField,
  type Snapshot,
  type SnapshotSection,
} from "./version-diff.ts";
import { cleanText } from "#common/text.ts";
import type { Services } from "#server/services.ts";

/** The current state of all sections and measures, as a version would keep it. */
export async function currentSnapshot(
  { db, docs }: Pick<Services, "db" | "docs">,
  consultationId: string,
): Promise<Snapshot> {
  const sectionRows = await db
    .select({ id: sections.id, title: sections.title, position: sections.position })
    .from(sections)
    .where(eq(sections.consultationId, consultationId))
    .orderBy(asc(sections.position));
  const snapshotSections: SnapshotSection[] = [];
  for (const s of sectionRows) {
    // The stored text (not a room's, which may hold updates not yet durable).
    const { blocks } = await sectionView({ docs }, s.id);
    snapshotSections.push({
      sectionId: s.id,
      position: s.position,
      title: s.title,
      blocks,
      text: blocksToText(blocks),
    });
  }
  // Archived measures are out of the plan, so out of every version frozen meanwhile.
  const measureRows = (await loadMeasureRows(db, consultationId)).filter(
    (m) => m.archivedAt === null,
  );
  return {
    sections: snapshotSections,
    measures: measureRows.map((m) => ({ measureId: m.id, code: m.code, fields: frozenFields(m) })),
  };
}

/**
 * A measure as a version keeps it. The keys and formats are stored in every frozen version and
 * compared across versions, so they never change: amounts as cents in text ("" when empty),
 * "yes"/"no" for the pilot flag, section titles without their numbers, no requirements. Built
 * from the one readable form (measures/readable.ts) of the one plan query (measures/rows.ts).
 */
function frozenFields(m: MeasureRow): Record<MeasureField, string> {
  const r = readableMeasure(m);
  const text = (value: number | null) => (value === null ? "" : String(value));
  return {
    code: r.code,
    title: r.title,
    description: r.description,
    leadOrganisation: r.leadOrganisation,
    partners: r.partners,
    start: r.start,
    end: r.end,
    costOneOffCents: text(r.costOneOff),
    costYearlyCents: text(r.costYearly),
    fundingProgramme: r.fundingProgramme,
    fundingStatus: r.fundingStatus,
    applicationDeadline: r.applicationDeadline ?? "",
    priority: r.priority,
    status: r.status,
    pilot: r.pilot ? "yes" : "no",
    sections: m.sections.map((s) => s.title).join(", "),
  };
}

/** The Abwägungstabelle and the positions summary as they stand now. */
async function currentRecords(db: Database, consultationId: string) {
  const queue = await loadQueue(db, consultationId);
  const feedback: FrozenFeedbackRow[] = queue.map((item) => ({
    kind: item.kind,
    sourceId: item.sourceId,
    reference: item.title,
    organisation: item.organisation,
    author: item.author,
    content: item.content,
    category: item.disposition?.category ?? null,
    justification: item.disposition?.justification ?? "",
  }));
  const positionRows: FrozenPosition[] = (
    await latestReleasedRevisions(db, { consultationId })
  ).map((row) => ({
    measureCode: row.measureCode,
    organisation: row.organisation,
    stance: row.stance,
    reasoning: row.reasoning,
    conditions: row.conditions,
  }));
  positionRows.sort(
    (a, b) =>
      a.measureCode.localeCompare(b.measureCode, "de") ||
      a.organisation.localeCompare(b.organisation, "de"),
  );
  return { feedback, positions: positionRows };
}

/**
 * Freezes all sections, measures, the Abwägungstabelle and released positions under a name that
 * is new in the consultation (moderators). There is deliberately no way to change or remove a
 * version afterwards.
 */
export async function freezeVersion(
  { db, docs }: Services,
  user: User,
  input: { consultationId: string; name: string; ip?: string | null },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "version.create");
  const name = cleanText(input.name).replace(/\s+/g, " ");
  if (!name) throw invalid({ name: "form.required" });
  if (name.length > 120) throw invalid({ name: "form.tooLong" });
  const [existing] = await db
    .select({ id: versions.id })
    .from(versions)
    .where(and(eq(versions.consultationId, input.consultationId), eq(versions.name, name)));
  if (existing) throw invalid({ name: "versions.duplicateName" });
  const snapshot = await currentSnapshot({ db, docs }, input.consultationId);
  const records = await currentRecords(db, input.consultationId);
  // The positions summary follows the frozen measures: none on archived ones.
  const frozenCodes = new Set(snapshot.measures.map((m) => m.code));
  records.positions = records.positions.filter((p) => frozenCodes.has(p.measureCode));
  const [author] = await db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
  const id = await db.transaction(async (tx) => {
    const [version] = await tx
      .insert(versions)
      .values({
        consultationId: input.consultationId,
        name,
        consultationTitle: access.consultation.title,
        feedback: records.feedback,
        positions: records.positions,
        frozenBy: user.id,
        frozenByName: author?.name ?? user.email,
      })
      .returning({ id: versions.id });
    if (snapshot.sections.length) {
      await tx
        .insert(versionSections)
        .values(snapshot.sections.map((s) => ({ versionId: version!.id, ...s })));
    }
    if (snapshot.measures.length) {
      await tx
        .insert(versionMeasures)
        .values(snapshot.measures.map((m) => ({ versionId: version!.id, ...m })));
    }
    await audit(tx, acting(user, access, input.ip ?? null), {
      action: "version.frozen",
      targetType: "version",
      targetId: version!.id,
      consultationId: input.consultationId,
      details: { name },
    });
    return version!.id;
  });
  return { id, name };
}

async function listVersions(db: Database, consultationId: string) {
  return db
    .select({
      id: versions.id,
      name: versions.name,
      frozenByName: versions.frozenByName,
      frozenAt: versions.frozenAt,
    })
    .from(versions)
    .where(eq(versions.consultationId, consultationId))
    .orderBy(desc(versions.frozenAt), desc(versions.name));
}

/** The versions page: every version with who froze it and when; all members may read it. */
export async function versionsPage({ db }: Services, user: User, consultationId: string) {
  const access = await consultationAccess(db, user, consultationId);
  requirePermission(access, "section.view");
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    versions: await listVersions(db, consultationId),
    permissions: { create: access.can("version.create"), export: access.can("export.create") },
  };
}

/** One stored version with everything it froze; not_found for other consultations' ids. */
export async function loadVersion(db: Database, consultationId: string, versionId: string) {
  if (!isUuid(versionId)) throw notFound("versions.notFound");
  const [version] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.id, versionId), eq(versions.consultationId, consultationId)));
  if (!version) throw notFound("versions.notFound");
  const [sectionRows, measureRows] = await Promise.all([
    db
      .select()
      .from(versionSections)
      .where(eq(versionSections.versionId, versionId))
      .orderBy(asc(versionSections.position)),
    db
      .select()
      .from(versionMeasures)
      .where(eq(versionMeasures.versionId, versionId))
      .orderBy(asc(versionMeasures.code)),
  ]);
  return {
    version,
    snapshot: {
      // Bounded again on reading: a version frozen before blocks were depth-bounded may nest deeper.
      sections: sectionRows.map((s) => ({ ...s, blocks: boundBlocks(s.blocks as Block[]) })),
      measures: measureRows,
    } satisfies Snapshot,
  };
}

/** One version for reading: its sections (or one section) and measures. */
export async function versionPage(
  { db }: Services,
  user: User,
  input: { consultationId: string; versionId: string; sectionId?: string | null },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "section.view");
  const { version, snapshot } = await loadVersion(db, input.consultationId, input.versionId);
  const sectionsShown = input.sectionId
    ? snapshot.sections.filter((s) => s.sectionId === input.sectionId)
    : snapshot.sections;
  if (input.sectionId && sectionsShown.length === 0) throw notFound("versions.sectionMissing");
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    version: {
      id: version.id,
      name: version.name,
      frozenAt: version.frozenAt,
      frozenByName: version.frozenByName,
    },
    sectionList: snapshot.sections.map((s) => ({ id: s.sectionId, title: s.title })),
    sections: sectionsShown,
    measures: input.sectionId ? [] : snapshot.measures,
    permissions: { export: access.can("export.create") },
  };
}

/** Compares two versions, or a version with the current state ("current"). */
export async function comparisonPage(
  { db, docs }: Services,
  user: User,
  input: { consultationId: string; from: string; to: string },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "section.view");
  const all = await listVersions(db, input.consultationId);
  const base = {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    versions: all,
    errors: {} as Record<string, string>,
  };
  if (!input.from || !input.to) return { ...base, comparison: null };
  // Explained on the compare page, next to the choice, instead of a bare error page.
  if (input.from === input.to)
    return { ...base, comparison: null, errors: { to: "versions.sameVersion" } };
  const side = async (id: string) =>
    id === "current"
      ? { name: null, snapshot: await currentSnapshot({ db, docs }, input.consultationId) }
      : await loadVersion(db, input.consultationId, id).then((v) => ({
          name: v.version.name,
          snapshot: v.snapshot,
        }));
  const [from, to] = await Promise.all([side(input.from), side(input.to)]);
  return {
    ...base,
    comparison: {
      fromName: from.name,
      toName: to.name,
      ...compareSnapshots(from.snapshot, to.snapshot),
    },
  };
}
