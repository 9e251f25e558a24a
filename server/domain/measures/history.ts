import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  measureRevisions,
  organisations,
  requirements,
  sections,
  users,
} from "#db/schema/index.ts";
import { collator } from "./query.ts";
import { measureHistoryFields, readableMeasure, type ReadableMeasure } from "./readable.ts";
import type { MeasureRow } from "./rows.ts";
import type { MeasureValues } from "./validation.ts";

/** A measure's recorded changes: per field, what it was and what it became. */
export type MeasureChanges = Record<string, { from: unknown; to: unknown }>;

/** The readable form of a loaded measure as the history records it (partners by name). */
export function rowSnapshot(row: MeasureRow): ReadableMeasure {
  return readableMeasure({
    ...row,
    partners: [...row.partners].sort((a, b) => collator.compare(a.name, b.name)),
  });
}

/** The readable form of validated values: names looked up for the ids. */
export async function valuesSnapshot(
  db: Database,
  values: MeasureValues,
): Promise<ReadableMeasure> {
  const orgIds = [values.leadOrganisationId, ...values.partnerOrganisationIds];
  const [orgRows, sectionRows, requirementRows] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, orgIds)),
    values.sectionIds.length
      ? db
          .select({ id: sections.id, title: sections.title, position: sections.position })
          .from(sections)
          .where(inArray(sections.id, values.sectionIds))
          .orderBy(asc(sections.position))
      : Promise.resolve([]),
    values.requirementIds.length
      ? db
          .select({ id: requirements.id, title: requirements.title })
          .from(requirements)
          .where(inArray(requirements.id, values.requirementIds))
          .orderBy(asc(requirements.title))
      : Promise.resolve([]),
  ]);
  const name = (id: string) => orgRows.find((o) => o.id === id)?.name ?? id;
  return readableMeasure({
    ...values,
    leadOrganisation: name(values.leadOrganisationId),
    partners: values.partnerOrganisationIds
      .map((id) => ({ name: name(id) }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    sections: sectionRows,
    requirements: requirementRows,
  });
}

/**
 * The fields that differ between two readable forms; for a new measure (no `before`), the fields
 * that are not empty.
 */
export function diff(before: ReadableMeasure | null, after: ReadableMeasure): MeasureChanges {
  const changes: MeasureChanges = {};
  for (const field of measureHistoryFields) {
    const from = before ? before[field] : null;
    const to = after[field];
    const empty = (v: unknown) => v === null || v === "" || v === false;
    if (before ? from !== to : !empty(to)) changes[field] = { from, to };
  }
  return changes;
}

/** A measure's change history, newest first, each entry's fields in the form's order. */
export async function measureHistory(db: Database, measureId: string) {
  const history = await db
    .select({
      id: measureRevisions.id,
      kind: measureRevisions.kind,
      changes: measureRevisions.changes,
      createdAt: measureRevisions.createdAt,
      author: users.name,
      organisation: organisations.name,
    })
    .from(measureRevisions)
    .leftJoin(users, eq(users.id, measureRevisions.authorId))
    .leftJoin(organisations, eq(organisations.id, measureRevisions.organisationId))
    .where(eq(measureRevisions.measureId, measureId))
    .orderBy(desc(measureRevisions.id));
  // jsonb does not keep key order, so the fields come back in the form's order.
  return history.map(({ changes, ...entry }) => ({
    ...entry,
    changes: measureHistoryFields
      .filter((field) => field in changes)
      .map((field) => ({ field, from: changes[field]!.from, to: changes[field]!.to })),
  }));
}
