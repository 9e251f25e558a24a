import { and, asc, eq, inArray, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "#db/client.ts";
import { docSnapshots, docUpdates } from "#db/schema/index.ts";

/** What a room needs to rebuild a document. */
export interface StoredDoc {
  /** The snapshot (if any) followed by every log row not folded into it, oldest first. */
  updates: Uint8Array[];
  /** Highest log row id returned (0 when the log is empty). */
  lastId: number;
  /** Log rows returned besides the snapshot: the compaction debt. */
  rowCount: number;
}

/** One update to append, attributed to the user whose connection sent it. */
export interface LogEntry {
  update: Uint8Array;
  userId: string | null;
}

/** Durable storage of Yjs documents as snapshot + append-only update log. */
export interface DocStorage {
  /** Resolves with everything stored for the document; nothing folded away concurrently is missed. */
  load(docName: string): Promise<StoredDoc>;
  /** Resolves (with the highest new row id) only once every entry is durable, all or none. */
  append(docName: string, entries: LogEntry[]): Promise<number>;
  /**
   * Atomically folds `state`, the previous snapshot and the log rows with id ≤ upToId that
   * exist when it runs into the snapshot and deletes exactly those rows; nothing is lost even if
   * `state` lacks some of them (e.g. rows written by another node).
   */
  compact(docName: string, state: Uint8Array, upToId: number): Promise<void>;
}

/** Merges updates into one minimal state update (deleted content garbage-collected). */
export function foldUpdates(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    // Row by row, not in one transaction: see Room.load.
    for (const update of updates) Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * A short marker of what is stored for a document (log rows and snapshot), without reading the
 * updates: it changes whenever a row is appended or a compaction folds rows into the snapshot.
 */
export async function storedState(db: Database, docName: string): Promise<string> {
  const [log] = await db
    .select({
      rows: sql<number>`count(*)::int`,
      last: sql<string | null>`max(${docUpdates.id})::text`,
    })
    .from(docUpdates)
    .where(eq(docUpdates.docName, docName));
  const [snapshot] = await db
    .select({ upTo: docSnapshots.upToUpdateId, at: docSnapshots.updatedAt })
    .from(docSnapshots)
    .where(eq(docSnapshots.docName, docName));
  return [
    log?.rows ?? 0,
    log?.last ?? 0,
    snapshot?.upTo ?? "-",
    snapshot?.at?.getTime() ?? "-",
  ].join(":");
}

/** Keeps everything in process memory: for tests and throwaway demos, not durable. */
export class MemoryStorage implements DocStorage {
  private readonly docs = new Map<
    string,
    { snapshot: Uint8Array | null; rows: { id: number; update: Uint8Array }[] }
  >();
  private nextId = 1;

  async load(docName: string): Promise<StoredDoc> {
    const doc = this.docs.get(docName);
    if (!doc) return { updates: [], lastId: 0, rowCount: 0 };
    const updates = doc.rows.map((r) => r.update);
    if (doc.snapshot) updates.unshift(doc.snapshot);
    return { updates, lastId: doc.rows.at(-1)?.id ?? 0, rowCount: doc.rows.length };
  }

  async append(docName: string, entries: LogEntry[]): Promise<number> {
    let doc = this.docs.get(docName);
    if (!doc) this.docs.set(docName, (doc = { snapshot: null, rows: [] }));
    for (const entry of entries) doc.rows.push({ id: this.nextId++, update: entry.update });
    return this.nextId - 1;
  }

  async compact(docName: string, state: Uint8Array, upToId: number): Promise<void> {
    const doc = this.docs.get(docName);
    if (!doc) return;
    const folded = doc.rows.filter((r) => r.id <= upToId);
    const parts = [state, ...folded.map((r) => r.update)];
    if (doc.snapshot) parts.unshift(doc.snapshot);
    doc.snapshot = foldUpdates(parts);
    doc.rows = doc.rows.filter((r) => r.id > upToId);
  }
}

/** Stores documents in the doc_snapshots and doc_updates tables (PostgreSQL or PGlite). */
export class PostgresStorage implements DocStorage {
  constructor(private readonly db: Database) {}

  async load(docName: string): Promise<StoredDoc> {
    // Rows first, snapshot second: a compaction committing in between deleted only rows it
    // folded into the snapshot we read afterwards, so nothing falls through the gap. All
    // remaining rows are read (not only id > upToUpdateId) because a row whose transaction
    // committed after a compaction can carry a lower id than the snapshot's mark.
    const rows = await this.db
      .select({ id: docUpdates.id, update: docUpdates.update })
      .from(docUpdates)
      .where(eq(docUpdates.docName, docName))
      .orderBy(asc(docUpdates.id));
    const [snapshot] = await this.db
      .select({ state: docSnapshots.state })
      .from(docSnapshots)
      .where(eq(docSnapshots.docName, docName));
    const updates = rows.map((r) => r.update);
    if (snapshot) updates.unshift(snapshot.state);
    return { updates, lastId: rows.at(-1)?.id ?? 0, rowCount: rows.length };
  }

  async append(docName: string, entries: LogEntry[]): Promise<number> {
    const inserted = await this.db
      .insert(docUpdates)
      .values(entries.map((e) => ({ docName, update: e.update, userId: e.userId })))
      .returning({ id: docUpdates.id });
    return Math.max(...inserted.map((r) => r.id));
  }

  async compact(docName: string, state: Uint8Array, upToId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Serialises compactions of one document across nodes; released at commit.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"collab:" + docName}))`);
      const [previous] = await tx
        .select({ state: docSnapshots.state, upTo: docSnapshots.upToUpdateId })
        .from(docSnapshots)
        .where(eq(docSnapshots.docName, docName));
      const rows = await tx
        .select({ id: docUpdates.id, update: docUpdates.update })
        .from(docUpdates)
        .where(and(eq(docUpdates.docName, docName), sql`${docUpdates.id} <= ${upToId}`))
        .orderBy(asc(docUpdates.id));
      const parts = [state, ...rows.map((r) => r.update)];
      if (previous) parts.unshift(previous.state);
      const folded = foldUpdates(parts);
      const upTo = Math.max(upToId, previous?.upTo ?? 0);
      await tx
        .insert(docSnapshots)
        .values({ docName, state: folded, upToUpdateId: upTo })
        .onConflictDoUpdate({
          target: docSnapshots.docName,
          set: { state: folded, upToUpdateId: upTo, updatedAt: new Date() },
        });
      // Delete exactly the rows read: one committed meanwhile with a lower id must survive.
      const ids = rows.map((r) => r.id);
      for (let i = 0; i < ids.length; i += 5000) {
        await tx.delete(docUpdates).where(inArray(docUpdates.id, ids.slice(i, i + 5000)));
      }
    });
  }
}
