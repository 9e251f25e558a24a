import * as Y from "yjs";

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
  /**
   * A short marker of what is stored (log rows and snapshot), without reading the updates: it
   * changes whenever a row is appended or a compaction folds rows into the snapshot.
   */
  state(docName: string): Promise<string>;
  /** The `state` markers of several documents, read together. */
  states(docNames: string[]): Promise<Map<string, string>>;
}

/** The markers of several documents, one `state` call each: for storages without a batch read. */
export async function statesOneByOne(
  storage: Pick<DocStorage, "state">,
  docNames: string[],
): Promise<Map<string, string>> {
  const entries = await Promise.all(
    docNames.map(async (name) => [name, await storage.state(name)] as const),
  );
  return new Map(entries);
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

  async state(docName: string): Promise<string> {
    const doc = this.docs.get(docName);
    if (!doc) return "0:0:-";
    return [doc.rows.length, doc.rows.at(-1)?.id ?? 0, doc.snapshot?.length ?? "-"].join(":");
  }

  states(docNames: string[]): Promise<Map<string, string>> {
    return statesOneByOne(this, docNames);
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
