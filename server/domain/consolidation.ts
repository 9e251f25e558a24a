import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  dispositionItems,
  dispositions,
  measures,
  sections,
  type DispositionLink,
} from "#db/schema/index.ts";
import { dispositionCategories, type DispositionCategory } from "#common/vocabularies.ts";
import { acting, audit } from "#server/audit.ts";
import type { User } from "./user.ts";
import { consultationAccess, requirePermission } from "./access.ts";
import { DomainError, invalid } from "./errors.ts";
import { itemKey, type FeedbackItem } from "./feedback/feedback-item.ts";
import { loadFeedbackItems } from "./feedback/items.ts";
import { isOneOf } from "./values.ts";
import { cleanText } from "#common/text.ts";
import type { Services } from "#server/services.ts";
import { dispositionState, isDisposed } from "#common/dispositions.ts";

/**
 * The consolidation phase: the queue of feedback items (server/domain/feedback/) with their
 * dispositions, the workspace page, writing and publishing dispositions, and what each
 * organisation sees of the answers to its own feedback.
 */

export interface DispositionView {
  id: string;
  category: DispositionCategory;
  justification: string;
  links: DispositionLink[];
  publishedAt: Date | null;
  /** Keys of all items sharing this disposition. */
  itemKeys: string[];
}

export type QueueItem = FeedbackItem & { disposition: DispositionView | null };

/** The dispositions of a consultation by item key. */
async function loadDispositions(db: Database, consultationId: string) {
  const rows = await db
    .select({
      id: dispositions.id,
      category: dispositions.category,
      justification: dispositions.justification,
      links: dispositions.links,
      publishedAt: dispositions.publishedAt,
      kind: dispositionItems.kind,
      sourceId: dispositionItems.sourceId,
    })
    .from(dispositions)
    .innerJoin(dispositionItems, eq(dispositionItems.dispositionId, dispositions.id))
    .where(eq(dispositions.consultationId, consultationId));
  const byId = new Map<string, DispositionView>();
  const byItem = new Map<string, DispositionView>();
  for (const row of rows) {
    let view = byId.get(row.id);
    if (!view) {
      view = {
        id: row.id,
        category: row.category,
        justification: row.justification,
        links: row.links,
        publishedAt: row.publishedAt,
        itemKeys: [],
      };
      byId.set(row.id, view);
    }
    const key = itemKey(row.kind, row.sourceId);
    view.itemKeys.push(key);
    byItem.set(key, view);
  }
  return byItem;
}

/** Every feedback item with its disposition, if it has one. */
export async function loadQueue(db: Database, consultationId: string): Promise<QueueItem[]> {
  const [items, byItem] = await Promise.all([
    loadFeedbackItems(db, consultationId),
    loadDispositions(db, consultationId),
  ]);
  return items.map((item) => ({ ...item, disposition: byItem.get(item.key) ?? null }));
}

export interface QueueQuery {
  section: string;
  measure: string;
  organisation: string;
  kind: string;
  category: string;
  state: string;
}

export function parseQueueQuery(params: URLSearchParams): QueueQuery {
  const get = (name: string) => (params.get(name) ?? "").trim();
  return {
    section: get("section"),
    measure: get("measure"),
    organisation: get("organisation"),
    kind: get("kind"),
    category: get("category"),
    state: get("state"),
  };
}

export function applyQueueQuery(items: QueueItem[], query: QueueQuery): QueueItem[] {
  return items.filter(
    (item) =>
      (!query.section || item.sectionIds.includes(query.section)) &&
      (!query.measure || item.measureIds.includes(query.measure)) &&
      (!query.organisation || item.organisationId === query.organisation) &&
      (!query.kind || item.kind === query.kind) &&
      (!query.category || item.disposition?.category === query.category) &&
      (!query.state || dispositionState(item) === query.state),
  );
}

/** Items with a justified disposition and all items. */
export function progress(items: QueueItem[]) {
  return { done: items.filter(isDisposed).length, total: items.length };
}

/** The consolidation workspace (moderators): the filtered queue, progress and link targets. */
export async function consolidationPage(
  { db }: Services,
  user: User,
  consultationId: string,
  query: QueueQuery,
) {
  const access = await consultationAccess(db, user, consultationId);
  requirePermission(access, "disposition.edit");
  const queue = await loadQueue(db, consultationId);
  const [sectionRows, measureRows] = await Promise.all([
    db
      .select({ id: sections.id, title: sections.title })
      .from(sections)
      .where(eq(sections.consultationId, consultationId))
      .orderBy(asc(sections.position)),
    db
      .select({ id: measures.id, code: measures.code, title: measures.title })
      .from(measures)
      .where(eq(measures.consultationId, consultationId))
      .orderBy(asc(measures.code)),
  ]);
  const organisationMap = new Map<string, string>();
  for (const item of queue)
    if (item.organisationId) organisationMap.set(item.organisationId, item.organisation);
  return {
    consultation: {
      id: access.consultation.id,
      title: access.consultation.title,
      phase: access.consultation.phase,
    },
    items: applyQueueQuery(queue, query),
    progress: progress(queue),
    /** Unpublished dispositions without a justification (from before it was required). */
    unjustified: queue
      .filter((i) => i.disposition && !i.disposition.publishedAt && !isDisposed(i))
      .map((i) => ({ key: i.key, title: i.title, kind: i.kind })),
    unpublished: new Set(
      queue
        .filter((i) => i.disposition && !i.disposition.publishedAt)
        .map((i) => i.disposition!.id),
    ).size,
    options: {
      sections: sectionRows,
      measures: measureRows,
      organisations: [...organisationMap.entries()]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name, "de")),
      suggestions: queue
        .filter((i) => i.kind === "suggestion")
        .map((i) => ({ id: i.sourceId, title: i.title })),
    },
    permissions: {
      publish: access.can("disposition.publish"),
      export: access.can("export.create"),
      versions: access.can("version.create"),
    },
  };
}

export interface DispositionInput {
  consultationId: string;
  /** Item keys ("kind:sourceId") that share this disposition. */
  items: string[];
  category: string;
  justification: string;
  /** "measure:<id>", "section:<id>" or "suggestion:<id>". */
  links: string[];
  ip?: string | null;
}

/**
 * Sets one disposition for the given items (grouping them); their previous dispositions lose
 * these items and disappear when no item is left. A changed disposition is unpublished again.
 */
export async function setDisposition({ db }: Services, user: User, input: DispositionInput) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "disposition.edit");
  const errors: Record<string, string> = {};
  const keys = [...new Set(input.items)];
  if (keys.length === 0) errors.items = "consolidation.noItems";
  if (!isOneOf(dispositionCategories, input.category)) errors.category = "form.required";
  if (cleanText(input.justification) === "") errors.justification = "form.required";
  const queue = await loadQueue(db, input.consultationId);
  const known = new Map(queue.map((i) => [i.key, i]));
  if (keys.some((k) => !known.has(k))) errors.items = "consolidation.unknownItem";
  const [sectionRows, measureRows] = await Promise.all([
    db
      .select({ id: sections.id, title: sections.title })
      .from(sections)
      .where(eq(sections.consultationId, input.consultationId)),
    db
      .select({ id: measures.id, code: measures.code })
      .from(measures)
      .where(eq(measures.consultationId, input.consultationId)),
  ]);
  const links: DispositionLink[] = [];
  for (const raw of new Set(input.links.filter(Boolean))) {
    const [type, target = ""] = raw.split(":");
    const section = type === "section" ? sectionRows.find((s) => s.id === target) : undefined;
    const measure = type === "measure" ? measureRows.find((m) => m.id === target) : undefined;
    const suggestion = type === "suggestion" ? known.get(itemKey("suggestion", target)) : undefined;
    if (section) links.push({ type: "section", target, label: section.title });
    else if (measure) links.push({ type: "measure", target, label: measure.code });
    else if (suggestion) links.push({ type: "suggestion", target, label: suggestion.title });
    else errors.links = "form.invalid";
  }
  if (Object.keys(errors).length) throw invalid(errors);
  const category = input.category as DispositionCategory;
  const justification = cleanText(input.justification);
  const id = await db.transaction(async (tx) => {
    const previous = [
      ...new Set(keys.map((k) => known.get(k)!.disposition?.id).filter((d): d is string => !!d)),
    ];
    const [created] = await tx
      .insert(dispositions)
      .values({
        consultationId: input.consultationId,
        category,
        justification,
        links,
        authorId: user.id,
      })
      .returning({ id: dispositions.id });
    for (const key of keys) {
      const item = known.get(key)!;
      await tx
        .insert(dispositionItems)
        .values({ kind: item.kind, sourceId: item.sourceId, dispositionId: created!.id })
        .onConflictDoUpdate({
          target: [dispositionItems.kind, dispositionItems.sourceId],
          set: { dispositionId: created!.id },
        });
    }
    if (previous.length) {
      await tx
        .delete(dispositions)
        .where(
          and(
            inArray(dispositions.id, previous),
            sql`not exists (select 1 from ${dispositionItems} where ${dispositionItems.dispositionId} = ${dispositions.id})`,
          ),
        );
    }
    await audit(tx, acting(user, access, input.ip ?? null), {
      action: "disposition.set",
      targetType: "disposition",
      targetId: created!.id,
      consultationId: input.consultationId,
      details: { items: keys, category, justification, links },
    });
    return created!.id;
  });
  return { id };
}

/**
 * Publishes every unpublished disposition of the consultation. Refused as a whole when any of
 * them has no justification, so organisations never see an unexplained answer.
 */
export async function publishDispositions(
  { db }: Services,
  user: User,
  input: { consultationId: string; ip?: string | null },
) {
  const access = await consultationAccess(db, user, input.consultationId);
  requirePermission(access, "disposition.publish");
  const pending = await db
    .select({ id: dispositions.id, justification: dispositions.justification })
    .from(dispositions)
    .where(
      and(eq(dispositions.consultationId, input.consultationId), isNull(dispositions.publishedAt)),
    );
  if (pending.length === 0) throw new DomainError("conflict", "consolidation.nothingToPublish");
  const empty = pending.filter((d) => d.justification.trim() === "");
  if (empty.length) throw invalid({ justification: "consolidation.emptyJustification" });
  await db.transaction(async (tx) => {
    await tx
      .update(dispositions)
      .set({ publishedAt: sql`now()`, publishedBy: user.id })
      .where(
        inArray(
          dispositions.id,
          pending.map((d) => d.id),
        ),
      );
    await audit(tx, acting(user, access, input.ip ?? null), {
      action: "disposition.published",
      targetType: "consultation",
      targetId: input.consultationId,
      consultationId: input.consultationId,
      details: { dispositions: pending.map((d) => d.id) },
    });
  });
  return { published: pending.length };
}

/**
 * The published dispositions of the user's organisation's own items; moderators see every
 * published disposition.
 */
export async function ownDispositionsPage({ db }: Services, user: User, consultationId: string) {
  const access = await consultationAccess(db, user, consultationId);
  requirePermission(access, "consultation.view");
  const queue = await loadQueue(db, consultationId);
  const everything = access.can("disposition.edit");
  return {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    items: queue.filter(
      (i) =>
        i.disposition?.publishedAt &&
        (everything ||
          (access.organisationId !== null && i.organisationId === access.organisationId)),
    ),
  };
}

/** Items without a justified disposition; the phase gate to "submission" needs this to be empty. */
export async function missingDispositions({ db }: Pick<Services, "db">, consultationId: string) {
  return (await loadQueue(db, consultationId)).filter((i) => !isDisposed(i));
}
