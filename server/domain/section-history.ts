import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  consultationMembers,
  docSnapshots,
  docUpdates,
  organisations,
  users,
  versions,
} from "#db/schema/index.ts";
import {
  attributeText,
  type AttributedBlock,
  type AttributedRow,
} from "#server/docs/attribution.ts";
import type { Services } from "#server/services.ts";
import { requirePermission, sectionAccess } from "./access.ts";
import { notFound } from "./errors.ts";
import type { User } from "./user.ts";

/**
 * The most log rows and bytes one history page replays. The collab server folds the log into a
 * snapshot after `compactAfterRows` (500) rows, so a section's log stays well below this unless
 * compaction keeps failing; beyond it the page says so instead of blocking the process.
 */
export const HISTORY_MAX_ROWS = 5000;
export const HISTORY_MAX_BYTES = 32 * 1024 * 1024;
/** Longest passage text the list view shows in full. */
const EXCERPT_CHARS = 300;

/** A point of the history: the start of the log, a frozen version, or now. */
export type HistoryPoint = "start" | "now" | string;

export interface HistoryAuthor {
  /** 1-based marker shown next to every passage of this author (not colour alone). */
  marker: number;
  /** null: the starter text, written by no person. */
  userId: string | null;
  name: string | null;
  organisation: string | null;
  passages: { kind: "ins" | "del"; text: string; first: Date; last: Date }[];
}

export interface HistoryRun {
  kind: "same" | "ins" | "del";
  text: string;
  /** The author's marker for "ins" and "del" runs. */
  marker: number | null;
  at: Date | null;
}

export interface HistoryResult {
  blocks: { kind: AttributedBlock["kind"]; runs: HistoryRun[] }[];
  authors: HistoryAuthor[];
  /** When the log was last folded into a snapshot, if text from before it shows unmarked. */
  compactedAt: Date | null;
}

interface Versions {
  id: string;
  name: string;
  frozenAt: Date;
}

/** The stored log of a document with its attribution, or null when it is too long to replay. */
async function readLog(services: Services, docName: string) {
  const read = async () => {
    const [size] = await services.db
      .select({
        rows: sql<number>`count(*)::int`,
        bytes: sql<number>`coalesce(sum(octet_length(${docUpdates.update})), 0)::bigint`,
      })
      .from(docUpdates)
      .where(eq(docUpdates.docName, docName));
    if (Number(size!.rows) > HISTORY_MAX_ROWS || Number(size!.bytes) > HISTORY_MAX_BYTES) {
      return null;
    }
    const rows = await services.db
      .select({ update: docUpdates.update, userId: docUpdates.userId, at: docUpdates.createdAt })
      .from(docUpdates)
      .where(eq(docUpdates.docName, docName))
      .orderBy(asc(docUpdates.id));
    const [snapshot] = await services.db
      .select({ state: docSnapshots.state, at: docSnapshots.updatedAt })
      .from(docSnapshots)
      .where(eq(docSnapshots.docName, docName));
    return { rows: rows as AttributedRow[], snapshot: snapshot ?? null };
  };
  const first = await read();
  if (first && first.rows.length === 0 && !first.snapshot) {
    // Never opened yet: loading gives the document its starter text (SeedingStorage).
    await services.docs.load(docName);
    return read();
  }
  return first;
}

/** How many rows (oldest first) lie at or before the point; `time` null means all of them. */
function rowsUpTo(rows: AttributedRow[], time: Date | null): number {
  if (!time) return rows.length;
  const index = rows.findIndex((r) => r.at.getTime() > time.getTime());
  return index === -1 ? rows.length : index;
}

/** Names and organisations (as members of this consultation) of the given users. */
async function authorsOf(services: Services, consultationId: string, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, { name: string; organisation: string | null }>();
  const rows = await services.db
    .select({ id: users.id, name: users.name, organisation: organisations.name })
    .from(users)
    .leftJoin(
      consultationMembers,
      and(
        eq(consultationMembers.userId, users.id),
        eq(consultationMembers.consultationId, consultationId),
      ),
    )
    .leftJoin(organisations, eq(organisations.id, consultationMembers.organisationId))
    .where(inArray(users.id, userIds));
  return new Map(rows.map((r) => [r.id, { name: r.name, organisation: r.organisation }]));
}

function excerpt(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > EXCERPT_CHARS ? `${clean.slice(0, EXCERPT_CHARS)}…` : clean;
}

/** Attributed blocks → runs merged per author, the legend and the list of passages per author. */
async function present(
  services: Services,
  consultationId: string,
  rows: AttributedRow[],
  blocks: AttributedBlock[],
  compactedAt: Date | null,
): Promise<HistoryResult> {
  const order: (string | null)[] = [];
  for (const block of blocks) {
    for (const run of block.runs) {
      if (run.row === null) continue;
      const userId = rows[run.row]!.userId;
      if (!order.includes(userId)) order.push(userId);
    }
  }
  const people = await authorsOf(
    services,
    consultationId,
    order.filter((id): id is string => id !== null),
  );
  const authors: HistoryAuthor[] = order.map((userId, i) => ({
    marker: i + 1,
    userId,
    name: userId === null ? null : (people.get(userId)?.name ?? null),
    organisation: userId === null ? null : (people.get(userId)?.organisation ?? null),
    passages: [],
  }));
  const byUser = new Map(authors.map((a) => [a.userId, a]));
  const outBlocks = blocks.map((block) => {
    const runs: (HistoryRun & { first: Date | null })[] = [];
    for (const run of block.runs) {
      const row = run.row === null ? null : rows[run.row]!;
      const marker = row ? byUser.get(row.userId)!.marker : null;
      const at = row?.at ?? null;
      const last = runs[runs.length - 1];
      // Adjacent passages of one author and kind read as one, whichever rows they came from.
      if (last && last.kind === run.kind && last.marker === marker) {
        last.text += run.text;
        if (at && (!last.at || at > last.at)) last.at = at;
        if (at && (!last.first || at < last.first)) last.first = at;
      } else runs.push({ kind: run.kind, text: run.text, marker, at, first: at });
    }
    for (const run of runs) {
      if (run.kind === "same" || run.marker === null || run.text.trim() === "") continue;
      authors[run.marker - 1]!.passages.push({
        kind: run.kind,
        text: excerpt(run.text),
        first: run.first!,
        last: run.at!,
      });
    }
    return { kind: block.kind, runs: runs.map(({ first: _first, ...rest }) => rest) };
  });
  return { blocks: outBlocks, authors, compactedAt };
}

/**
 * The authorship history of a section between two points ("start" or a version's id, and a
 * later version's id or "now"): the text with every passage inserted or deleted in between
 * attributed to its author and their organisation, and the passages per author. Whoever may
 * read the section may read it: authors' names and organisations are visible to every member
 * already (member list, comments). Field errors for points that do not exist or are in the
 * wrong order; `tooLong` when the log is longer than one page may replay.
 */
export async function sectionHistoryPage(
  services: Services,
  user: User,
  input: { consultationId: string; sectionId: string; from: HistoryPoint; to: HistoryPoint },
) {
  const access = await sectionAccess(services.db, user, input.sectionId, services.clock.now());
  if (access.section.consultationId !== input.consultationId) throw notFound();
  requirePermission(access, "section.view");
  requirePermission(access, "member.view");
  const all: Versions[] = await services.db
    .select({ id: versions.id, name: versions.name, frozenAt: versions.frozenAt })
    .from(versions)
    .where(eq(versions.consultationId, input.consultationId))
    .orderBy(asc(versions.frozenAt), asc(versions.name));
  const base = {
    consultation: { id: access.consultation.id, title: access.consultation.title },
    section: { id: access.section.id, title: access.section.title },
    versions: all,
    errors: {} as Record<string, string>,
    tooLong: false,
    /** The "to" point lies before the log was folded: its state cannot be rebuilt. */
    toCompacted: null as Date | null,
    history: null as HistoryResult | null,
  };
  const pointTime = (point: HistoryPoint, edge: "start" | "now") =>
    point === edge ? null : all.find((v) => v.id === point)?.frozenAt;
  const fromTime = pointTime(input.from, "start");
  const toTime = pointTime(input.to, "now");
  if (fromTime === undefined) base.errors.from = "history.unknownPoint";
  if (toTime === undefined) base.errors.to = "history.unknownPoint";
  if (fromTime && toTime && fromTime.getTime() >= toTime.getTime()) {
    base.errors.to = "history.order";
  }
  if (Object.keys(base.errors).length > 0) return base;

  const log = await readLog(services, input.sectionId);
  if (!log) return { ...base, tooLong: true };
  const compactedAt = log.snapshot?.at ?? null;
  if (compactedAt && toTime && toTime.getTime() < compactedAt.getTime()) {
    return { ...base, toCompacted: compactedAt };
  }
  const from = fromTime === null ? 0 : rowsUpTo(log.rows, fromTime!);
  const to = rowsUpTo(log.rows, toTime ?? null);
  const blocks = await attributeText({
    snapshot: log.snapshot?.state ?? null,
    rows: log.rows,
    from,
    to,
  });
  // Text folded into the snapshot shows unmarked; that is only exact if it all predates "from".
  const coarse =
    compactedAt && (fromTime === null || fromTime!.getTime() < compactedAt.getTime())
      ? compactedAt
      : null;
  return {
    ...base,
    history: await present(services, input.consultationId, log.rows, blocks, coarse),
  };
}
